-- Cameras known to the VMS. Location in WGS84 degrees.
CREATE TABLE camera (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    site_id     TEXT,
    lat         DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    source_url  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per completed segment file (written at close, after the atomic rename).
CREATE TABLE segment (
    id              BIGSERIAL PRIMARY KEY,
    camera_id       TEXT NOT NULL REFERENCES camera (id),
    path            TEXT NOT NULL UNIQUE,
    start_utc       TIMESTAMPTZ NOT NULL,
    end_utc         TIMESTAMPTZ NOT NULL,
    bytes           BIGINT NOT NULL CHECK (bytes >= 0),
    codec           TEXT NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    has_gap_before  BOOLEAN NOT NULL,
    CHECK (end_utc >= start_utc)
);
CREATE INDEX segment_camera_start ON segment (camera_id, start_utc);

-- Latest site configuration seen on cb.site-config.v1 (only what the VMS needs).
CREATE TABLE site (
    id          TEXT PRIMARY KEY,
    version     BIGINT NOT NULL,
    name        TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Alert episodes seen on cb.alerts.v1: when they started and their latest transition.
CREATE TABLE alert (
    id              TEXT PRIMARY KEY,
    site_id         TEXT NOT NULL,
    hazard          TEXT NOT NULL,
    episode_start   TIMESTAMPTZ NOT NULL,
    last_revision   INTEGER NOT NULL,
    last_state      TEXT NOT NULL,
    last_level      INTEGER NOT NULL,
    last_time       TIMESTAMPTZ NOT NULL
);

-- Records from Kafka that could not be read: kept with the reason, never retried.
CREATE TABLE rejected_record (
    id              BIGSERIAL PRIMARY KEY,
    topic           TEXT NOT NULL,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    BIGINT NOT NULL,
    record_key      TEXT,
    reason          TEXT NOT NULL,
    rejected_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (topic, kafka_partition, kafka_offset)
);
