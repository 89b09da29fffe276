package vn.canhbao.registry.provisioning;

/**
 * Optional body of {@code POST /api/v1/gateways/{id}/revoke}.
 *
 * @param reason {@code decommissioned} (default) or {@code stolen} (listed as key compromise)
 */
public record RevokeBody(String reason) {}
