package vn.canhbao.registry.security;

import java.util.Collection;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;

/**
 * Roles of registry users. Every role reads; technicians and admins change the registry; only
 * admins manage users.
 */
public enum Role {
    ADMIN("admin"),
    TECHNICIAN("technician"),
    OPERATOR("operator"),
    VIEWER("viewer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the roles that may create or change sites, gateways, sensors and cameras. */
    public boolean mayWrite() {
        return this == ADMIN || this == TECHNICIAN;
    }

    /**
     * The most privileged canhbao role among {@code names} (admin, then technician, operator,
     * viewer), as an identity provider's token lists them. Names match exactly; any other name is
     * ignored.
     *
     * @return empty when no name is a canhbao role
     */
    public static Optional<Role> mostPrivileged(Collection<String> names) {
        for (Role r : values()) { // declared from the most privileged down
            if (names.contains(r.wireName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * @throws ContractViolation naming {@code field} when the wire name is unknown
     */
    public static Role fromWire(String wireName, String field) {
        for (Role r : values()) {
            if (r.wireName.equals(wireName)) {
                return r;
            }
        }
        throw new ContractViolation(
                field, wireName, "expected one of admin, technician, operator, viewer");
    }
}
