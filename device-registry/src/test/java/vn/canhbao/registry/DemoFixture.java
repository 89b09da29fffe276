package vn.canhbao.registry;

import java.util.List;

/**
 * The agreed demo fixture (three sites, each with one gateway, a water-level sensor and a rain
 * gauge) as the JSON request bodies the local runner posts to the registry.
 */
public final class DemoFixture {
    private DemoFixture() {}

    /** One demo site: its id, name, commune, province and position. */
    public record DemoSite(
            String id, String name, String commune, String province, double lat, double lon) {
        public String gateway() {
            return "gw-" + id;
        }

        public String waterLevelSensor() {
            return "wl-" + id;
        }

        public String rainGauge() {
            return "rg-" + id;
        }

        /** Body of {@code POST /api/v1/sites}. */
        public String siteBody() {
            return """
                    {"id":"%s","name":"%s","commune":"%s","province":"%s","lat":%s,"lon":%s,
                     "flood":{"alarm1":2.0,"alarm2":3.0,"alarm3":4.0,"gaugeDatum":0.0,"provenance":"local-estimate"}}
                    """
                    .formatted(id, name, commune, province, lat, lon);
        }

        /** Body of {@code POST /api/v1/gateways}. */
        public String gatewayBody() {
            return """
                    {"id":"%s","siteId":"%s"}"""
                    .formatted(gateway(), id);
        }

        /** Bodies of {@code POST /api/v1/sensors}: the water-level sensor, then the rain gauge. */
        public List<String> sensorBodies() {
            return List.of(
                    sensorBody(waterLevelSensor(), "water_level"), sensorBody(rainGauge(), "rain"));
        }

        private String sensorBody(String sensor, String quantity) {
            return """
                    {"id":"%s","gatewayId":"%s","quantity":"%s","scale":1.0,"offset":0.0,"expectedIntervalSeconds":60}"""
                    .formatted(sensor, gateway(), quantity);
        }
    }

    public static final List<DemoSite> SITES =
            List.of(
                    new DemoSite(
                            "nam-cang",
                            "Suối Nậm Cang",
                            "Xã Nậm Cang",
                            "Lào Cai",
                            22.2519,
                            103.9806),
                    new DemoSite(
                            "ta-van", "Suối Mường Hoa", "Xã Tả Van", "Lào Cai", 22.3155, 103.8921),
                    new DemoSite(
                            "tra-leng", "Sông Tranh", "Xã Trà Leng", "Đà Nẵng", 15.2800, 108.0600));
}
