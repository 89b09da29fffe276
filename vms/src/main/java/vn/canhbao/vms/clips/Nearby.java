package vn.canhbao.vms.clips;

import java.util.Comparator;
import java.util.List;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.vms.camera.Camera;

/** Which cameras stand within a radius of a place (great-circle distance, haversine). */
public final class Nearby {
    private Nearby() {}

    /** A camera and its distance from the centre. */
    public record CameraAt(Camera camera, double distanceMetres) {}

    /** Cameras within {@code radiusMetres} (inclusive) of {@code center}, nearest first. */
    public static List<CameraAt> within(
            List<Camera> cameras, GeoPoint center, double radiusMetres) {
        return cameras.stream()
                .map(c -> new CameraAt(c, center.distanceMetres(c.location())))
                .filter(c -> c.distanceMetres() <= radiusMetres)
                .sorted(Comparator.comparingDouble(CameraAt::distanceMetres))
                .toList();
    }
}
