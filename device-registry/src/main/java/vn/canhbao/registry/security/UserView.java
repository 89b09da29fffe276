package vn.canhbao.registry.security;

/** A user as the API returns it (never the password or its hash). */
public record UserView(String username, String role) {}
