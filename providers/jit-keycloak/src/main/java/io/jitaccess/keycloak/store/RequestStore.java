package io.jitaccess.keycloak.store;

import io.jitaccess.core.ListFilter;
import io.jitaccess.core.RequestStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.keycloak.models.KeycloakSession;

/** The requests (JIT_REQUEST) and their approvals (JIT_APPROVAL) in this session's transaction. */
public final class RequestStore {

    private static final String PENDING = RequestStatus.PENDING.name();

    private final EntityManager em;

    public RequestStore(KeycloakSession session) {
        this.em = Jpa.of(session);
    }

    public void add(RequestEntity request) {
        em.persist(request);
    }

    /** Records an approver's decision on the request. */
    public void addApproval(RequestEntity request, ApprovalEntity approval) {
        approval.setRequest(request);
        em.persist(approval);
        request.getApprovals().add(approval);
    }

    /** The request of this realm; null if there is none. */
    public RequestEntity find(String realmId, String requestId) {
        RequestEntity request = requestId == null ? null : em.find(RequestEntity.class, requestId);
        return request != null && request.getRealmId().equals(realmId) ? request : null;
    }

    /** The request of this realm, locked until the transaction ends; null if there is none. */
    public RequestEntity locked(String realmId, String requestId) {
        RequestEntity request =
                requestId == null ? null : em.find(RequestEntity.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        return request != null && request.getRealmId().equals(realmId) ? request : null;
    }

    /** A user's requests, newest first, at most {@code max}. */
    public List<RequestEntity> ofUser(String realmId, String userId, int max) {
        return em.createNamedQuery("jitRequestsOfUser", RequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setMaxResults(max)
                .getResultList();
    }

    /** A user's pending requests, newest first. */
    public List<RequestEntity> pendingOfUser(String realmId, String userId) {
        return em.createNamedQuery("jitRequestsOfUserByStatus", RequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("status", PENDING)
                .getResultList();
    }

    /** How many of a user's requests under a policy are pending and not yet lapsed. */
    public long countOpenUnderPolicy(String realmId, String userId, String policyId, long now) {
        return em.createNamedQuery("jitCountRequestsOfUserUnderPolicyOpen", Long.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("policyId", policyId)
                .setParameter("status", PENDING)
                .setParameter("now", now)
                .getSingleResult();
    }

    /** The pending, not lapsed requests under these policies, with their approvals, oldest first. */
    public List<RequestEntity> openUnderPolicies(String realmId, Collection<String> policyIds, long now) {
        return em.createNamedQuery("jitOpenRequestsOfPolicies", RequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("policyIds", policyIds)
                .setParameter("status", PENDING)
                .setParameter("now", now)
                .getResultList();
    }

    public long countPending() {
        return em.createNamedQuery("jitCountRequestsByStatus", Long.class)
                .setParameter("status", PENDING)
                .getSingleResult();
    }

    /** Pending requests lapsed by {@code now} outside the {@code busy} realms, the earliest first, at most {@code max}. */
    public List<RealmRow> lapsed(long now, Set<String> busy, int max) {
        return Jpa.outside(
                        em.createNamedQuery(
                                busy.isEmpty() ? "jitRequestsLapsed" : "jitRequestsLapsedOutside", Object[].class),
                        busy)
                .setParameter("status", PENDING)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultStream()
                .map(RealmRow::of)
                .toList();
    }

    /** Cancels these pending requests in the ledger only (their realm is gone); returns how many. */
    public int cancelInLedgerOnly(Collection<String> ids, long now) {
        return em.createNamedQuery("jitCloseRequestsById")
                .setParameter("ids", ids)
                .setParameter("to", RequestStatus.CANCELLED.name())
                .setParameter("from", PENDING)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Cancels every pending request of a realm in the ledger only; returns how many. */
    public int cancelRealmInLedgerOnly(String realmId, long now) {
        return em.createNamedQuery("jitCloseRequestsOfRealm")
                .setParameter("realmId", realmId)
                .setParameter("to", RequestStatus.CANCELLED.name())
                .setParameter("from", PENDING)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** The admin API's list: newest first, one page. */
    public List<RequestEntity> search(String realmId, ListFilter filter, int first, int max) {
        return new FilteredQuery("JitRequest r", "r.createdAt")
                .eq("r.realmId", realmId)
                .eq("r.requesterName", filter.user())
                .eq("r.roleName", filter.role())
                .eq("r.roleClientId", filter.client())
                .eq("r.status", filter.status())
                .range("r.createdAt", filter.from(), filter.to())
                .query(em, RequestEntity.class, first, max)
                .getResultList();
    }
}
