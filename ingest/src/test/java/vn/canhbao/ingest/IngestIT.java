package vn.canhbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Ingest between a real Mosquitto and a real Kafka: delivery, dead letters, Kafka outage, clean
 * close.
 */
class IngestIT {
    private static final List<String> GATEWAYS = List.of("nam-cang", "ta-van", "tra-leng");
    // Relative to the clock: ingest refuses readings older than 30 days by default.
    private static final Instant T0 =
            Instant.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                    .minus(Duration.ofDays(1));
    private static final SenmlCodec SENML = new SenmlCodec();

    @TempDir Path dir;

    private MosquittoBroker mosquitto;
    private KafkaBroker kafka;
    private MqttClient publisher;
    private Set<String> threadsBefore;

    @BeforeEach
    void startBrokers() throws MqttException {
        mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 3, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        publisher = connectPublisher();
        threadsBefore = liveThreadNames();
    }

    @AfterEach
    void stopBrokers() throws MqttException {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void everyReadingArrivesOnceInOrderPerSensorAndAMalformedMessageGoesToTheDeadLetterTopic()
            throws Exception {
        // given one MQTT connection: a shared subscription spreads a gateway's messages over the
        // connections, and order is kept within one connection only
        int batches = 40;
        byte[] malformed;
        IngestService ingest = new IngestService(config("ingest-it-a").withMqttConnections(1));
        ingest.start();

        // when: 40 batches per gateway, a message with a wrong unit in the middle of gw-nam-cang's
        // stream
        for (int b = 0; b < batches; b++) {
            for (String site : GATEWAYS) {
                publish(site, batch(site, b));
            }
        }
        malformed =
                ("[{\"bn\":\"gw-nam-cang/\",\"bt\":"
                                + T0.getEpochSecond()
                                + ",\"n\":\"wl-nam-cang/water_level\",\"u\":\"cm\",\"v\":235,\"seq_\":999999}]")
                        .getBytes(StandardCharsets.UTF_8);
        publish("nam-cang", malformed);
        for (int b = batches; b < 2 * batches; b++) {
            for (String site : GATEWAYS) {
                publish(site, batch(site, b));
            }
        }
        int expectedReadings = GATEWAYS.size() * 2 * batches * 2;

        // then: every (gateway, seq) exactly once, each sensor's readings in order
        List<TelemetryRecord> records = consumeTelemetry(expectedReadings);
        assertEachReadingOnce(records, expectedReadings);
        Map<String, List<Long>> seqsBySensor = new HashMap<>();
        records.forEach(
                r ->
                        seqsBySensor
                                .computeIfAbsent(r.sensorKey(), k -> new ArrayList<>())
                                .add(r.seq()));
        assertThat(seqsBySensor).hasSize(6);
        seqsBySensor.forEach(
                (sensor, seqs) -> assertThat(seqs).as(sensor).isSorted().hasSize(2 * batches));
        assertThat(seqsBySensor.get("gw-nam-cang/wl-nam-cang")).contains(2L * (2 * batches - 1));

        // and the malformed message is in the dead-letter topic, its reason naming the field
        List<ConsumerRecord<String, byte[]>> dead = consume(KafkaTopics.TELEMETRY_DLQ, 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertThat(letter.key()).isEqualTo("gw-nam-cang");
        assertThat(letter.value()).isEqualTo(malformed);
        assertThat(header(letter, KafkaTopics.DLQ_FIELD)).isEqualTo("[0].u");
        assertThat(header(letter, KafkaTopics.DLQ_REASON)).contains("[0].u").contains("\"cm\"");
        assertThat(header(letter, KafkaTopics.DLQ_SOURCE))
                .isEqualTo("cb/v1/gw/gw-nam-cang/telemetry");
        assertThat(Instant.parse(header(letter, KafkaTopics.DLQ_REJECTED_AT)))
                .isBefore(Instant.now().plusSeconds(1));

        // and every message was acknowledged to the broker
        int messages = GATEWAYS.size() * 2 * batches + 1;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ingest.metrics().snapshot().ackedMessages() == messages);
        IngestMetrics.Snapshot m = ingest.metrics().snapshot();
        assertThat(m.receivedMessages()).isEqualTo(messages);
        assertThat(m.acceptedReadings()).isEqualTo(expectedReadings);
        assertThat(m.rejectedByField()).isEqualTo(Map.of("u", 1L));
        assertThat(m.deadLetters()).isEqualTo(1);
        assertThat(m.kafkaFailures()).isZero();

        // when
        assertThat(ingestThreads())
                .anyMatch(n -> n.startsWith("ingest-send-"))
                .anyMatch(n -> n.startsWith("MQTT"))
                .anyMatch(n -> n.startsWith("kafka-producer-network-thread | ingest-"));
        ingest.close();

        // then
        assertNoLeakedThreads();
    }

    @Test
    void messagesPublishedWhileKafkaIsDownAreNotAcknowledgedAndArriveWhenItIsBack()
            throws Exception {
        // given: ingest running and Kafka known to it
        IngestService ingest =
                new IngestService(
                        config("ingest-it-b").withKafkaDeliveryTimeout(Duration.ofSeconds(3)));
        ingest.start();
        publish("ta-van", batch("ta-van", 0));
        consumeTelemetry(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ingest.metrics().snapshot().ackedMessages() == 1);

        // when Kafka goes away and gateways keep publishing
        kafka.stop();
        int batches = 10;
        for (int b = 1; b <= batches; b++) {
            publish("ta-van", batch("ta-van", b));
        }

        // then ingest receives them, Kafka fails them, and none is acknowledged
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            IngestMetrics.Snapshot s = ingest.metrics().snapshot();
                            return s.kafkaFailures() >= 1 && s.redeliveryRequests() >= 2;
                        });
        assertThat(ingest.metrics().snapshot().ackedMessages()).isEqualTo(1);

        // when Kafka is back
        kafka.restart();

        // then every reading published during the outage arrives (duplicates allowed:
        // at-least-once)
        Set<Long> expectedSeqs = new java.util.TreeSet<>();
        for (int b = 0; b <= batches; b++) {
            expectedSeqs.add(2L * b);
            expectedSeqs.add(2L * b + 1);
        }
        Set<Long> seen = new java.util.TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(KafkaTopics.TELEMETRY));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200))
                                        .forEach(
                                                r ->
                                                        TelemetryTopic.unpack(r)
                                                                .forEach(t -> seen.add(t.seq())));
                                return seen.containsAll(expectedSeqs);
                            });
        }
        assertThat(seen).isEqualTo(expectedSeqs);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ingest.metrics().snapshot().ackedMessages() >= batches + 1);

        ingest.close();
        assertNoLeakedThreads();
    }

    @Test
    void messagesHeldWhenIngestStopsDuringAKafkaOutageAreRedeliveredToItsNextStart()
            throws Exception {
        // given: ingest knows Kafka, then Kafka goes away while gateways publish
        IngestConfig config = config("ingest-it-e").withKafkaDeliveryTimeout(Duration.ofSeconds(2));
        IngestService first = new IngestService(config);
        first.start();
        publish("nam-cang", batch("nam-cang", 0));
        consumeTelemetry(2);
        kafka.stop();
        for (int b = 1; b <= 5; b++) {
            publish("nam-cang", batch("nam-cang", b));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> first.metrics().snapshot().receivedMessages() >= 6);

        // when that instance stops before Kafka is back (close waits at most the delivery timeout)
        first.close();
        IngestMetrics.Snapshot stopped = first.metrics().snapshot();
        kafka.restart();
        IngestService second = new IngestService(config);
        second.start();

        // then the broker still held the five messages (they were never acknowledged) and sends
        // them again
        assertThat(stopped.ackedMessages()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> second.metrics().snapshot().ackedMessages() >= 5);
        Set<Long> seen =
                consumeTelemetry(12).stream().map(TelemetryRecord::seq).collect(Collectors.toSet());
        assertThat(seen)
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        second.close();
        assertNoLeakedThreads();
    }

    @Test
    void messagesPublishedWhileIngestIsStoppedArriveAfterItRestartsWithTheSameSession()
            throws Exception {
        // given an ingest instance that subscribed once, then stopped
        IngestConfig config = config("ingest-it-c");
        IngestService first = new IngestService(config);
        first.start();
        first.close();

        // when gateways publish while it is away
        for (int b = 0; b < 5; b++) {
            publish("tra-leng", batch("tra-leng", b));
        }
        IngestService second = new IngestService(config);
        second.start();

        // then the broker kept them in the session and they arrive
        List<TelemetryRecord> records = consumeTelemetry(10);
        assertThat(records)
                .extracting(TelemetryRecord::seq)
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        second.close();
        assertNoLeakedThreads();
    }

    @Test
    void keepsDeliveringAfterTheMqttBrokerRestarts() throws Exception {
        // given
        IngestService ingest = new IngestService(config("ingest-it-d"));
        ingest.start();
        assertThat(ingest.isReady()).isTrue();
        for (int b = 0; b < 5; b++) {
            publish("nam-cang", batch("nam-cang", b));
        }
        consumeTelemetry(10);

        // when the broker restarts (sessions persist) and gateways publish again
        publisher.disconnect();
        publisher.close();
        publisher = null;
        mosquitto.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ingest.isReady());
        mosquitto.restart();
        publisher = connectPublisher();
        await().atMost(Duration.ofSeconds(30)).until(ingest::isReady);
        for (int b = 5; b < 10; b++) {
            publish("nam-cang", batch("nam-cang", b));
        }

        // then Paho reconnected on its own, and every reading arrives
        Set<Long> seen = new java.util.TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(KafkaTopics.TELEMETRY));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200))
                                        .forEach(
                                                r ->
                                                        TelemetryTopic.unpack(r)
                                                                .forEach(t -> seen.add(t.seq())));
                                return seen.size() == 20;
                            });
        }
        assertThat(seen).hasSize(20).contains(0L, 19L);

        ingest.close();
        assertNoLeakedThreads();
    }

    @Test
    void withTwoConnectionsEveryMessageArrivesOnceEvenWhenOneConnectionIsTakenOverMidStream()
            throws Exception {
        // given an instance with two connections on the shared subscription
        IngestConfig config = config("ingest-it-f").withMqttConnections(2);
        IngestService ingest = new IngestService(config);
        ingest.start();
        assertThat(ingest.subscribedMqttConnections()).isEqualTo(2);
        // one Paho receive thread per connection
        assertThat(ingestThreads()).contains("MQTT Rec: ingest-it-f", "MQTT Rec: ingest-it-f.1");
        int batches = 60;
        int b = 0;
        for (; b < batches / 3; b++) {
            for (String site : GATEWAYS) {
                publish(site, batch(site, b));
            }
        }

        // when another client takes over the session of connection 1 (the broker drops ingest's
        // connection), receives messages of the shared subscription and never acknowledges them
        List<Integer> heldByIntruder = java.util.Collections.synchronizedList(new ArrayList<>());
        MqttClient intruder =
                new MqttClient(mosquitto.uri(), "ingest-it-f.1", new MemoryPersistence());
        intruder.setManualAcks(true);
        intruder.setCallback(
                new org.eclipse.paho.mqttv5.client.MqttCallback() {
                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        heldByIntruder.add(message.getId());
                    }

                    @Override
                    public void disconnected(
                            org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

                    @Override
                    public void mqttErrorOccurred(MqttException e) {}

                    @Override
                    public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

                    @Override
                    public void connectComplete(boolean reconnect, String serverUri) {}

                    @Override
                    public void authPacketArrived(
                            int reasonCode,
                            org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
                });
        MqttConnectionOptions takeover = new MqttConnectionOptions();
        takeover.setCleanStart(false);
        takeover.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        intruder.connect(takeover);
        for (; b < 2 * batches / 3; b++) {
            for (String site : GATEWAYS) {
                publish(site, batch(site, b));
            }
        }

        // then ingest's connection 1 takes its session back on its own (connection 0 kept going),
        // and the broker redelivers what the intruder held to it
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(intruder.isConnected()).isFalse();
                            assertThat(ingest.isReady()).isTrue();
                        });
        for (; b < batches; b++) {
            for (String site : GATEWAYS) {
                publish(site, batch(site, b));
            }
        }
        int expectedReadings = GATEWAYS.size() * batches * 2;
        List<TelemetryRecord> records = consumeTelemetry(expectedReadings);
        assertEachReadingOnce(records, expectedReadings);
        assertThat(heldByIntruder)
                .as("messages the intruder held, unacknowledged, then ingest got again")
                .isNotEmpty();
        int messages = GATEWAYS.size() * batches;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ingest.metrics().snapshot().ackedMessages() >= messages);
        IngestMetrics.Snapshot m = ingest.metrics().snapshot();
        assertThat(m.acceptedReadings()).isEqualTo(expectedReadings);
        assertThat(m.receivedMessages()).isGreaterThanOrEqualTo(messages);
        assertThat(m.kafkaFailures()).isZero();

        intruder.close();
        ingest.close();
        assertNoLeakedThreads();
    }

    private MqttClient connectPublisher() throws MqttException {
        MqttClient client =
                new MqttClient(mosquitto.uri(), "it-publisher", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        return client;
    }

    private IngestConfig config(String clientId) {
        return IngestConfig.of(mosquitto.uri(), clientId, kafka.bootstrapServers());
    }

    /** Batch {@code b} of a site: its water level and its rain reading, seq 2b and 2b+1. */
    private static byte[] batch(String site, int b) {
        GatewayId gw = GatewayId.of("gw-" + site);
        Instant t = T0.plusSeconds(60L * b);
        return SENML.encode(
                new ReadingBatch(
                        gw,
                        List.of(
                                new Reading(
                                        gw,
                                        SensorId.of("wl-" + site),
                                        Quantity.WATER_LEVEL,
                                        1.0 + b / 100.0,
                                        t,
                                        2L * b),
                                new Reading(
                                        gw,
                                        SensorId.of("rg-" + site),
                                        Quantity.RAIN,
                                        b % 7,
                                        t,
                                        2L * b + 1))));
    }

    private void publish(String site, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        publisher.publish(MqttTopics.telemetry(GatewayId.of("gw-" + site)), message);
    }

    private List<TelemetryRecord> consumeTelemetry(int count) {
        return TelemetryTopic.unpack(consume(KafkaTopics.TELEMETRY, count));
    }

    /**
     * Reads a topic from the beginning until {@code count} records came, then a little longer to
     * catch extras.
     */
    private List<ConsumerRecord<String, byte[]>> consume(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                                return TelemetryTopic.weight(out) >= count;
                            });
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as("header " + name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private void assertNoLeakedThreads() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ingestThreads()).isEmpty());
    }

    /**
     * Threads started since the brokers were up that belong to ingest, Paho or ingest's producer.
     */
    private List<String> ingestThreads() {
        return liveThreadNames().stream()
                .filter(n -> !threadsBefore.contains(n))
                .filter(
                        n ->
                                n.startsWith("ingest-")
                                        || n.startsWith("MQTT")
                                        || n.contains("| ingest-"))
                .filter(n -> !n.contains("it-publisher"))
                .toList();
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Every (gateway, seq) of the expected readings arrived, and exactly once. */
    private static void assertEachReadingOnce(List<TelemetryRecord> records, int expectedReadings) {
        Map<String, Long> perReading =
                records.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.gateway().value() + "#" + r.seq(),
                                        Collectors.counting()));
        assertThat(perReading).hasSize(expectedReadings);
        assertThat(perReading.values()).containsOnly(1L);
    }
}
