package vn.canhbao.edge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.testsupport.FreePorts;

/**
 * An acknowledged sample is in the journal: the agent answers a CoAP sensor 2.04 only after the
 * sample was appended and fsynced (group commit), not when it sits in the in-memory batch. With a
 * one-minute batch interval and no broker, the batch timer cannot have written it.
 */
class EdgeAgentCommitIT {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    @TempDir Path dir;
    private EdgeAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aSampleIsInTheJournalBeforeTheSensorGets204() throws Exception {
        int coapPort = FreePorts.next();
        String json =
                """
                {"gateway":"gw-nam-cang","dataDir":"agent-data",
                 "uplink":{"broker":"tcp://127.0.0.1:%d","reconnectMaxDelay":"PT1S","fsyncInterval":"PT0.02S"},
                 "batch":{"interval":"PT60S"},
                 "sensors":{"wl-nam-cang":"water_level"},
                 "adapters":{"coap":{"bind":"127.0.0.1:%d"}},
                 "localWarnings":{"mode":"off"},
                 "health":{"interval":"PT60S"}}
                """
                        .formatted(FreePorts.next(), coapPort);
        agent = new EdgeAgent(EdgeAgentConfig.parse(json.getBytes(StandardCharsets.UTF_8), dir));
        agent.start();
        long before = agent.heartbeat().journalRecords();

        CoapClient client =
                new CoapClient("coap://127.0.0.1:" + coapPort + "/s/wl-nam-cang")
                        .setTimeout(10_000L);
        try {
            for (int i = 1; i <= 3; i++) {
                CoapResponse r =
                        client.post("[{\"n\":\"water_level\",\"u\":\"m\",\"v\":2." + i + "}]", 110);

                assertThat(r).isNotNull();
                assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
                // read at once: the answer came after the append, not after the batch interval
                assertThat(agent.heartbeat().journalRecords()).isEqualTo(before + i);
            }
            // and a bad pack is refused with its reason, counted, and journaled as a dead letter
            CoapResponse bad = client.post("[{\"n\":\"water_level\",\"u\":\"ft\",\"v\":7}]", 110);
            assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(bad.getResponseText()).contains("u");
            assertThat(agent.journalStats().recordsByPriority().get(Priority.DIAGNOSTIC))
                    .isEqualTo(1L);
            assertThat(agent.heartbeat().rejectedByReason().get("coap")).isNotEmpty();
        } finally {
            client.shutdown();
        }
    }
}
