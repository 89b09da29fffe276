package vn.canhbao.contracts;

/** A WGS84 position in decimal degrees. */
public record GeoPoint(double lat, double lon) {
    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new ContractViolation("lat", lat, "expected a latitude from -90 to 90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new ContractViolation("lon", lon, "expected a longitude from -180 to 180");
        }
    }

    /** Great-circle distance in metres (haversine, mean Earth radius). */
    public double distanceMetres(GeoPoint other) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(lat))
                                * Math.cos(Math.toRadians(other.lat))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
