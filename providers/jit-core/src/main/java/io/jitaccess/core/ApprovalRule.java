package io.jitaccess.core;

import java.util.Set;

/**
 * Who approves, and how many must: M of N approvers from groups or roles (pinned to ids), or nobody when
 * auto-approved.
 */
public record ApprovalRule(Set<Pin> groups, Set<Pin> roles, int required, boolean autoApprove) {

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
        return subject.serviceAccountOf().isEmpty()
                && (groups.stream()
                                .anyMatch(
                                        pin -> pin.id().filter(subject::inGroup).isPresent())
                        || roles.stream()
                                .anyMatch(
                                        pin -> pin.id().filter(subject::hasRole).isPresent()));
    }
}
