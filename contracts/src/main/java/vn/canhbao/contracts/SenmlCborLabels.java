package vn.canhbao.contracts;

import java.util.Map;
import java.util.Optional;

/**
 * The integer labels SenML uses in CBOR (RFC 8428 section 6, table 4) and the JSON names they stand
 * for, so every CBOR decoder maps a pack onto the same strict JSON validation.
 */
public final class SenmlCborLabels {
    private static final Map<String, String> JSON_NAMES =
            Map.ofEntries(
                    Map.entry("-1", "bver"),
                    Map.entry("-2", "bn"),
                    Map.entry("-3", "bt"),
                    Map.entry("-4", "bu"),
                    Map.entry("-5", "bv"),
                    Map.entry("-6", "bs"),
                    Map.entry("0", "n"),
                    Map.entry("1", "u"),
                    Map.entry("2", "v"),
                    Map.entry("3", "vs"),
                    Map.entry("4", "vb"),
                    Map.entry("5", "s"),
                    Map.entry("6", "t"),
                    Map.entry("7", "ut"),
                    Map.entry("8", "vd"));

    private SenmlCborLabels() {}

    /**
     * The JSON name of a CBOR integer label given as its decimal text (as Jackson reports CBOR map
     * keys), e.g. {@code "-2"} → {@code bn}; empty for a label RFC 8428 does not define.
     */
    public static Optional<String> jsonName(String integerLabel) {
        return Optional.ofNullable(JSON_NAMES.get(integerLabel));
    }
}
