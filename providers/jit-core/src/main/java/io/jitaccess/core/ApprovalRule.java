package io.jitaccess.core;

import java.util.Set;

/** Who approves, and how many must: M of N approvers from groups or roles, or nobody when auto-approved. */
public record ApprovalRule(Set<String> groups, Set<RoleRef> roles, int required, boolean autoApprove) {

    public ApprovalRule {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        if (required < 1) {
            throw new IllegalArgumentException("at least one approval is required");
        }
    }

    public boolean hasApprovers() {
        return !groups.isEmpty() || !roles.isEmpty();
    }

    /** Whether the subject is one of this policy's approvers (whether they may decide a given request is more). */
    public boolean isApprover(Subject subject) {
        return subject.serviceAccountClientId().isEmpty()
                && (groups.stream().anyMatch(subject::inGroup) || roles.stream().anyMatch(subject::hasRole));
    }
}
