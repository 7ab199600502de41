package io.jitaccess.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A realm role ({@code prod-admin}) or a client role ({@code ops-console.prod-maintainer}), written the
 * way Keycloak's admin console role picker stores it: {@code role} or {@code clientId.role}.
 *
 * <p>Client ids may themselves contain dots; the role name is what follows the last dot.
 */
public record RoleRef(Optional<String> clientId, String name) {

    public RoleRef {
        Objects.requireNonNull(clientId, "clientId");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a role needs a name");
        }
        clientId.ifPresent(client -> {
            if (client.isBlank()) {
                throw new IllegalArgumentException("a client role needs a client id");
            }
        });
    }

    public static RoleRef realmRole(String name) {
        return new RoleRef(Optional.empty(), name);
    }

    public static RoleRef clientRole(String clientId, String name) {
        return new RoleRef(Optional.of(clientId), name);
    }

    /** Parses {@code role} or {@code clientId.role}. */
    public static RoleRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a role needs a name");
        }
        String value = text.strip();
        int dot = value.lastIndexOf('.');
        if (dot < 0) {
            return realmRole(value);
        }
        if (dot == 0 || dot == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is neither role nor clientId.role");
        }
        return clientRole(value.substring(0, dot), value.substring(dot + 1));
    }

    public boolean isClientRole() {
        return clientId.isPresent();
    }

    /** The form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return clientId.map(client -> client + "." + name).orElse(name);
    }
}
