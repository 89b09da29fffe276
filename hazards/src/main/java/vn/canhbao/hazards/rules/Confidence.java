package vn.canhbao.hazards.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How sure we are of a rule-table row, with the tags of {@code DOMAIN-HAZARDS.md}: verified against
 * the cited source, established literature not re-read, or reconstructed and pending verification.
 * A row marked {@link #UNVERIFIED} must not be presented as an official level.
 */
public enum Confidence {
    /** Verified against the cited source ([V]). */
    VERIFIED("V"),
    /** Well-established literature or spec value, not re-read ([L]). */
    LITERATURE("L"),
    /** Partly recalled or a local choice, pending verification against the official text ([?]). */
    UNVERIFIED("?");

    private final String tag;

    Confidence(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    @JsonCreator
    public static Confidence fromTag(String tag) {
        for (Confidence c : values()) {
            if (c.tag.equals(tag)) {
                return c;
            }
        }
        throw new IllegalArgumentException("confidence: expected V, L or ? (got \"" + tag + "\")");
    }
}
