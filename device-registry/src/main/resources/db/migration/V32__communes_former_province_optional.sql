-- Commune catalogue import (POST /api/v1/admin-units/communes/import). The official catalogue of
-- the two-level structure lists each commune with its current province; its former province (and
-- so its KV group of Decision 18/2021/QĐ-TTg) may not be known yet, so it becomes optional. A
-- commune without one simply has no KV group.
ALTER TABLE communes ALTER COLUMN former_province_code DROP NOT NULL;
