package vn.canhbao.ingest.coap;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;

/**
 * {@code POST /telemetry}: one SenML pack, JSON (content format 110, or 50) or CBOR (112).
 *
 * <p>Responses, each sent only after Kafka acknowledged what the pack became: 2.04 Changed (every
 * reading is on {@code cb.telemetry.v1}); 4.00 Bad Request with a diagnostic payload naming the
 * field, value and reason (the pack is on {@code cb.telemetry.dlq.v1}); 4.13 Request Entity Too
 * Large with Size1 (dead-lettered with its head). 4.15 for another content format, 4.01 when no
 * gateway is authenticated, 4.03 when the URI names another gateway than the PSK identity. 5.03
 * with Max-Age when Kafka failed: nothing was acknowledged, the device sends again. Confirmable
 * requests get an empty ACK at once and the response separately.
 */
final class TelemetryResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryResource.class);
    static final int SENML_JSON = 110;
    static final int SENML_CBOR = 112;
    private static final int MAX_DIAGNOSTIC_BYTES = 256;

    private final DirectIngest ingest;
    private final SenmlCbor cbor;
    private final int maxPayloadBytes;

    TelemetryResource(DirectIngest ingest, int maxPayloadBytes) {
        super("telemetry");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.cbor = new SenmlCbor(maxPayloadBytes);
        this.maxPayloadBytes = maxPayloadBytes;
        getAttributes().setTitle("canhbao telemetry (SenML JSON 110 / CBOR 112)");
        getAttributes().addContentType(SENML_JSON);
        getAttributes().addContentType(SENML_CBOR);
    }

    /** {@code /telemetry/{gateway}} is handled here too (plain UDP, and an explicit check). */
    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        List<String> path = exchange.getRequestOptions().getUriPath();
        Optional<String> pathGateway =
                path.size() == 2 ? Optional.of(path.get(1)) : Optional.empty();
        if (path.size() > 2) {
            exchange.respond(ResponseCode.NOT_FOUND);
            return;
        }
        GatewayId gateway;
        String source;
        try {
            if (peer instanceof PreSharedKeyIdentity psk) {
                gateway = GatewayId.of(psk.getIdentity());
                if (pathGateway.isPresent() && !pathGateway.get().equals(gateway.value())) {
                    LOG.warn(
                            "Gateway {} tried to send as {} over CoAP", gateway, pathGateway.get());
                    exchange.respond(
                            ResponseCode.FORBIDDEN,
                            "gateway: the PSK identity is "
                                    + gateway.value()
                                    + ", not "
                                    + pathGateway.get());
                    return;
                }
                source = "coaps:/telemetry";
            } else if (peer == null && pathGateway.isPresent()) {
                gateway = GatewayId.of(pathGateway.get()); // plain UDP: lab and tests only
                source = "coap:/telemetry/" + gateway.value();
            } else {
                exchange.respond(
                        ResponseCode.UNAUTHORIZED,
                        "gateway: not authenticated (use coaps with the gateway's PSK)");
                return;
            }
        } catch (ContractViolation v) {
            exchange.respond(ResponseCode.BAD_REQUEST, diagnostic(v));
            return;
        }
        int format = exchange.getRequestOptions().getContentFormat();
        UnaryOperator<byte[]> toJson;
        String contentType;
        if (format == SENML_JSON || format == MediaTypeRegistry.APPLICATION_JSON) {
            toJson = UnaryOperator.identity();
            contentType = "application/senml+json";
        } else if (format == SENML_CBOR) {
            toJson = cbor::toJson;
            contentType = "application/senml+cbor";
        } else {
            exchange.respond(
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "Content-Format: expected 110 (senml+json) or 112 (senml+cbor), got " + format);
            return;
        }
        exchange.accept();
        byte[] payload = exchange.getRequestPayload();
        ingest.submit(gateway, source, contentType, payload, toJson)
                .whenComplete(
                        (result, error) -> {
                            if (error != null) {
                                Throwable cause =
                                        error instanceof CompletionException
                                                        && error.getCause() != null
                                                ? error.getCause()
                                                : error;
                                LOG.warn(
                                        "Kafka did not take a CoAP pack from {}: {}",
                                        source,
                                        cause.toString());
                                Response r = new Response(ResponseCode.SERVICE_UNAVAILABLE);
                                r.setPayload("kafka: not written, send again");
                                r.getOptions().setMaxAge(5);
                                exchange.respond(r);
                            } else if (result instanceof DirectIngest.Result.Rejected rej) {
                                Response r =
                                        new Response(
                                                rej.oversize()
                                                        ? ResponseCode.REQUEST_ENTITY_TOO_LARGE
                                                        : ResponseCode.BAD_REQUEST);
                                r.setPayload(diagnostic(rej.violation()));
                                r.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
                                if (rej.oversize()) {
                                    r.getOptions().setSize1(maxPayloadBytes);
                                }
                                exchange.respond(r);
                            } else {
                                exchange.respond(ResponseCode.CHANGED);
                            }
                        });
    }

    /** The violation's message (field, value, reason), cut to fit a small datagram. */
    static String diagnostic(ContractViolation v) {
        String m = v.getMessage();
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_DIAGNOSTIC_BYTES) {
            return m;
        }
        return new String(b, 0, MAX_DIAGNOSTIC_BYTES, StandardCharsets.UTF_8) + "…";
    }
}
