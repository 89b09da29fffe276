package vn.canhbao.vms.clips;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.vms.camera.CameraRepository;
import vn.canhbao.vms.index.Segment;
import vn.canhbao.vms.index.SegmentRepository;
import vn.canhbao.vms.web.ProblemException;

/**
 * Finds recorded footage for a place and time: cameras within a radius (haversine over the camera
 * table), then their segments overlapping the window (index on camera and start).
 */
@ApplicationScoped
public class ClipFinder {
    private final CameraRepository cameras;
    private final SegmentRepository segments;
    private final AlertRepository alerts;
    private final SiteRepository sites;

    ClipFinder(
            CameraRepository cameras,
            SegmentRepository segments,
            AlertRepository alerts,
            SiteRepository sites) {
        this.cameras = cameras;
        this.segments = segments;
        this.alerts = alerts;
        this.sites = sites;
    }

    public ClipSearch near(GeoPoint center, double radiusKm, TimeWindow window) {
        return search(Optional.empty(), center, radiusKm, window);
    }

    /**
     * Footage around an alert's site, from {@code before} ahead of the episode start to {@code
     * after} past its latest transition.
     *
     * @throws ProblemException 404 if the alert, or its site's location, is not known
     */
    public ClipSearch forAlert(String alertId, double radiusKm, Duration before, Duration after) {
        AlertEpisode alert =
                alerts.find(alertId)
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "alertId = '"
                                                        + alertId
                                                        + "': no such alert received"));
        GeoPoint center =
                sites.location(alert.site())
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "site = '"
                                                        + alert.site()
                                                        + "' of alert "
                                                        + alertId
                                                        + ": no site configuration received"));
        TimeWindow window =
                TimeWindow.aroundEpisode(
                        alert.episodeStart(), alert.lastTransition(), before, after);
        return search(Optional.of(alert), center, radiusKm, window);
    }

    private ClipSearch search(
            Optional<AlertEpisode> alert, GeoPoint center, double radiusKm, TimeWindow window) {
        List<Nearby.CameraAt> near = Nearby.within(cameras.findAll(), center, radiusKm * 1000);
        Map<CameraId, Nearby.CameraAt> byId =
                near.stream().collect(Collectors.toMap(c -> c.camera().id(), Function.identity()));
        List<Clip> clips =
                segments.overlapping(byId.keySet(), window.from(), window.to()).stream()
                        .map(s -> clip(s, byId.get(s.camera())))
                        .toList();
        return new ClipSearch(
                alert.map(AlertEpisode::alertId),
                alert.map(AlertEpisode::site),
                center,
                radiusKm,
                window.from(),
                window.to(),
                clips);
    }

    private static Clip clip(Segment s, Nearby.CameraAt at) {
        return new Clip(
                s.id(),
                s.camera(),
                at.camera().name(),
                Math.round(at.distanceMetres()) / 1000.0,
                s.start(),
                s.end(),
                s.bytes(),
                s.codec(),
                s.width(),
                s.height(),
                s.hasGapBefore(),
                "/api/v1/segments/" + s.id() + "/media");
    }
}
