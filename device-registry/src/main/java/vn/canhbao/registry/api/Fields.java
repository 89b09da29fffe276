package vn.canhbao.registry.api;

import java.util.function.Function;
import vn.canhbao.contracts.ContractViolation;

/**
 * Validation of request fields, reusing the contracts' own checks but reporting the request's field
 * name (e.g. {@code gatewayId} rather than the contracts' {@code gatewayId}/{@code siteId}).
 */
public final class Fields {
    private Fields() {}

    /**
     * @throws ContractViolation naming {@code field} when the value is absent
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, null, "required");
        }
        return value;
    }

    /**
     * Parses a required field with a contracts factory such as {@code SiteId::of}.
     *
     * @throws ContractViolation naming {@code field} and the raw value when absent or rejected
     */
    public static <R, T> T parse(R raw, String field, Function<R, T> parser) {
        required(raw, field);
        try {
            return parser.apply(raw);
        } catch (ContractViolation e) {
            throw new ContractViolation(field, raw, e.reason());
        }
    }

    /**
     * @throws ContractViolation naming {@code field} unless it is 1 to 200 characters of text
     */
    public static String text(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new ContractViolation(field, value, "expected 1 to 200 characters");
        }
        return value.strip();
    }
}
