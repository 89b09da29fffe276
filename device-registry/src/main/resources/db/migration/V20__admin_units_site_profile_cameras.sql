-- Issue 5 model (helper i5b): administrative units, site hazard profile, sensor kind, cameras.

-- Provinces in force since 1 July 2025 (34 provinces and cities, two-level local government).
CREATE TABLE provinces (
    code TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),  -- official code (mã đơn vị hành chính)
    name TEXT NOT NULL UNIQUE
);

-- The 63 provinces before 1 July 2025. Decision 18/2021/QĐ-TTg (Annex XII) still groups these
-- into the landslide / flash-flood regions KV1-KV4, so each commune keeps its former province.
CREATE TABLE former_provinces (
    code     TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name     TEXT NOT NULL UNIQUE,
    kv_group TEXT CHECK (kv_group IN ('KV1', 'KV2', 'KV3', 'KV4'))
);

-- Communes, wards and special zones (xã, phường, đặc khu). The official five-digit code is
-- filled by the full import; demo rows whose code is not verified here leave it empty.
CREATE TABLE communes (
    id                   BIGSERIAL PRIMARY KEY,
    code                 TEXT UNIQUE CHECK (code ~ '^[0-9]{5}$'),
    name                 TEXT NOT NULL,
    province_code        TEXT NOT NULL REFERENCES provinces (code),
    former_province_code TEXT NOT NULL REFERENCES former_provinces (code),
    UNIQUE (province_code, name)
);

-- Demo seed only: the provinces of the demo fixture. The full lists (34 provinces, 3,321 communes,
-- 63 former provinces) are data to import, not migrations.
INSERT INTO provinces (code, name) VALUES ('15', 'Lào Cai'), ('48', 'Đà Nẵng');
INSERT INTO former_provinces (code, name, kv_group) VALUES
    ('10', 'Lào Cai', 'KV1'),
    ('15', 'Yên Bái', 'KV1'),
    ('48', 'Đà Nẵng', 'KV3'),
    ('49', 'Quảng Nam', 'KV3');
INSERT INTO communes (code, name, province_code, former_province_code) VALUES
    (NULL, 'Xã Nậm Cang', '15', '10'),
    (NULL, 'Xã Tả Van', '15', '10'),
    (NULL, 'Xã Trà Leng', '48', '49');

-- Site profile: all optional, so existing sites and requests stay valid.
ALTER TABLE sites
    ADD COLUMN elevation_m              DOUBLE PRECISION CHECK (elevation_m BETWEEN -100 AND 9000),
    ADD COLUMN river                    TEXT,
    ADD COLUMN basin                    TEXT,
    ADD COLUMN landslide_susceptibility TEXT
        CHECK (landslide_susceptibility IN ('thap', 'trung-binh', 'cao', 'rat-cao')),
    ADD COLUMN hazards                  TEXT[] NOT NULL DEFAULT '{}';

-- Sensor kind (the instrument: radar, pressure, tipping-bucket, ...); optional.
ALTER TABLE sensors ADD COLUMN kind TEXT;

-- Cameras. Credentials are AES-256-GCM ciphertext (12-byte nonce || ciphertext+tag) under the key
-- canhbao.registry.secrets.camera-key; the address holds no credentials.
CREATE TABLE cameras (
    id                 TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    site_id            TEXT NOT NULL REFERENCES sites (id),
    name               TEXT NOT NULL,
    rtsp_url           TEXT NOT NULL,
    credentials_cipher BYTEA,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX cameras_site ON cameras (site_id);
