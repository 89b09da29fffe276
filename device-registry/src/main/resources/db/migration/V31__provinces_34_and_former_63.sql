-- The full province lists (V20 seeded only the demo provinces).
--
-- provinces: the 34 provinces and centrally run cities in force since 1 July 2025 (Resolution
-- 202/2025/QH15 on the arrangement of provincial units), codes as in Decision 19/2025/QĐ-TTg (a
-- merged province keeps the code of the former province where its seat is).
-- former_provinces: the 63 provinces before the merger with their codes (Decision 124/2004/QĐ-TTg
-- and later amendments), the province each was merged into, and their KV group in Annex XII of
-- Decision 18/2021/QĐ-TTg (landslide / flash-flood risk regions), which still names the old
-- provinces. Provinces that Annex XII does not list have no KV group (NULL). Khánh Hòa is listed
-- in both KV3 and KV4 in the text as quoted in the project's reference notes, so it is left NULL
-- until checked against the official text.
--
-- These lists were written from the sources named above without an official machine-readable
-- catalogue at hand: check them against the General Statistics Office's catalogue before relying
-- on a code. Communes (3,321) remain data to import.

INSERT INTO provinces (code, name) VALUES
    ('01', 'Hà Nội'), ('04', 'Cao Bằng'), ('08', 'Tuyên Quang'), ('11', 'Điện Biên'),
    ('12', 'Lai Châu'), ('14', 'Sơn La'), ('15', 'Lào Cai'), ('19', 'Thái Nguyên'),
    ('20', 'Lạng Sơn'), ('22', 'Quảng Ninh'), ('24', 'Bắc Ninh'), ('25', 'Phú Thọ'),
    ('31', 'Hải Phòng'), ('33', 'Hưng Yên'), ('37', 'Ninh Bình'), ('38', 'Thanh Hóa'),
    ('40', 'Nghệ An'), ('42', 'Hà Tĩnh'), ('44', 'Quảng Trị'), ('46', 'Huế'),
    ('48', 'Đà Nẵng'), ('51', 'Quảng Ngãi'), ('52', 'Gia Lai'), ('56', 'Khánh Hòa'),
    ('66', 'Đắk Lắk'), ('68', 'Lâm Đồng'), ('75', 'Đồng Nai'), ('79', 'Hồ Chí Minh'),
    ('80', 'Tây Ninh'), ('82', 'Đồng Tháp'), ('86', 'Vĩnh Long'), ('91', 'An Giang'),
    ('92', 'Cần Thơ'), ('96', 'Cà Mau')
ON CONFLICT (code) DO NOTHING;

ALTER TABLE former_provinces ADD COLUMN merged_into TEXT REFERENCES provinces (code);

INSERT INTO former_provinces (code, name, kv_group, merged_into) VALUES
    ('01', 'Hà Nội', NULL, '01'),
    ('02', 'Hà Giang', 'KV1', '08'),
    ('04', 'Cao Bằng', 'KV2', '04'),
    ('06', 'Bắc Kạn', 'KV2', '19'),
    ('08', 'Tuyên Quang', 'KV2', '08'),
    ('10', 'Lào Cai', 'KV1', '15'),
    ('11', 'Điện Biên', 'KV1', '11'),
    ('12', 'Lai Châu', 'KV1', '12'),
    ('14', 'Sơn La', 'KV1', '14'),
    ('15', 'Yên Bái', 'KV1', '15'),
    ('17', 'Hòa Bình', 'KV1', '25'),
    ('19', 'Thái Nguyên', 'KV3', '19'),
    ('20', 'Lạng Sơn', 'KV2', '20'),
    ('22', 'Quảng Ninh', 'KV3', '22'),
    ('24', 'Bắc Giang', 'KV4', '24'),
    ('25', 'Phú Thọ', 'KV3', '25'),
    ('26', 'Vĩnh Phúc', 'KV4', '25'),
    ('27', 'Bắc Ninh', NULL, '24'),
    ('30', 'Hải Dương', NULL, '31'),
    ('31', 'Hải Phòng', 'KV4', '31'),
    ('33', 'Hưng Yên', NULL, '33'),
    ('34', 'Thái Bình', NULL, '33'),
    ('35', 'Hà Nam', NULL, '37'),
    ('36', 'Nam Định', NULL, '37'),
    ('37', 'Ninh Bình', NULL, '37'),
    ('38', 'Thanh Hóa', 'KV2', '38'),
    ('40', 'Nghệ An', 'KV2', '40'),
    ('42', 'Hà Tĩnh', 'KV3', '42'),
    ('44', 'Quảng Bình', 'KV3', '44'),
    ('45', 'Quảng Trị', 'KV3', '44'),
    ('46', 'Thừa Thiên Huế', 'KV3', '46'),
    ('48', 'Đà Nẵng', 'KV3', '48'),
    ('49', 'Quảng Nam', 'KV3', '48'),
    ('51', 'Quảng Ngãi', 'KV2', '51'),
    ('52', 'Bình Định', 'KV4', '52'),
    ('54', 'Phú Yên', 'KV4', '66'),
    ('56', 'Khánh Hòa', NULL, '56'),
    ('58', 'Ninh Thuận', 'KV4', '56'),
    ('60', 'Bình Thuận', 'KV4', '68'),
    ('62', 'Kon Tum', 'KV3', '51'),
    ('64', 'Gia Lai', 'KV3', '52'),
    ('66', 'Đắk Lắk', 'KV3', '66'),
    ('67', 'Đắk Nông', 'KV3', '68'),
    ('68', 'Lâm Đồng', 'KV3', '68'),
    ('70', 'Bình Phước', NULL, '75'),
    ('72', 'Tây Ninh', NULL, '80'),
    ('74', 'Bình Dương', NULL, '79'),
    ('75', 'Đồng Nai', NULL, '75'),
    ('77', 'Bà Rịa - Vũng Tàu', NULL, '79'),
    ('79', 'Hồ Chí Minh', NULL, '79'),
    ('80', 'Long An', NULL, '80'),
    ('82', 'Tiền Giang', NULL, '82'),
    ('83', 'Bến Tre', NULL, '86'),
    ('84', 'Trà Vinh', NULL, '86'),
    ('86', 'Vĩnh Long', NULL, '86'),
    ('87', 'Đồng Tháp', NULL, '82'),
    ('89', 'An Giang', NULL, '91'),
    ('91', 'Kiên Giang', NULL, '91'),
    ('92', 'Cần Thơ', NULL, '92'),
    ('93', 'Hậu Giang', NULL, '92'),
    ('94', 'Sóc Trăng', NULL, '92'),
    ('95', 'Bạc Liêu', NULL, '96'),
    ('96', 'Cà Mau', NULL, '96')
ON CONFLICT (code) DO UPDATE SET merged_into = EXCLUDED.merged_into;

ALTER TABLE former_provinces ALTER COLUMN merged_into SET NOT NULL;
