package vn.canhbao.hazards.qc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * NOAA/IOOS QARTOD flags (DOMAIN-HAZARDS.md section 3 item 5): 1 pass, 2 not evaluated, 3 suspect,
 * 4 fail, 9 missing. Rules use {@link #PASS} and {@link #SUSPECT} values only; {@link #MISSING}
 * means "unknown", never "safe".
 */
public enum QcFlag {
    PASS(1),
    NOT_EVALUATED(2),
    SUSPECT(3),
    FAIL(4),
    MISSING(9);

    private final int code;

    QcFlag(int code) {
        this.code = code;
    }

    @JsonValue
    public int code() {
        return code;
    }

    /** Whether a rule may use a value with this flag: pass or suspect. */
    public boolean usable() {
        return this == PASS || this == SUSPECT;
    }

    /** The worse of two flags (fail over suspect over pass). */
    public QcFlag worst(QcFlag other) {
        return severity() >= other.severity() ? this : other;
    }

    private int severity() {
        return switch (this) {
            case PASS -> 0;
            case NOT_EVALUATED -> 1;
            case SUSPECT -> 2;
            case FAIL -> 3;
            case MISSING -> 4;
        };
    }

    @JsonCreator
    public static QcFlag of(int code) {
        for (QcFlag f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("flag: expected 1, 2, 3, 4 or 9 (got " + code + ")");
    }
}
