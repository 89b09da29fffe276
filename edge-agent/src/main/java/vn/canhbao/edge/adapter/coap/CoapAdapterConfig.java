package vn.canhbao.edge.adapter.coap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.senml.SensorSenmlDecoder;

/**
 * Configuration of the CoAP adapter. Start from {@link #of(KnownSensors)} and add endpoints.
 *
 * @param sensors the sensors accepted; anything else is refused as unknown
 * @param plainAddress where to listen for plain CoAP (UDP), if at all: only for a trusted local
 *     network or tests, since anyone who can reach it can post for any configured sensor
 * @param dtlsAddress where to listen for CoAP over DTLS 1.2 with pre-shared keys, if at all
 * @param keys one pre-shared key per sensor; the PSK identity is the sensor id, and a sensor may
 *     only post about itself over DTLS
 * @param observed resources on sensors the adapter observes (plain CoAP)
 * @param maxPayloadBytes the largest pack accepted (bigger ones get 4.13)
 * @param observeRetry how long to wait before registering an observation again after it failed
 */
public record CoapAdapterConfig(
        KnownSensors sensors,
        Optional<InetSocketAddress> plainAddress,
        Optional<InetSocketAddress> dtlsAddress,
        Map<SensorId, PskSecret> keys,
        List<ObservedResource> observed,
        int maxPayloadBytes,
        Duration observeRetry) {
    public CoapAdapterConfig {
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(plainAddress, "plainAddress");
        Objects.requireNonNull(dtlsAddress, "dtlsAddress");
        keys = Map.copyOf(keys);
        observed = List.copyOf(observed);
        Objects.requireNonNull(observeRetry, "observeRetry");
        if (maxPayloadBytes < 64 || maxPayloadBytes > 64 * 1024) {
            throw new IllegalArgumentException(
                    "maxPayloadBytes must be 64..65536, got " + maxPayloadBytes);
        }
        if (observeRetry.isNegative() || observeRetry.isZero()) {
            throw new IllegalArgumentException(
                    "observeRetry must be positive, got " + observeRetry);
        }
        if (dtlsAddress.isPresent() && keys.isEmpty()) {
            throw new IllegalArgumentException("a DTLS endpoint needs at least one sensor key");
        }
        for (SensorId id : keys.keySet()) {
            if (!sensors.contains(id)) {
                throw new IllegalArgumentException("key for unknown sensor " + id);
            }
        }
        for (ObservedResource r : observed) {
            if (!sensors.contains(r.sensor())) {
                throw new IllegalArgumentException("observed resource for unknown sensor " + r);
            }
        }
    }

    public static CoapAdapterConfig of(KnownSensors sensors) {
        return new CoapAdapterConfig(
                sensors,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                SensorSenmlDecoder.DEFAULT_MAX_PAYLOAD_BYTES,
                Duration.ofSeconds(5));
    }

    public CoapAdapterConfig withPlain(InetSocketAddress address) {
        return new CoapAdapterConfig(
                sensors,
                Optional.of(address),
                dtlsAddress,
                keys,
                observed,
                maxPayloadBytes,
                observeRetry);
    }

    public CoapAdapterConfig withDtls(InetSocketAddress address, Map<SensorId, PskSecret> keys) {
        return new CoapAdapterConfig(
                sensors,
                plainAddress,
                Optional.of(address),
                keys,
                observed,
                maxPayloadBytes,
                observeRetry);
    }

    public CoapAdapterConfig withObserved(List<ObservedResource> observed) {
        return new CoapAdapterConfig(
                sensors, plainAddress, dtlsAddress, keys, observed, maxPayloadBytes, observeRetry);
    }

    public CoapAdapterConfig withMaxPayloadBytes(int maxPayloadBytes) {
        return new CoapAdapterConfig(
                sensors, plainAddress, dtlsAddress, keys, observed, maxPayloadBytes, observeRetry);
    }

    public CoapAdapterConfig withObserveRetry(Duration observeRetry) {
        return new CoapAdapterConfig(
                sensors, plainAddress, dtlsAddress, keys, observed, maxPayloadBytes, observeRetry);
    }
}
