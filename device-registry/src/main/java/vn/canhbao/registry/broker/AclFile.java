package vn.canhbao.registry.broker;

import vn.canhbao.contracts.MqttTopics;

/**
 * Mosquitto's ACL file for brokers that run with {@code use_identity_as_username true}: the user
 * name is the certificate's CN, so {@code %u} is the gateway id for a gateway certificate.
 *
 * <p>A gateway writes only its own telemetry, events, state (birth and last will) and config
 * acknowledgements, and reads only its own config. The service identities (CNs that cannot be
 * gateway ids, because a gateway id has no dot) get what they need: {@code service.ingest} reads
 * every gateway's telemetry, events and state; {@code service.registry} writes every gateway's
 * (retained) config and reads the acknowledgements. Anything not granted is denied.
 *
 * <p>Gateways are granted by pattern, so provisioning a gateway needs no broker reload; a
 * decommissioned or stolen gateway is shut out by the CRL.
 */
public final class AclFile {
    public static final String INGEST = "service.ingest";
    public static final String REGISTRY = "service.registry";

    /** The operations center: asks gateways for camera snapshots and reads them. */
    public static final String OPS = "service.ops";

    private AclFile() {}

    public static String text() {
        String gw = MqttTopics.PREFIX + "%u/";
        String all = MqttTopics.PREFIX + "+/";
        return String.join(
                "\n",
                "# Written by the canhbao device registry (GET /api/v1/broker/acl). Do not edit.",
                "# The user name is the client certificate's CN (use_identity_as_username true).",
                "",
                "# Every gateway: only its own topics.",
                "pattern write " + gw + "telemetry",
                "pattern write " + gw + "events",
                "pattern write " + gw + "state",
                "pattern write " + gw + "config/ack",
                "pattern write " + gw + "health",
                "pattern write " + gw + "snapshot/#",
                "pattern write " + gw + "snapshot-error",
                "pattern read " + gw + "cmd/#",
                "pattern read " + gw + "config",
                "",
                "user " + INGEST,
                "topic read " + all + "telemetry",
                "topic read " + all + "events",
                "topic read " + all + "state",
                "topic read " + all + "health",
                "",
                "user " + OPS,
                "topic write " + all + "cmd/#",
                "topic read " + all + "snapshot/#",
                "topic read " + all + "snapshot-error",
                "topic read " + all + "health",
                "",
                "user " + REGISTRY,
                "topic write " + all + "config",
                "topic read " + all + "config/ack",
                "topic read " + all + "state",
                "");
    }
}
