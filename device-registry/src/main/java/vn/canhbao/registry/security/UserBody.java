package vn.canhbao.registry.security;

/**
 * Body of {@code POST /api/v1/users} (admins only).
 *
 * @param username 1 to 63 lower-case letters, digits, '.', '_' or '-'
 * @param password at least 12 characters; stored as a PBKDF2 hash, never returned or logged
 * @param role {@code admin}, {@code technician}, {@code operator} or {@code viewer}
 */
public record UserBody(String username, String password, String role) {
    @Override
    public String toString() {
        return "UserBody[username=" + username + ", role=" + role + "]";
    }
}
