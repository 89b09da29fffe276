package vn.canhbao.ingest.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.ingest.registry.SensorDirectory;
import vn.canhbao.ingest.registry.SensorPlace;

/**
 * The pure step of ingest: the bytes of one MQTT telemetry message and its topic become either
 * telemetry records or one dead letter. No I/O; thread-safe.
 *
 * <p>The gateway is taken from the topic, which the broker's ACL binds to the gateway's
 * certificate, and every reading in the payload must name that same gateway.
 */
public final class TelemetryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryHandler.class);

    /** Dead-letter header (ingest's own): the original payload size when the value was cut. */
    public static final String DLQ_ORIGINAL_BYTES = "cb-original-bytes";

    /** Enrichment header on {@code cb.telemetry.v1} records: the sensor's site id. */
    public static final String HEADER_SITE = "cb-site";

    /** Enrichment header: the site's commune. */
    public static final String HEADER_COMMUNE = "cb-commune";

    /** Enrichment header: the site's province. */
    public static final String HEADER_PROVINCE = "cb-province";

    private final SenmlCodec codec;
    private final int maxPayloadBytes;
    private final Clock clock;
    private final SensorDirectory directory;
    private final ReadingTimeLimits timeLimits;

    /**
     * @param maxPayloadBytes larger payloads are rejected, and their dead letter carries only this
     *     many leading bytes
     * @param clock gives the {@code receivedAt} of records and the {@code cb-rejected-at} of dead
     *     letters
     */
    public TelemetryHandler(int maxPayloadBytes, Clock clock) {
        this(maxPayloadBytes, clock, SensorDirectory.OPEN, ReadingTimeLimits.NONE);
    }

    /**
     * @param directory the sensors the registry knows; readings of others are refused (when {@link
     *     SensorDirectory#enforced()}) and known ones are enriched with site, commune, province
     * @param timeLimits how far from the clock a reading's time may be
     */
    public TelemetryHandler(
            int maxPayloadBytes,
            Clock clock,
            SensorDirectory directory,
            ReadingTimeLimits timeLimits) {
        this.codec = new SenmlCodec(maxPayloadBytes, SenmlCodec.DEFAULT_MAX_RECORDS);
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.timeLimits = Objects.requireNonNull(timeLimits, "timeLimits");
    }

    public Outcome handle(String topic, byte[] payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Instant now = clock.instant();
        Optional<GatewayId> gateway = Optional.empty();
        try {
            GatewayId gw = MqttTopics.gatewayOf(topic);
            gateway = Optional.of(gw);
            if (!MqttTopics.isTelemetry(topic, gw)) {
                throw new ContractViolation("topic", topic, "expected " + MqttTopics.telemetry(gw));
            }
            ReadingBatch batch =
                    codec.decode(GzipPayload.decodeIfGzip(payload, maxPayloadBytes), gw);
            List<Reading> accepted = new ArrayList<>(batch.readings().size());
            Set<List<String>> places = new LinkedHashSet<>();
            SensorPlace lastPlace = null;
            List<RejectedReading> refused = new ArrayList<>();
            Instant latest = now.plus(timeLimits.maxFuture());
            Instant earliest = now.minus(timeLimits.maxAge());
            for (int i = 0; i < batch.readings().size(); i++) {
                Reading r = batch.readings().get(i);
                if (r.time().isAfter(latest)) {
                    refused.add(
                            new RejectedReading(
                                    r,
                                    RejectedReading.TIME_FUTURE,
                                    "["
                                            + i
                                            + "].t: "
                                            + r.time()
                                            + " is after "
                                            + latest
                                            + " (clock + "
                                            + timeLimits.maxFuture()
                                            + ")"));
                    continue;
                }
                if (r.time().isBefore(earliest)) {
                    refused.add(
                            new RejectedReading(
                                    r,
                                    RejectedReading.TIME_PAST,
                                    "["
                                            + i
                                            + "].t: "
                                            + r.time()
                                            + " is before "
                                            + earliest
                                            + " (clock - "
                                            + timeLimits.maxAge()
                                            + ")"));
                    continue;
                }
                if (directory.enforced()) {
                    Optional<SensorPlace> place = directory.lookup(gw, r.sensor());
                    if (place.isEmpty()) {
                        refused.add(
                                new RejectedReading(
                                        r,
                                        RejectedReading.UNKNOWN_SENSOR,
                                        "["
                                                + i
                                                + "].n: sensor "
                                                + r.sensor().value()
                                                + " is not registered on gateway "
                                                + gw.value()));
                        continue;
                    }
                    SensorPlace p = place.get();
                    if (p.quantity() != r.quantity()) {
                        refused.add(
                                new RejectedReading(
                                        r,
                                        RejectedReading.QUANTITY_MISMATCH,
                                        "["
                                                + i
                                                + "].n: sensor "
                                                + r.sensor().value()
                                                + " is registered as "
                                                + p.quantity().wireName()
                                                + ", not "
                                                + r.quantity().wireName()));
                        continue;
                    }
                    // Consecutive readings mostly share a site: skip the set for a repeat.
                    if (lastPlace == null
                            || !p.site().equals(lastPlace.site())
                            || !p.commune().equals(lastPlace.commune())
                            || !p.province().equals(lastPlace.province())) {
                        places.add(List.of(p.site().value(), p.commune(), p.province()));
                        lastPlace = p;
                    }
                }
                accepted.add(r);
            }
            Optional<KafkaWrite> deadLetter = Optional.empty();
            if (!refused.isEmpty()) {
                RejectedReading first = refused.get(0);
                int colon = first.detail().indexOf(':');
                String field = first.detail().substring(0, colon);
                String reason =
                        first.detail().substring(colon + 2)
                                + (refused.size() == 1
                                        ? ""
                                        : " (and " + (refused.size() - 1) + " more readings)");
                Object value =
                        field.endsWith(".t")
                                ? first.reading().time()
                                : first.reading().sensor().value();
                deadLetter =
                        Optional.of(
                                reject(
                                                new ContractViolation(field, value, reason),
                                                topic,
                                                gateway,
                                                payload,
                                                now)
                                        .deadLetter());
            }
            return new Outcome.Accepted(gw, accepted, enrichment(places), now, refused, deadLetter);
        } catch (ContractViolation v) {
            return reject(v, topic, gateway, payload, now);
        } catch (RuntimeException e) {
            // A decoder bug must not turn one message into a poison pill that is redelivered
            // forever.
            LOG.error("Unexpected error decoding telemetry on {}; dead-lettering it", topic, e);
            return reject(
                    new ContractViolation(
                            "payload", payload.length + " bytes", "could not be decoded: " + e),
                    topic,
                    gateway,
                    payload,
                    now);
        }
    }

    /**
     * The headers of a pack: the site, commune and province of its sensors. A gateway usually
     * serves one site; when its sensors span several, each header lists the distinct values,
     * comma-separated, in the order first seen.
     */
    private static Map<String, String> enrichment(Set<List<String>> places) {
        if (places.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                HEADER_SITE, distinct(places, 0),
                HEADER_COMMUNE, distinct(places, 1),
                HEADER_PROVINCE, distinct(places, 2));
    }

    private static String distinct(Set<List<String>> places, int index) {
        Set<String> values = new LinkedHashSet<>();
        places.forEach(p -> values.add(p.get(index)));
        return String.join(",", values);
    }

    private Outcome.Rejected reject(
            ContractViolation v,
            String topic,
            Optional<GatewayId> gateway,
            byte[] payload,
            Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KafkaTopics.DLQ_REASON, v.getMessage());
        headers.put(KafkaTopics.DLQ_FIELD, v.field());
        headers.put(KafkaTopics.DLQ_SOURCE, topic);
        headers.put(KafkaTopics.DLQ_REJECTED_AT, now.toString());
        byte[] value = payload;
        if (payload.length > maxPayloadBytes) {
            // Keep the dead letter within one Kafka record; the head of the payload shows what it
            // was.
            value = Arrays.copyOf(payload, maxPayloadBytes);
            headers.put(DLQ_ORIGINAL_BYTES, Integer.toString(payload.length));
        }
        String key = gateway.map(GatewayId::value).orElse(topic);
        return new Outcome.Rejected(
                v,
                fieldGroup(v.field()),
                new KafkaWrite(KafkaTopics.TELEMETRY_DLQ, key, value, headers));
    }

    /**
     * {@code [3].v} becomes {@code v}, {@code [0].bn} becomes {@code bn}: a bounded set of counter
     * labels.
     */
    static String fieldGroup(String field) {
        String f = field.replaceFirst("^\\[\\d+]\\.?", "");
        return f.isEmpty() ? "record" : f;
    }
}
