package io.jitaccess.core;

import java.util.Set;

/** Who may ask for a policy's role: named users, members of groups, holders of roles, service accounts. */
public record Eligibility(Set<String> users, Set<String> groups, Set<RoleRef> roles, Set<String> serviceAccounts) {

    public Eligibility {
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        serviceAccounts = Set.copyOf(serviceAccounts);
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && roles.isEmpty() && serviceAccounts.isEmpty();
    }

    public boolean admits(Subject subject) {
        if (subject.serviceAccountClientId().isPresent()) {
            return serviceAccounts.contains(subject.serviceAccountClientId().get());
        }
        return users.contains(subject.username())
                || groups.stream().anyMatch(subject::inGroup)
                || roles.stream().anyMatch(subject::hasRole);
    }
}
