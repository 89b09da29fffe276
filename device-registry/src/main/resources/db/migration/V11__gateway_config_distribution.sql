-- Config distribution over MQTT (issue 5): the site version last published as the retained
-- config of each gateway, and the gateways' acknowledgements.

CREATE TABLE gateway_config_published (
    gateway_id   TEXT PRIMARY KEY REFERENCES gateways (id),
    version      BIGINT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE gateway_config_acks (
    id          BIGSERIAL PRIMARY KEY,
    gateway_id  TEXT NOT NULL REFERENCES gateways (id),
    version     BIGINT NOT NULL,
    accepted    BOOLEAN NOT NULL,
    reason      TEXT,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX gateway_config_acks_gateway ON gateway_config_acks (gateway_id, id DESC);
