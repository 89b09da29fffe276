package vn.canhbao.vms.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
    private final RotationPolicy tenSeconds = new RotationPolicy(Duration.ofSeconds(10));

    @Test
    void boundaryIsTheNextWallClockMultipleOfTheDuration() {
        // given a segment started 1 s after a boundary
        Instant start = Instant.parse("2026-11-22T01:00:01Z");
        // then it ends at the next aligned boundary
        assertThat(tenSeconds.boundaryFor(start)).isEqualTo(Instant.parse("2026-11-22T01:00:10Z"));
    }

    @Test
    void segmentStartedOnABoundaryLastsOneFullDuration() {
        assertThat(tenSeconds.boundaryFor(Instant.parse("2026-11-22T01:00:10Z")))
                .isEqualTo(Instant.parse("2026-11-22T01:00:20Z"));
    }

    @Test
    void segmentStartedJustBeforeABoundaryIsNotCutShortButJoinsTheNextOne() {
        // given a segment started 0.5 s before a boundary
        Instant start = Instant.parse("2026-11-22T01:00:09.500Z");
        // then it runs to the boundary after, so no segment is shorter than half a duration
        assertThat(tenSeconds.boundaryFor(start)).isEqualTo(Instant.parse("2026-11-22T01:00:20Z"));
    }

    @Test
    void rotatesOnlyOnAKeyframeAtOrAfterTheBoundary() {
        Instant boundary = Instant.parse("2026-11-22T01:00:10Z");
        assertThat(tenSeconds.shouldRotate(boundary, boundary.minusMillis(1), true)).isFalse();
        assertThat(tenSeconds.shouldRotate(boundary, boundary, false)).isFalse();
        assertThat(tenSeconds.shouldRotate(boundary, boundary.plusSeconds(3), false)).isFalse();
        assertThat(tenSeconds.shouldRotate(boundary, boundary, true)).isTrue();
        assertThat(tenSeconds.shouldRotate(boundary, boundary.plusMillis(700), true)).isTrue();
    }

    @Test
    void rejectsDurationsUnderOneSecond() {
        assertThatThrownBy(() -> new RotationPolicy(Duration.ofMillis(500)))
                .hasMessageContaining("segmentDuration")
                .hasMessageContaining("PT0.5S");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(b.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.next(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.next(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.next(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void segmentFilesAreNamedByCameraDayAndUtcTime() {
        assertThat(
                        SegmentPaths.relativePath(
                                vn.canhbao.contracts.CameraId.of("cam-1"),
                                Instant.parse("2026-11-22T01:02:03.456Z")))
                .hasToString("cam-1/2026-11-22/010203.456Z.mp4");
    }
}
