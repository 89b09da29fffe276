package vn.canhbao.hazards.qc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Real-time quality control after NOAA/IOOS QARTOD: gap, gross range, spike, rate of change, flat
 * line. Pure static functions over {@link QcState}.
 *
 * <p><b>Spike without hiding floods.</b> A value that steps from the last good value by less than
 * the spike limit cannot fail the QARTOD spike test whatever comes next ({@code |V2 − (V1+V3)/2| −
 * |(V3−V1)/2| <= |V2 − V1|}), so it is released at once. A larger step is held for one sample and
 * judged with QARTOD's three-point test once the next one arrives: a lone spike returns to the
 * baseline and fails; a real rise (a flash flood) keeps going or stays up and passes, one sample
 * late. {@link #expire} releases a held value as suspect when no next sample comes (the sensor may
 * have been destroyed by the very flood it saw).
 *
 * <p>Late values (not newer than the newest seen) get the gross-range test only and leave the state
 * unchanged. A silence longer than the gap limit yields a {@link QcFlag#MISSING} marker before the
 * next value, and the spike and rate tests restart after it.
 */
public final class QualityControl {
    private QualityControl() {}

    /** The outcome: the state to keep and the values released, oldest first (0, 1, 2 or 3). */
    public record Output(QcState state, List<QcResult> results) {
        public Output {
            Objects.requireNonNull(state, "state");
            results = List.copyOf(Objects.requireNonNull(results, "results"));
        }
    }

    public static Output evaluate(QcState state, QcSample sample, QcParams p) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(p, "params");
        long t = sample.time().toEpochMilli();
        // Sized for the usual case, one result and no reason: this runs for every reading.
        List<QcResult> out = new ArrayList<>(1);
        List<String> reasons = new ArrayList<>(0);
        QcFlag range = grossRange(sample.value(), p, reasons);
        if (state.lastTime() != QcState.NONE && t <= state.lastTime()) {
            reasons.add("late");
            return new Output(state, List.of(new QcResult(sample, range, reasons)));
        }
        QcState s = state;
        if (s.lastTime() != QcState.NONE && t - s.lastTime() > p.gapLimitMillis()) {
            Instant gapAt = Instant.ofEpochMilli(s.lastTime()).plus(p.expectedInterval());
            if (s.holding()) {
                out.add(releaseHeld(s, QcFlag.SUSPECT, "spike_unconfirmed"));
            }
            out.add(
                    new QcResult(
                            new QcSample(Double.NaN, gapAt, -1), QcFlag.MISSING, List.of("gap")));
            s = new QcState(s.lastTime(), 0, QcState.NONE, 0, QcState.NONE, -1, 1, 0, 0);
        }
        if (range == QcFlag.FAIL) {
            out.add(new QcResult(sample, range, reasons));
            return new Output(withLast(s, t), out);
        }
        if (s.holding()) {
            double v1 = s.goodTime() == QcState.NONE ? s.heldValue() : s.goodValue();
            double v2 = s.heldValue();
            double v3 = sample.value();
            double stat = Math.abs(v2 - (v1 + v3) / 2) - Math.abs((v3 - v1) / 2);
            QcFlag spike =
                    stat >= p.spikeFail()
                            ? QcFlag.FAIL
                            : stat >= p.spikeSuspect() ? QcFlag.SUSPECT : QcFlag.PASS;
            QcResult held = releaseHeld(s, spike, spike == QcFlag.PASS ? null : "spike");
            out.add(held);
            s =
                    held.usable()
                            ? new QcState(
                                    s.lastTime(),
                                    v2,
                                    s.heldTime(),
                                    0,
                                    QcState.NONE,
                                    -1,
                                    1,
                                    s.flatRef(),
                                    s.flatRun())
                            : new QcState(
                                    s.lastTime(),
                                    s.goodValue(),
                                    s.goodTime(),
                                    0,
                                    QcState.NONE,
                                    -1,
                                    1,
                                    s.flatRef(),
                                    s.flatRun());
        }
        QcFlag flag = range;
        double v = sample.value();
        if (s.goodTime() != QcState.NONE) {
            double hours = (t - s.goodTime()) / 3_600_000.0;
            if (Math.abs(v - s.goodValue()) / hours > p.rateOfChangePerHour()) {
                flag = flag.worst(QcFlag.SUSPECT);
                reasons.add("rate_of_change");
            }
        }
        boolean same = s.flatRun() > 0 && Math.abs(v - s.flatRef()) <= p.flatLineTolerance();
        int run = same ? s.flatRun() + 1 : 1;
        double ref = same ? s.flatRef() : v;
        if (p.flatLineFail() > 0 && run >= p.flatLineFail()) {
            flag = flag.worst(QcFlag.FAIL);
            reasons.add("flat_line");
        } else if (p.flatLineSuspect() > 0 && run >= p.flatLineSuspect()) {
            flag = flag.worst(QcFlag.SUSPECT);
            reasons.add("flat_line");
        }
        boolean step =
                s.goodTime() != QcState.NONE && Math.abs(v - s.goodValue()) > p.spikeSuspect();
        if (step && flag != QcFlag.FAIL) {
            QcState held =
                    new QcState(
                            t,
                            s.goodValue(),
                            s.goodTime(),
                            v,
                            t,
                            sample.seq(),
                            flag.code(),
                            ref,
                            run);
            return new Output(held, out);
        }
        QcResult result = new QcResult(sample, flag, reasons);
        QcState next =
                flag.usable()
                        ? new QcState(t, v, t, 0, QcState.NONE, -1, 1, ref, run)
                        : new QcState(
                                t, s.goodValue(), s.goodTime(), 0, QcState.NONE, -1, 1, ref, run);
        if (out.isEmpty()) {
            return new Output(next, List.of(result)); // no copy of a list of one
        }
        out.add(result);
        return new Output(next, out);
    }

    /**
     * Releases a held step as suspect once no next sample has come within the gap limit; call it
     * from a timer. Empty when nothing is held or the limit has not passed.
     */
    public static Optional<Output> expire(QcState state, Instant now, QcParams p) {
        if (!state.holding() || now.toEpochMilli() - state.heldTime() <= p.gapLimitMillis()) {
            return Optional.empty();
        }
        QcResult r = releaseHeld(state, QcFlag.SUSPECT, "spike_unconfirmed");
        QcState next =
                new QcState(
                        state.lastTime(),
                        state.heldValue(),
                        state.heldTime(),
                        0,
                        QcState.NONE,
                        -1,
                        1,
                        state.flatRef(),
                        state.flatRun());
        return Optional.of(new Output(next, List.of(r)));
    }

    /**
     * The sensor's status at {@code now}: {@link QcFlag#MISSING} when nothing arrived within the
     * gap limit (or ever), so a consumer shows "unknown", never "safe"; else {@link QcFlag#PASS}.
     */
    public static QcFlag status(QcState state, Instant now, QcParams p) {
        if (state.lastTime() == QcState.NONE
                || now.toEpochMilli() - state.lastTime() > p.gapLimit().toMillis()) {
            return QcFlag.MISSING;
        }
        return QcFlag.PASS;
    }

    private static QcFlag grossRange(double v, QcParams p, List<String> reasons) {
        if (!Double.isFinite(v) || v < p.failMin() || v > p.failMax()) {
            reasons.add("gross_range");
            return QcFlag.FAIL;
        }
        if (v < p.suspectMin() || v > p.suspectMax()) {
            reasons.add("gross_range");
            return QcFlag.SUSPECT;
        }
        return QcFlag.PASS;
    }

    private static QcResult releaseHeld(QcState s, QcFlag test, String reason) {
        QcFlag flag = QcFlag.of(s.heldFlag()).worst(test);
        List<String> reasons = reason == null ? List.of() : List.of(reason);
        return new QcResult(
                new QcSample(s.heldValue(), Instant.ofEpochMilli(s.heldTime()), s.heldSeq()),
                flag,
                reasons);
    }

    private static QcState withLast(QcState s, long t) {
        return new QcState(
                t,
                s.goodValue(),
                s.goodTime(),
                s.heldValue(),
                s.heldTime(),
                s.heldSeq(),
                s.heldFlag(),
                s.flatRef(),
                s.flatRun());
    }
}
