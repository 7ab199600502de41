package io.jitaccess.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules about what a grant gives (a role mapping or a group membership: its target), written once: whether a
 * grant is standing, when its end removes the mapping or membership, and what a token may carry at a given instant.
 */
public final class GrantRules {

    /** An active grant as the rules see it: its target's id, whether the target stays after it (standing), its end. */
    public record ActiveGrant(String id, String targetId, boolean standing, Instant endsAt) {}

    /**
     * What a token may carry now: the grants in force whose target it carries (listed, and capping its expiry), the
     * targets whose grants have ended but whose mapping or membership is still there (to be taken out), and the cap.
     */
    public record TokenGrants(List<ActiveGrant> inForce, Set<String> endedTargetIds, Optional<Instant> cap) {

        public boolean isEmpty() {
            return inForce.isEmpty() && endedTargetIds.isEmpty();
        }
    }

    private GrantRules() {}

    /**
     * Whether a new grant of a role is standing (its end leaves the mapping): the first grant of a role is standing
     * when the user held the role before; an overlapping grant is what the grants already running are.
     */
    public static boolean standingAtStart(Collection<ActiveGrant> activeOfUserAndRole, boolean heldBefore) {
        return activeOfUserAndRole.isEmpty()
                ? heldBefore
                : activeOfUserAndRole.iterator().next().standing();
    }

    /**
     * Whether ending {@code ending} removes the role's mapping: not when the role is standing, nor while another
     * active grant of the same user and role remains (of overlapping grants, only the last to end removes it).
     */
    public static boolean endRemovesMapping(ActiveGrant ending, Collection<ActiveGrant> activeOfUserAndRole) {
        return !ending.standing()
                && activeOfUserAndRole.stream().noneMatch(other -> !other.id().equals(ending.id()));
    }

    /** The same, for an ending of many grants at once: {@code anotherRemains} says whether one of that pair outlives them. */
    public static boolean endRemovesMapping(ActiveGrant ending, boolean anotherRemains) {
        return !ending.standing() && !anotherRemains;
    }

    /**
     * What a token may carry at {@code now}, of a user's active grants: those whose role it carries ({@code carries})
     * and which are not standing. A grant in force caps the token at its end. A grant ended but not stripped yet
     * (no other grant of its role in force) has its role taken out, and caps the token at now: the role may sit in
     * any claim a mapper made of it.
     */
    public static TokenGrants forToken(List<ActiveGrant> active, Predicate<String> carries, Instant now) {
        List<ActiveGrant> inForce = new ArrayList<>();
        Set<String> ended = new LinkedHashSet<>();
        Instant cap = null;
        for (ActiveGrant grant : active) {
            if (grant.standing() || !carries.test(grant.targetId())) {
                continue;
            }
            if (now.isBefore(grant.endsAt())) {
                inForce.add(grant);
                cap = cap == null || grant.endsAt().isBefore(cap) ? grant.endsAt() : cap;
            } else if (active.stream()
                    .noneMatch(other -> other.targetId().equals(grant.targetId()) && now.isBefore(other.endsAt()))) {
                ended.add(grant.targetId());
                cap = now;
            }
        }
        return new TokenGrants(inForce, ended, Optional.ofNullable(cap));
    }
}
