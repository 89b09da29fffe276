package vn.canhbao.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One transition of an alert episode, the value of a {@code cb.alerts.v1} record (key: {@link
 * #alertId()}).
 *
 * <p>Delivery is at-least-once: the same transition may arrive more than once, always with the same
 * {@code alertId} and {@code revision}, so consumers drop repeats by that pair and ignore a
 * revision lower than one they already hold.
 *
 * @param alertId deterministic per (site, hazard, rule, episode): see {@link #idFor}
 * @param revision 0 for {@link AlertState#RAISED}, then +1 for each later transition
 * @param site where it happens
 * @param hazard what happens
 * @param ruleId the rule that decided, e.g. {@code flood.stage}
 * @param ruleVersion the version of the rule table used
 * @param episodeStart event time of the reading that opened the episode
 * @param level risk level on the 1–5 scale
 * @param state raised, updated or cleared
 * @param time event time of the reading that caused this transition
 * @param emittedAt processing time when the transition was produced
 * @param evidence the readings and thresholds behind it
 * @param localSensorAlert always true for alerts computed from canhbao's own sensors: such an alert
 *     is a local sensor warning (cảnh báo tại chỗ), never an official hydro-met bulletin
 */
public record AlertEvent(
        String alertId,
        int revision,
        SiteId site,
        Hazard hazard,
        String ruleId,
        String ruleVersion,
        Instant episodeStart,
        RiskLevel level,
        AlertState state,
        Instant time,
        Instant emittedAt,
        List<Evidence> evidence,
        boolean localSensorAlert) {

    public static final JsonCodec<AlertEvent> CODEC = new JsonCodec<>(AlertEvent.class);

    public AlertEvent {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        Objects.requireNonNull(episodeStart, "episodeStart");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(emittedAt, "emittedAt");
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
        if (revision < 0) {
            throw new ContractViolation("revision", revision, "expected 0 or more");
        }
        if ((state == AlertState.RAISED) != (revision == 0)) {
            throw new ContractViolation(
                    "revision", revision, "revision 0 if and only if state is raised");
        }
        String expected = idFor(site, hazard, ruleId, episodeStart);
        if (!expected.equals(alertId)) {
            throw new ContractViolation(
                    "alertId", alertId, "does not match site, hazard, rule and episode");
        }
    }

    /**
     * The deterministic alert id: {@code al-} and the first 20 hex digits of SHA-256 over site,
     * hazard, rule and episode start (epoch millis). A replay of the same readings yields the same
     * id.
     */
    public static String idFor(SiteId site, Hazard hazard, String ruleId, Instant episodeStart) {
        String material =
                site.value()
                        + "|"
                        + hazard.wireName()
                        + "|"
                        + ruleId
                        + "|"
                        + episodeStart.toEpochMilli();
        byte[] digest = SHA_256.get().digest(material.getBytes(StandardCharsets.UTF_8));
        return "al-" + HexFormat.of().formatHex(digest, 0, 10);
    }

    /**
     * One digest per thread ({@code digest} resets it): looking the algorithm up for every alert
     * went through the security providers' maps.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(
                                    "SHA-256 is required by every Java platform", e);
                        }
                    });
}
