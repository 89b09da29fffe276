-- Sites as announced on the compacted cb.site-config.v1 topic; a higher version replaces a lower one.
create table sites (
    site_id    text primary key,
    version    bigint not null,
    name       text not null,
    commune    text not null,
    province   text not null,
    lat        double precision not null,
    lon        double precision not null,
    updated_at timestamptz not null
);

-- Every transition ever received, once per (alert_id, revision): the idempotency key.
create table alert_transitions (
    alert_id     text not null,
    revision     integer not null,
    state        text not null,
    level        integer not null,
    event_time   timestamptz not null,
    emitted_at   timestamptz not null,
    evidence     jsonb not null,
    payload      jsonb not null,
    received_at  timestamptz not null,
    kafka_partition integer not null,
    kafka_offset bigint not null,
    primary key (alert_id, revision)
);

-- The current state of each alert episode: the transition with the highest revision seen.
create table alerts (
    alert_id           text primary key,
    revision           integer not null,
    site_id            text not null,
    hazard             text not null,
    rule_id            text not null,
    rule_version       text not null,
    episode_start      timestamptz not null,
    level              integer not null,
    state              text not null,
    event_time         timestamptz not null,
    emitted_at         timestamptz not null,
    evidence           jsonb not null,
    local_sensor_alert boolean not null,
    received_at        timestamptz not null,
    acked_by           text,
    acked_at           timestamptz
);
create index alerts_open_by_time on alerts (event_time desc) where state <> 'cleared';

-- Operator acknowledgements: an operator action, not a transition of the episode.
create table alert_acks (
    id       bigserial primary key,
    alert_id text not null references alerts (alert_id),
    acked_by text not null,
    acked_at timestamptz not null
);
create index alert_acks_by_alert on alert_acks (alert_id, acked_at);

-- Records that could not be decoded: kept with their bytes and the reason, then skipped.
create table rejected_events (
    id              bigserial primary key,
    topic           text not null,
    kafka_partition integer not null,
    kafka_offset    bigint not null,
    record_key      text,
    payload         bytea,
    field           text not null,
    reason          text not null,
    rejected_at     timestamptz not null,
    unique (topic, kafka_partition, kafka_offset)
);
