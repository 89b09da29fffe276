package vn.canhbao.registry.provisioning;

import java.time.Instant;

/**
 * A new claim code, shown once (only its hash is stored).
 *
 * @param claimCode the code to type or scan, {@code XXXX-XXXX-XXXX}
 * @param claimUri what the QR code holds: {@code canhbao-claim:GATEWAY:CODE}
 * @param qrSvg the QR code as an SVG document, to print on the gateway's label
 */
public record ClaimCodeView(
        String gatewayId, String claimCode, Instant expiresAt, String claimUri, String qrSvg) {}
