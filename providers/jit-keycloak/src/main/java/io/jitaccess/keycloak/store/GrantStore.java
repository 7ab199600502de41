package io.jitaccess.keycloak.store;

import io.jitaccess.core.EndedBy;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.ListFilter;
import io.jitaccess.core.Target;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;

/** The grants (JIT_GRANT) in this session's transaction. */
public final class GrantStore {

    private static final String ACTIVE = GrantStatus.ACTIVE.name();

    private final EntityManager em;

    public GrantStore(KeycloakSession session) {
        this.em = Jpa.of(session);
    }

    public void add(GrantEntity grant) {
        em.persist(grant);
    }

    /** The grant of this realm, locked until the transaction ends; null if there is none. */
    public GrantEntity locked(String realmId, String grantId) {
        GrantEntity grant =
                grantId == null ? null : em.find(GrantEntity.class, grantId, LockModeType.PESSIMISTIC_WRITE);
        return grant != null && grant.getRealmId().equals(realmId) ? grant : null;
    }

    /** The grant of this realm; null if there is none. */
    public GrantEntity find(String realmId, String grantId) {
        GrantEntity grant = grantId == null ? null : em.find(GrantEntity.class, grantId);
        return grant != null && grant.getRealmId().equals(realmId) ? grant : null;
    }

    public void lock(GrantEntity grant) {
        em.lock(grant, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locks the grant and reads it again (another transaction may have ended it meanwhile). */
    public void lockFresh(GrantEntity grant) {
        em.refresh(grant, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A user's active grants, the first to end first. */
    public List<GrantEntity> activeOfUser(String realmId, String userId) {
        return em.createNamedQuery("jitGrantsOfUserByStatus", GrantEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("status", ACTIVE)
                .getResultList();
    }

    /** A user's active grants of one target (a role or a group, by its id). */
    public List<GrantEntity> activeOfUserTarget(String realmId, String userId, Target.Kind kind, String targetId) {
        return ofKind(
                kind,
                em.createNamedQuery("jitGrantsOfUserRoleByStatus", GrantEntity.class)
                        .setParameter("realmId", realmId)
                        .setParameter("userId", userId)
                        .setParameter("roleId", targetId)
                        .setParameter("status", ACTIVE)
                        .getResultList());
    }

    /** Of grants found by a target's id, those of its kind (a role and a group may share an id). */
    private static List<GrantEntity> ofKind(Target.Kind kind, List<GrantEntity> grants) {
        return grants.stream().filter(grant -> grant.kind() == kind).toList();
    }

    public List<GrantEntity> activeOfRealm(String realmId) {
        return em.createNamedQuery("jitGrantsOfRealmByStatus", GrantEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("status", ACTIVE)
                .getResultList();
    }

    /** The active grants of a realm's role or group. */
    public List<GrantEntity> activeOfRealmTarget(String realmId, Target.Kind kind, String targetId) {
        return ofKind(
                kind,
                em.createNamedQuery("jitGrantsOfRealmRoleByStatus", GrantEntity.class)
                        .setParameter("realmId", realmId)
                        .setParameter("roleId", targetId)
                        .setParameter("status", ACTIVE)
                        .getResultList());
    }

    /**
     * The active grants of a role or group in whatever realm (a deleted role's, which its realm may no longer name).
     */
    public List<GrantEntity> activeOfTarget(Target.Kind kind, String targetId) {
        return ofKind(
                kind,
                em.createNamedQuery("jitGrantsOfRoleByStatus", GrantEntity.class)
                        .setParameter("roleId", targetId)
                        .setParameter("status", ACTIVE)
                        .getResultList());
    }

    /** How many of a user's grants under a policy are active and not yet past their end. */
    public long countRunningUnderPolicy(String realmId, String userId, String policyId, long now) {
        return em.createNamedQuery("jitCountGrantsOfUserUnderPolicyRunning", Long.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("policyId", policyId)
                .setParameter("status", ACTIVE)
                .setParameter("now", now)
                .getSingleResult();
    }

    public long countActive() {
        return em.createNamedQuery("jitCountGrantsByStatus", Long.class)
                .setParameter("status", ACTIVE)
                .getSingleResult();
    }

    /**
     * The (user, role) pairs, as {@code userId + ":" + roleId}, that keep an active grant other than {@code exceptIds}
     * among these users: the mappings that must stay when those grants end.
     */
    public Set<String> userTargetsKeptBesides(
            String realmId, Collection<String> userIds, Collection<String> exceptIds) {
        return em.createNamedQuery("jitUserRolesOfOtherGrants", Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("status", ACTIVE)
                .setParameter("userIds", userIds)
                .setParameter("ids", exceptIds)
                .getResultStream()
                .map(row -> pair((String) row[0], GrantEntity.kindOf((String) row[2]), (String) row[1]))
                .collect(Collectors.toSet());
    }

    /** The key of a user and a target in {@link #userTargetsKeptBesides}. */
    public static String pair(String userId, Target.Kind kind, String targetId) {
        return userId + ":" + kind + ":" + targetId;
    }

    /** Every role an active grant maps (the role id and its realm), each once. */
    public List<GrantedTarget> targetsOfActiveGrants() {
        return em.createNamedQuery("jitTargetsOfGrants", Object[].class)
                .setParameter("status", ACTIVE)
                .getResultStream()
                .map(row -> new GrantedTarget((String) row[0], (String) row[1], (String) row[2]))
                .toList();
    }

    /** Active grants due by {@code now} outside the {@code busy} realms, the earliest first, at most {@code max}. */
    public List<RealmRow> due(long now, Set<String> busy, int max) {
        return Jpa.outside(
                        em.createNamedQuery(busy.isEmpty() ? "jitGrantsDue" : "jitGrantsDueOutside", Object[].class),
                        busy)
                .setParameter("status", ACTIVE)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultStream()
                .map(RealmRow::of)
                .toList();
    }

    /** The grants with these ids, locked in one query, waiting at most {@code wait} for another transaction. */
    public List<GrantEntity> lockedById(Collection<String> ids, Duration wait) {
        return em.createNamedQuery("jitGrantsById", GrantEntity.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", (int) wait.toMillis())
                .getResultList();
    }

    /** The earliest end among active grants outside the {@code busy} realms, or null. */
    public Long firstEnd(Set<String> busy) {
        return Jpa.outside(
                        em.createNamedQuery(
                                busy.isEmpty() ? "jitFirstGrantEnd" : "jitFirstGrantEndOutside", Long.class),
                        busy)
                .setParameter("status", ACTIVE)
                .getSingleResult();
    }

    /** Active grants longer than {@code lead} that end within it and have no {@code kind} notification yet. */
    public List<GrantEntity> endingSoonUnnoticed(long now, long lead, String kind, int max) {
        return em.createNamedQuery("jitGrantsEndingSoon", GrantEntity.class)
                .setParameter("status", ACTIVE)
                .setParameter("now", now)
                .setParameter("soon", now + lead)
                .setParameter("lead", lead)
                .setParameter("kind", kind)
                .setMaxResults(max)
                .getResultList();
    }

    /** Marks these active grants revoked in the ledger only (their mappings went with their realm); returns how many. */
    public int revokeInLedgerOnly(Collection<String> ids, long now, String reason) {
        return ended(em.createNamedQuery("jitEndGrantsById").setParameter("ids", ids), now, reason)
                .executeUpdate();
    }

    /** Marks every active grant of a realm revoked in the ledger only; returns how many. */
    public int revokeRealmInLedgerOnly(String realmId, long now, String reason) {
        return ended(em.createNamedQuery("jitEndGrantsOfRealm").setParameter("realmId", realmId), now, reason)
                .executeUpdate();
    }

    private static jakarta.persistence.Query ended(jakarta.persistence.Query update, long now, String reason) {
        return update.setParameter("to", GrantStatus.REVOKED.name())
                .setParameter("from", ACTIVE)
                .setParameter("now", now)
                .setParameter("endedBy", EndedBy.REVOKED.value())
                .setParameter("reason", reason);
    }

    /** The admin API's list: newest start first, one page. */
    public List<GrantEntity> search(String realmId, ListFilter filter, int first, int max) {
        return new FilteredQuery("JitGrant g", "g.startsAt")
                .eq("g.realmId", realmId)
                .eq("g.userName", filter.user())
                .eq("g.roleName", filter.role())
                .eq("g.roleClientId", filter.client())
                .eq("g.status", filter.status())
                .range("g.startsAt", filter.from(), filter.to())
                .query(em, GrantEntity.class, first, max)
                .getResultList();
    }
}
