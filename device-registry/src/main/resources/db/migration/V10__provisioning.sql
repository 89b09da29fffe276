-- Provisioning (issue 5): one-time claim codes and the certificates the registry's CA issued.

-- A claim code is stored as the SHA-256 of its text only; the text is shown once, at creation.
CREATE TABLE claim_codes (
    code_hash    TEXT PRIMARY KEY,
    gateway_id   TEXT NOT NULL REFERENCES gateways (id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    -- a newer code for the gateway, or its revocation, withdraws the older ones
    withdrawn_at TIMESTAMPTZ
);

CREATE INDEX claim_codes_gateway ON claim_codes (gateway_id);

-- Every certificate the CA issued; a revoked one is listed in the CRL.
CREATE TABLE issued_certificates (
    serial       NUMERIC(40) PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('gateway', 'service', 'server')),
    common_name  TEXT NOT NULL,
    gateway_id   TEXT REFERENCES gateways (id),
    not_before   TIMESTAMPTZ NOT NULL,
    not_after    TIMESTAMPTZ NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ,
    revocation_reason TEXT,
    CHECK (kind <> 'gateway' OR gateway_id IS NOT NULL)
);

CREATE INDEX issued_certificates_gateway ON issued_certificates (gateway_id);
CREATE INDEX issued_certificates_revoked ON issued_certificates (serial) WHERE revoked_at IS NOT NULL;

CREATE SEQUENCE crl_number;
