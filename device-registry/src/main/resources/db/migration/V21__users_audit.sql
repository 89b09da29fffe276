-- Local user store and audit log (helper i5b).

CREATE TABLE users (
    username      TEXT PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    password_hash TEXT NOT NULL,  -- pbkdf2-sha256$iterations$salt$hash (base64)
    role          TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'operator', 'viewer')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every change: who, what, when, the entity before and after (JSON; NULL before a creation).
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before      JSONB,
    after       JSONB
);

CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
