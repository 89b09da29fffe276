package vn.canhbao.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.canhbao.ingest.IngestMetrics;

class PrometheusEndpointTest {
    @Test
    void rendersCountersByReasonAndGaugesInTheTextFormat() {
        IngestMetrics m = new IngestMetrics();
        m.messageReceived();
        m.readingsAccepted(7);
        m.messageRejected("bn");
        m.readingRejected("unknown_sensor");
        m.duplicateDropped();
        m.kafkaFailure();

        String text;
        try (PrometheusEndpoint e =
                new PrometheusEndpoint(
                        0,
                        m,
                        Map.of("dedup_gateways", new PrometheusEndpoint.Gauge("g", () -> 3)))) {
            text = e.render();
        }

        assertThat(text)
                .contains("# TYPE cb_ingest_readings_accepted_total counter\n")
                .contains("cb_ingest_messages_received_total 1\n")
                .contains("cb_ingest_readings_accepted_total 7\n")
                .contains("cb_ingest_messages_rejected_total{field=\"bn\"} 1\n")
                .contains("cb_ingest_readings_rejected_total{reason=\"unknown_sensor\"} 1\n")
                .contains("cb_ingest_duplicates_dropped_total 1\n")
                .contains("cb_ingest_kafka_failures_total 1\n")
                .contains("# TYPE cb_ingest_dedup_gateways gauge\ncb_ingest_dedup_gateways 3\n");
    }
}
