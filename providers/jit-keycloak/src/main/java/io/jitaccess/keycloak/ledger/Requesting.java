package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.AdmittedRequest;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.RequestRules;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import io.jitaccess.keycloak.store.StoredText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The requesters' side of the ledger: what they may ask for, their requests and their grants. Every change is
 * audited in the same transaction; refusals too, then rethrown for the caller to answer.
 */
public final class Requesting {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Ledger ledger;
    private final RequestStore requests;
    private final GrantStore grants;

    Requesting(KeycloakSession session, RealmModel realm, Ledger ledger) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.requests = new RequestStore(session);
        this.grants = new GrantStore(session);
    }

    private static long now() {
        return Ledger.now();
    }

    /** The usable policies the caller may ask under (a policy that grants nothing is left out, saying nothing). */
    public List<ResolvedPolicy> eligiblePolicies(Caller caller) {
        List<ResolvedPolicy> eligible = new ArrayList<>();
        for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
            if (entry.policy().isEmpty() || !entry.policy().get().eligibility().admits(caller.subject())) {
                continue; // most policies are not for this caller: resolve only the ones that are
            }
            try {
                ResolvedPolicy resolved = ResolvedPolicy.resolve(session, realm, entry);
                if (resolved.grantsTo(session, realm, caller.subject().user())) {
                    eligible.add(resolved);
                }
            } catch (Refusal unusable) {
                // fail closed: a policy that grants nothing offers nothing
            }
        }
        return eligible;
    }

    /**
     * Checks the request against its policy before the realm's audit head is locked (the policy's patterns run on the
     * caller's text then, with nobody waiting), then, under the lock, the per-user limits, and stores it.
     */
    public RequestEntity create(Caller caller, String policyId, RequestDraft draft) {
        try {
            ResolvedPolicy resolved = requestablePolicy(policyId, caller);
            Policy policy = resolved.policy();
            RequestRules rules = new RequestRules(policy);
            AdmittedRequest admitted =
                    rules.check(caller.subject(), draft, Instant.ofEpochMilli(now()), caller.sourceIp(), caller.mfa());
            ledger.audit().lockHead();
            long now = now();
            long pending = requests.countOpenUnderPolicy(realm.getId(), caller.userId(), policy.id(), now);
            long active = grants.countRunningUnderPolicy(realm.getId(), caller.userId(), policy.id(), now);
            rules.checkLimits(pending, active);

            RequestEntity request = new RequestEntity();
            request.setId(KeycloakModelUtils.generateId());
            request.setRealmId(realm.getId());
            request.setPolicyId(policy.id());
            request.setPolicyName(policy.name());
            request.setRequesterId(caller.userId());
            request.setRequesterName(caller.username());
            request.setRequesterClientId(
                    caller.subject().serviceAccountClientId().orElse(null));
            request.setTargetKind(resolved.target().kind().name());
            request.setRoleClientId(resolved.target().clientId());
            request.setRoleName(StoredText.fit(resolved.target().name(), 255));
            request.setRoleId(resolved.target().id());
            request.setDurationSeconds(admitted.duration().getSeconds());
            request.setJustification(admitted.justification());
            request.setTicket(admitted.ticket());
            request.setSourceIp(caller.sourceIp());
            request.setUserAgent(StoredText.fit(caller.userAgent(), 512));
            request.setMfaAcr(caller.mfa().acr());
            request.setMfaLevel(caller.mfa().level());
            request.setMfaAt(
                    caller.mfa().authenticatedAt().map(Instant::toEpochMilli).orElse(null));
            request.setStatus(RequestStatus.PENDING.name());
            request.setRequiredApprovals(policy.approval().required());
            request.setCreatedAt(now);
            request.setExpiresAt(admitted.expiresAt().toEpochMilli());
            requests.add(request);
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.REQUEST_CREATED)
                            .actor(caller)
                            .request(request));

            if (!admitted.autoApproved()) {
                Notifications.record(
                        session,
                        realm.getId(),
                        caller.userId(),
                        Notifications.Kind.REQUEST_CREATED,
                        request.getId(),
                        null,
                        now);
            }
            if (admitted.autoApproved()) {
                request.setStatus(
                        RequestStatus.PENDING.moveTo(RequestStatus.APPROVED).name());
                request.setDecidedAt(now);
                ledger.audit()
                        .append(AuditDraft.of(AuditAction.REQUEST_APPROVED)
                                .actor(Caller.system())
                                .actorName("auto-approval")
                                .request(request)
                                .reason("policy '" + policy.name() + "' approves automatically"));
                ledger.grants()
                        .start(request, resolved.target(), caller.subject().user(), now, Caller.system());
            }
            return request;
        } catch (Refusal refusal) {
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.REQUEST_REFUSED)
                            .actor(caller)
                            .subject(caller.userId(), caller.username())
                            .policy(policyId)
                            .texts(draft.justification(), draft.ticket())
                            .reason(refusal.auditReason()));
            throw refusal;
        }
    }

    public RequestEntity cancel(Caller caller, String requestId) {
        ledger.audit().lockHead();
        RequestEntity request = requests.locked(realm.getId(), requestId);
        if (request == null || !request.getRequesterId().equals(caller.userId())) {
            throw ledger.refuseRead(caller, requestId);
        }
        try {
            request.setStatus(RequestStatus.valueOf(request.getStatus())
                    .moveTo(RequestStatus.CANCELLED)
                    .name());
        } catch (Refusal refusal) {
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.DECISION_REFUSED)
                            .actor(caller)
                            .request(request)
                            .reason(refusal.auditReason()));
            throw refusal;
        }
        request.setDecidedAt(now());
        ledger.audit()
                .append(AuditDraft.of(AuditAction.REQUEST_CANCELLED)
                        .actor(caller)
                        .request(request));
        return request;
    }

    public List<RequestEntity> requestsOf(Caller caller) {
        return requests.ofUser(realm.getId(), caller.userId(), 200);
    }

    /** A request the caller may see: their own, or one they may decide or have decided. Others do not exist. */
    public RequestEntity visibleRequest(Caller caller, String requestId) {
        RequestEntity request = requests.find(realm.getId(), requestId);
        if (request != null) {
            if (request.getRequesterId().equals(caller.userId())
                    || request.getApprovals().stream()
                            .anyMatch(a -> a.getApproverId().equals(caller.userId()))
                    || ledger.deciding().mayDecide(caller, request)) {
                return request;
            }
        }
        throw ledger.refuseRead(caller, requestId);
    }

    /** The caller's active grants, the first to end first. */
    public List<GrantEntity> activeGrantsOf(Caller caller) {
        return grants.activeOfUser(realm.getId(), caller.userId());
    }

    /**
     * The policy a requester names, if it grants: one that grants nothing answers as a policy the caller is not
     * eligible for (only admins learn why, in the audit entry and their view).
     */
    private ResolvedPolicy requestablePolicy(String policyId, Caller caller) {
        RealmPolicies.Entry entry = RealmPolicies.find(realm, policyId)
                .orElseThrow(() -> new Refusal(
                        Refusal.Reason.NOT_FOUND, "No policy '" + StoredText.fit(policyId, 100) + "' in this realm."));
        Refusal notForYou =
                new Refusal(Refusal.Reason.NOT_ELIGIBLE, "You are not eligible for policy '" + entry.name() + "'.");
        ResolvedPolicy resolved;
        try {
            resolved = ResolvedPolicy.resolve(session, realm, entry);
        } catch (Refusal unusable) {
            throw notForYou.withDetail(unusable.getMessage());
        }
        if (!resolved.grantsTo(session, realm, caller.subject().user())) {
            throw notForYou.withDetail("its saver, " + resolved.saver().describe() + ", may not "
                    + GrantTarget.giveTo(resolved.target(), "this user"));
        }
        return resolved;
    }
}
