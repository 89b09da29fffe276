package vn.canhbao.vms.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.vms.camera.Camera;

class TimeWindowAndDistanceTest {
    private static final GeoPoint NAM_CANG_SITE = new GeoPoint(22.2519, 103.9806);

    @Test
    void alertWindowRunsFromBeforeTheEpisodeToAfterItsLastTransition() {
        Instant start = Instant.parse("2026-11-22T01:00:00Z");
        Instant last = Instant.parse("2026-11-22T01:30:00Z");

        TimeWindow w =
                TimeWindow.aroundEpisode(
                        start, last, Duration.ofMinutes(10), Duration.ofMinutes(5));

        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-22T00:50:00Z"));
        assertThat(
                        w.overlaps(
                                Instant.parse("2026-11-22T01:34:59Z"),
                                Instant.parse("2026-11-22T01:35:09Z")))
                .isTrue();
        assertThat(
                        w.overlaps(
                                Instant.parse("2026-11-22T01:35:01Z"),
                                Instant.parse("2026-11-22T01:35:11Z")))
                .isFalse();
        assertThat(
                        w.overlaps(
                                Instant.parse("2026-11-22T00:49:50Z"),
                                Instant.parse("2026-11-22T00:50:00Z")))
                .isFalse();
        assertThat(
                        w.overlaps(
                                Instant.parse("2026-11-22T00:49:55Z"),
                                Instant.parse("2026-11-22T00:50:05Z")))
                .isTrue();
    }

    @Test
    void segmentSpanningTheWholeWindowOverlapsIt() {
        TimeWindow w =
                new TimeWindow(
                        Instant.parse("2026-11-22T01:00:00Z"),
                        Instant.parse("2026-11-22T01:00:10Z"));
        assertThat(
                        w.overlaps(
                                Instant.parse("2026-11-22T00:59:00Z"),
                                Instant.parse("2026-11-22T01:01:00Z")))
                .isTrue();
    }

    @Test
    void simulatedCameraIsAboutSeventyMetresFromItsSite() {
        double d = NAM_CANG_SITE.distanceMetres(new GeoPoint(22.2525, 103.9810));
        assertThat(d).isCloseTo(78, within(5.0));
    }

    @Test
    void oneDegreeOfLatitudeIsAbout111Km() {
        assertThat(new GeoPoint(22, 104).distanceMetres(new GeoPoint(23, 104)))
                .isCloseTo(111_195, within(50.0));
    }

    @Test
    void keepsOnlyCamerasWithinTheRadiusNearestFirst() {
        Camera near = camera("cam-near", 22.2525, 103.9810);
        Camera edge = camera("cam-4km", 22.2519 + 4.0 / 111.195, 103.9806);
        Camera far = camera("cam-far", 22.2519 + 50.0 / 111.195, 103.9806); // 50 km north

        List<Nearby.CameraAt> found = Nearby.within(List.of(far, edge, near), NAM_CANG_SITE, 5_000);

        assertThat(found)
                .extracting(c -> c.camera().id().value())
                .containsExactly("cam-near", "cam-4km");
        assertThat(found.get(1).distanceMetres()).isCloseTo(4_000, within(5.0));
    }

    private static Camera camera(String id, double lat, double lon) {
        return new Camera(
                CameraId.of(id), id, Optional.empty(), new GeoPoint(lat, lon), Optional.empty());
    }
}
