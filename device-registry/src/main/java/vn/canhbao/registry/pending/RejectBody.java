package vn.canhbao.registry.pending;

/**
 * Body of {@code POST /api/v1/pending-sensors/{gateway}/{sensor}/reject}, optional.
 *
 * @param reason why the sensor is ignored (at most 500 characters), e.g. "cảm biến thử nghiệm"
 */
public record RejectBody(String reason) {}
