package io.jitaccess.core;

import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may ask for a policy's role: named users, service accounts (by their client), members of groups, holders
 * of roles. Every entry is pinned to an id; a subject is matched by ids, never by a name.
 */
public record Eligibility(Set<Pin> users, Set<Pin> groups, Set<Pin> roles, Set<Pin> serviceAccounts) {

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
        if (subject.serviceAccountOf().isPresent()) {
            return serviceAccounts.stream()
                    .anyMatch(pin -> pin.is(subject.serviceAccountOf().get()));
        }
        return users.stream().anyMatch(pin -> pin.is(subject.id()))
                || groups.stream()
                        .anyMatch(pin -> pin.id().filter(subject::inGroup).isPresent())
                || roles.stream()
                        .anyMatch(pin -> pin.id().filter(subject::hasRole).isPresent());
    }

    /** Every entry, for reports. */
    public Stream<Pin> entries() {
        return Stream.of(users, serviceAccounts, groups, roles).flatMap(Set::stream);
    }
}
