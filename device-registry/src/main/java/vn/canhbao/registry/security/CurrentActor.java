package vn.canhbao.registry.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who makes the current request, as the audit log records it: the authenticated user name, or
 * {@code anonymous} when authentication is disabled. Set by {@link AuthFilter}.
 */
@RequestScoped
public class CurrentActor {
    private String name = "anonymous";

    public String name() {
        return name;
    }

    void set(String name) {
        this.name = name;
    }
}
