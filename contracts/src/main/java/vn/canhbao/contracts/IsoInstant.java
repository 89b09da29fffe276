package vn.canhbao.contracts;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, {@code 2025-11-22T06:48:23.123Z}) without a {@code
 * DateTimeFormatter}, for the instants ingest writes in every telemetry pack: years 1970-9999 and
 * whole milliseconds. Other instants are left to {@link Instant#toString()}.
 *
 * <p>Stateless and thread-safe.
 */
final class IsoInstant {
    /** Enough for {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    static final int MAX_CHARS = 24;

    /** 10000-01-01T00:00:00Z: from here on the year needs more than four digits. */
    private static final long YEAR_10000_SECONDS = 253_402_300_800L;

    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstant() {}

    /**
     * Writes {@code t} as {@link Instant#toString()} would into {@code buf} (at least {@link
     * #MAX_CHARS} long).
     *
     * @return the number of chars written, or -1 when {@code t} is outside the fast range (then
     *     nothing is written)
     */
    static int write(Instant t, char[] buf) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        if (seconds < 0 || seconds >= YEAR_10000_SECONDS || nanos % 1_000_000 != 0) {
            return -1;
        }
        long days = seconds / SECONDS_PER_DAY;
        int secondOfDay = (int) (seconds - days * SECONDS_PER_DAY);
        // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date
        // Algorithms"), for non-negative days.
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        two(buf, 0, year / 100);
        two(buf, 2, year % 100);
        buf[4] = '-';
        two(buf, 5, month);
        buf[7] = '-';
        two(buf, 8, day);
        buf[10] = 'T';
        two(buf, 11, secondOfDay / 3600);
        buf[13] = ':';
        two(buf, 14, secondOfDay / 60 % 60);
        buf[16] = ':';
        two(buf, 17, secondOfDay % 60);
        int i = 19;
        if (nanos != 0) {
            int millis = nanos / 1_000_000;
            buf[i++] = '.';
            buf[i++] = (char) ('0' + millis / 100);
            two(buf, i, millis % 100);
            i += 2;
        }
        buf[i++] = 'Z';
        return i;
    }

    private static void two(char[] buf, int at, int value) {
        buf[at] = (char) ('0' + value / 10);
        buf[at + 1] = (char) ('0' + value % 10);
    }
}
