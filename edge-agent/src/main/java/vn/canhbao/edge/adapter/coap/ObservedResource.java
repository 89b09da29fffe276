package vn.canhbao.edge.adapter.coap;

import java.net.URI;
import java.util.Objects;
import vn.canhbao.contracts.SensorId;

/**
 * A resource on a sensor that the adapter observes (RFC 7641), e.g. {@code
 * coap://192.168.10.21/level}; its notifications carry SenML (content format 110 or 112) about
 * {@code sensor}. Plain CoAP only.
 */
public record ObservedResource(SensorId sensor, URI uri) {
    public ObservedResource {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(uri, "uri");
        if (!"coap".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "observed resource must be a coap://host[:port]/path URI, got " + uri);
        }
    }
}
