package vn.canhbao.registry.adminunit;

import java.util.List;

/**
 * A province in force since 1 July 2025 with the former provinces merged into it.
 *
 * @param code official two-digit code
 * @param formerProvinces the provinces before 1 July 2025 that form it, by code
 */
public record Province(String code, String name, List<Former> formerProvinces) {

    /**
     * A province before 1 July 2025.
     *
     * @param kvGroup its region {@code KV1}–{@code KV4} in Annex XII of Decision 18/2021/QĐ-TTg;
     *     null when the annex does not list it (or lists it ambiguously)
     */
    public record Former(String code, String name, String kvGroup) {}
}
