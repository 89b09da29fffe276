package vn.canhbao.edge.adapter.opcua;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the OPC UA client adapter.
 *
 * @param endpointUrl the PLC's {@code opc.tcp://host:port/path}
 * @param nodes the variables to subscribe to (at least one, each node id once)
 * @param samplingInterval how often the server samples each variable
 * @param publishingInterval how often the server sends the changes
 * @param reconnectMin first wait before reconnecting after a lost or failed connection
 * @param reconnectMax the wait doubles up to this
 * @param requestTimeout timeout of connect and of every service call
 */
public record OpcUaAdapterConfig(
        URI endpointUrl,
        List<OpcUaNode> nodes,
        Duration samplingInterval,
        Duration publishingInterval,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration requestTimeout) {
    public OpcUaAdapterConfig {
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        nodes = List.copyOf(nodes);
        if (!"opc.tcp".equals(endpointUrl.getScheme()) || endpointUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpointUrl must be opc.tcp://host:port/path, got " + endpointUrl);
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one node");
        }
        Set<String> seen = new HashSet<>();
        for (OpcUaNode n : nodes) {
            if (!seen.add(n.nodeId())) {
                throw new IllegalArgumentException("node listed twice: " + n.nodeId());
            }
        }
        positive(samplingInterval, "samplingInterval");
        positive(publishingInterval, "publishingInterval");
        positive(reconnectMin, "reconnectMin");
        positive(reconnectMax, "reconnectMax");
        positive(requestTimeout, "requestTimeout");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax must be ≥ reconnectMin");
        }
    }

    /**
     * Defaults: sample every 1 s, publish every 1 s, reconnect 1 s doubling to 30 s, 5 s timeout.
     */
    public static OpcUaAdapterConfig of(URI endpointUrl, List<OpcUaNode> nodes) {
        return new OpcUaAdapterConfig(
                endpointUrl,
                nodes,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    public OpcUaAdapterConfig withIntervals(Duration sampling, Duration publishing) {
        return new OpcUaAdapterConfig(
                endpointUrl,
                nodes,
                sampling,
                publishing,
                reconnectMin,
                reconnectMax,
                requestTimeout);
    }

    public OpcUaAdapterConfig withReconnect(Duration min, Duration max) {
        return new OpcUaAdapterConfig(
                endpointUrl, nodes, samplingInterval, publishingInterval, min, max, requestTimeout);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
