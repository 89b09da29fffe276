package vn.canhbao.registry.adminunit;

/**
 * A commune (xã, phường, đặc khu) of the two-level structure in force since 1 July 2025, with the
 * former province (before the 2025 merger) that Decision 18/2021/QĐ-TTg's regions still use.
 *
 * @param code the official five-digit code; null until imported from the official list
 * @param provinceCode the current province's official two-digit code
 * @param formerProvinceCode code of the province the commune belonged to before 1 July 2025; null
 *     when the imported catalogue did not say
 * @param formerProvince its name; null when not known
 * @param kvGroup the former province's region KV1 to KV4 under Decision 18/2021 (Annex XII); null
 *     when it belongs to none or the former province is not known
 */
public record Commune(
        String code,
        String name,
        String provinceCode,
        String province,
        String formerProvinceCode,
        String formerProvince,
        String kvGroup) {}
