-- Sensors that ingest saw but the registry does not know (cb.sensor-pending.v1), waiting for a
-- technician. One row per gateway and sensor: a redelivered or repeated report only widens the
-- seen interval and raises the count to the highest reported, so consuming twice changes nothing.
-- No foreign key to gateways: ingest may report a gateway the registry does not know yet.
CREATE TABLE pending_sensors (
    gateway_id  TEXT        NOT NULL CHECK (gateway_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    sensor_id   TEXT        NOT NULL CHECK (sensor_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    quantity    TEXT        NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    readings    BIGINT      NOT NULL CHECK (readings >= 1),
    status      TEXT        NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by  TEXT,
    decided_at  TIMESTAMPTZ,
    reason      TEXT,
    PRIMARY KEY (gateway_id, sensor_id)
);

CREATE INDEX pending_sensors_status ON pending_sensors (status, last_seen DESC);
