package vn.canhbao.registry.site;

import java.time.Instant;

/** A site with its version bookkeeping, as read from the database. */
public record StoredSite(Site site, long version, long publishedVersion, Instant updatedAt) {}
