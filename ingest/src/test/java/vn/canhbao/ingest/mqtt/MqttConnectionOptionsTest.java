package vn.canhbao.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import vn.canhbao.ingest.IngestConfig;

class MqttConnectionOptionsTest {
    @Test
    void sessionSurvivesDisconnectsSoUnacknowledgedMessagesAreRedelivered() {
        IngestConfig config =
                IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092")
                        .withSessionExpiry(Duration.ofMinutes(10));

        MqttConnectionOptions o = MqttTelemetrySource.connectionOptions(config);

        assertThat(o.isCleanStart()).isFalse();
        assertThat(o.getSessionExpiryInterval()).isEqualTo(600L);
        assertThat(o.isAutomaticReconnect()).isTrue();
        assertThat(o.getReceiveMaximum()).isEqualTo(MqttTelemetrySource.RECEIVE_MAXIMUM);
    }
}
