package vn.canhbao.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void theMostPrivilegedCanhbaoRoleWins() {
        assertThat(Role.mostPrivileged(List.of("viewer", "technician", "operator")))
                .contains(Role.TECHNICIAN);
        assertThat(Role.mostPrivileged(Set.of("operator", "admin"))).contains(Role.ADMIN);
        assertThat(Role.mostPrivileged(List.of("operator", "viewer"))).contains(Role.OPERATOR);
    }

    @Test
    void unknownRoleNamesAreIgnoredAndMatchExactly() {
        assertThat(Role.mostPrivileged(List.of("offline_access", "viewer"))).contains(Role.VIEWER);
        assertThat(Role.mostPrivileged(List.of("Admin", "ADMIN", "admins", "uma_authorization")))
                .isEmpty();
        assertThat(Role.mostPrivileged(List.of())).isEmpty();
    }
}
