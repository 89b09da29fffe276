package vn.canhbao.registry.provisioning;

/**
 * Body of {@code POST /api/v1/provisioning/claim}, sent by the gateway's agent.
 *
 * @param gatewayId the gateway being claimed
 * @param claimCode the one-time code from the technician (separators and case are ignored)
 * @param csr a PEM PKCS#10 request for the key the gateway generated (EC P-256 recommended); its
 *     subject is ignored except that a CN, if present, must be the gateway id
 */
public record ClaimBody(String gatewayId, String claimCode, String csr) {}
