-- Sites, gateways and sensors of the device registry.
-- sites.version counts committed changes of the site, its gateways or its sensors;
-- sites.published_version is the highest version Kafka acknowledged on cb.site-config.v1.
-- A site with published_version < version is in the outbox and will be (re)published.

CREATE TABLE sites (
    id                TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name              TEXT NOT NULL,
    commune           TEXT NOT NULL,
    province          TEXT NOT NULL,
    lat               DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon               DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- flood alarm levels (bao dong I, II, III), metres above the gauge datum; all or none
    alarm1            DOUBLE PRECISION,
    alarm2            DOUBLE PRECISION,
    alarm3            DOUBLE PRECISION,
    historical        DOUBLE PRECISION,
    gauge_datum       DOUBLE PRECISION,
    provenance        TEXT,
    version           BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    published_version BIGINT NOT NULL DEFAULT 0 CHECK (published_version >= 0),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT flood_all_or_none CHECK (
        (alarm1 IS NULL AND alarm2 IS NULL AND alarm3 IS NULL AND historical IS NULL
            AND gauge_datum IS NULL AND provenance IS NULL)
        OR (alarm1 IS NOT NULL AND alarm2 IS NOT NULL AND alarm3 IS NOT NULL
            AND gauge_datum IS NOT NULL AND provenance IS NOT NULL))
);

CREATE INDEX sites_unpublished ON sites (id) WHERE published_version < version;

CREATE TABLE gateways (
    id         TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    site_id    TEXT NOT NULL REFERENCES sites (id),
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX gateways_site ON gateways (site_id);

CREATE TABLE sensors (
    id                        TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    gateway_id                TEXT NOT NULL REFERENCES gateways (id),
    quantity                  TEXT NOT NULL,
    scale                     DOUBLE PRECISION NOT NULL,
    value_offset              DOUBLE PRECISION NOT NULL,
    expected_interval_seconds INTEGER NOT NULL CHECK (expected_interval_seconds > 0)
);

CREATE INDEX sensors_gateway ON sensors (gateway_id);
