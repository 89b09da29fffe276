package vn.canhbao.ops.alerts;

/**
 * Body of {@code POST /api/v1/alerts/{id}/ack}.
 *
 * @param by who acknowledges: an operator's name or call sign, 1 to 100 characters
 */
public record AckRequest(String by) {}
