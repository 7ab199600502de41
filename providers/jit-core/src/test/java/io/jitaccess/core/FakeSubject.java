package io.jitaccess.core;

import java.util.Optional;
import java.util.Set;

/**
 * A user or service account for tests, with ids as {@link TestPins} gives them. Group membership follows
 * Keycloak: a member of {@code /a/b} is also in {@code /a}, but not in {@code /a/c} nor in {@code /ab}.
 */
record FakeSubject(
        String id, String username, Optional<String> serviceAccountClientId, Set<String> groups, Set<String> roles)
        implements Subject {

    static FakeSubject user(String username, String... groups) {
        return new FakeSubject("id-" + username, username, Optional.empty(), Set.of(groups), Set.of());
    }

    /** Named the way Keycloak names service-account users: {@code service-account-<clientId>}. */
    static FakeSubject serviceAccount(String clientId, String... groups) {
        return new FakeSubject(
                "id-sa-" + clientId, "service-account-" + clientId, Optional.of(clientId), Set.of(groups), Set.of());
    }

    /** The same subject also holding these roles ({@code role} or {@code clientId.role}). */
    FakeSubject withRoles(String... roles) {
        return new FakeSubject(id, username, serviceAccountClientId, groups, Set.of(roles));
    }

    @Override
    public Optional<String> serviceAccountOf() {
        return serviceAccountClientId.map(client -> TestPins.idOf(PolicyNames.Kind.CLIENT, client));
    }

    @Override
    public boolean inGroup(String groupId) {
        return groups.stream().anyMatch(group -> group.equals(groupId) || group.startsWith(groupId + "/"));
    }

    @Override
    public boolean hasRole(String roleId) {
        return roles.contains(roleId);
    }
}
