package vn.canhbao.registry.provisioning;

import java.util.List;

/** The result of a revocation: the serials (hex) newly listed in the CRL. */
public record RevocationView(String gatewayId, String reason, List<String> revokedSerials) {}
