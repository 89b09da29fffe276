package vn.canhbao.registry.gateway;

import java.time.Instant;

/** A gateway as the API returns it. */
public record GatewayView(String id, String siteId, String name, Instant createdAt) {}
