package io.jitaccess.keycloak.rest;

import io.jitaccess.core.Pin;
import io.jitaccess.core.Policy;
import io.jitaccess.core.PolicyKeys;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.store.ApprovalEntity;
import io.jitaccess.keycloak.store.AuditEntity;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.RequestEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the API (docs/api.md and docs/openapi.yaml describe them). */
public final class Views {

    private Views() {}

    /**
     * @param target the role or group the policy's target is pinned to; null when it is gone (the admin's view only)
     */
    public static Map<String, Object> policy(Policy policy, GrantTarget target) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", policy.id());
        view.put("name", policy.name());
        target(
                view,
                policy.target().kind().name(),
                target == null ? null : target.clientId(),
                target == null ? policy.target().pin().name() : target.name());
        view.put("description", policy.description());
        view.put("defaultDuration", policy.duration().defaultDuration().toString());
        view.put("maxDuration", policy.duration().maxDuration().toString());
        view.put("justificationRequired", policy.justification().required());
        view.put("justificationHint", policy.justification().hint());
        view.put("ticketRequired", policy.ticket().required());
        view.put("ticketHint", policy.ticket().hint());
        view.put("autoApprove", policy.approval().autoApprove());
        view.put("requiredApprovals", policy.approval().required());
        view.put("requesterMfaMaxAge", policy.requesterMfaMaxAgeSeconds());
        view.put("approverMfaMaxAge", policy.approverMfaMaxAgeSeconds());
        view.put("allowedHours", policy.hours().describe());
        return view;
    }

    /** What each name of a policy is pinned to (the admin's view): key → [{name, id}], id null when void. */
    public static Map<String, Object> pins(Policy policy) {
        Map<String, Object> pins = new LinkedHashMap<>();
        pins.put(
                policy.target().isGroup() ? PolicyKeys.GROUP : PolicyKeys.ROLE,
                pinList(List.of(policy.target().pin())));
        pins.put(PolicyKeys.ELIGIBLE_USERS, pinList(policy.eligibility().users()));
        pins.put(
                PolicyKeys.ELIGIBLE_SERVICE_ACCOUNTS,
                pinList(policy.eligibility().serviceAccounts()));
        pins.put(PolicyKeys.ELIGIBLE_GROUPS, pinList(policy.eligibility().groups()));
        pins.put(PolicyKeys.ELIGIBLE_ROLES, pinList(policy.eligibility().roles()));
        pins.put(PolicyKeys.APPROVER_GROUPS, pinList(policy.approval().groups()));
        pins.put(PolicyKeys.APPROVER_ROLES, pinList(policy.approval().roles()));
        return pins;
    }

    private static List<Map<String, Object>> pinList(java.util.Collection<Pin> pins) {
        return pins.stream()
                .sorted(java.util.Comparator.comparing(Pin::name))
                .map(pin -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("name", pin.name());
                    view.put("id", pin.id().orElse(null));
                    return view;
                })
                .toList();
    }

    public static Map<String, Object> request(RequestEntity r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.getId());
        view.put("status", r.getStatus());
        view.put("policy", Map.of("id", r.getPolicyId(), "name", r.getPolicyName()));
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("id", r.getRequesterId());
        requester.put("username", r.getRequesterName());
        if (r.getRequesterClientId() != null) {
            requester.put("serviceAccountOf", r.getRequesterClientId());
        }
        view.put("requester", requester);
        target(view, r.getTargetKind(), r.getRoleClientId(), r.getRoleName());
        view.put("duration", Duration.ofSeconds(r.getDurationSeconds()).toString());
        view.put("justification", r.getJustification());
        view.put("ticket", r.getTicket());
        view.put("sourceIp", r.getSourceIp());
        view.put("userAgent", r.getUserAgent());
        Map<String, Object> mfa = new LinkedHashMap<>();
        mfa.put("acr", r.getMfaAcr());
        mfa.put("level", r.getMfaLevel());
        mfa.put("at", time(r.getMfaAt()));
        view.put("mfa", mfa);
        view.put("createdAt", time(r.getCreatedAt()));
        view.put("expiresAt", time(r.getExpiresAt()));
        view.put("decidedAt", time(r.getDecidedAt()));
        view.put("requiredApprovals", r.getRequiredApprovals());
        view.put("approvals", r.getApprovals().stream().map(Views::approval).toList());
        if (r.getGrantId() != null) {
            view.put("grantId", r.getGrantId());
        }
        return view;
    }

    public static Map<String, Object> approval(ApprovalEntity a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("approver", Map.of("id", a.getApproverId(), "username", a.getApproverName()));
        view.put("verdict", a.getVerdict());
        view.put("comment", a.getComment());
        view.put("decidedAt", time(a.getDecidedAt()));
        view.put("mfaAcr", a.getMfaAcr());
        return view;
    }

    public static Map<String, Object> grant(GrantEntity g) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", g.getId());
        view.put("status", g.getStatus());
        view.put("requestId", g.getRequestId());
        view.put("policyId", g.getPolicyId());
        view.put("user", Map.of("id", g.getUserId(), "username", g.getUserName()));
        target(view, g.getTargetKind(), g.getRoleClientId(), g.getRoleName());
        view.put("startsAt", time(g.getStartsAt()));
        view.put("endsAt", time(g.getEndsAt()));
        view.put("standing", g.isStanding());
        view.put("endedAt", time(g.getEndedAt()));
        view.put("endedBy", g.getEndedBy());
        view.put("endReason", g.getEndReason());
        return view;
    }

    public static Map<String, Object> audit(AuditEntity a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", a.getSeq());
        view.put("time", time(a.getTime()));
        view.put("action", a.getAction());
        view.put("actorId", a.getActorId());
        view.put("actor", a.getActorName());
        view.put("subjectId", a.getSubjectId());
        view.put("subject", a.getSubjectName());
        view.put("role", a.getRole());
        view.put("client", a.getClientId());
        view.put("group", a.getGroup());
        view.put("policyId", a.getPolicyId());
        view.put("requestId", a.getRequestId());
        view.put("grantId", a.getGrantId());
        view.put("justification", a.getJustification());
        view.put("ticket", a.getTicket());
        view.put("reason", a.getReason());
        view.put("sourceIp", a.getSourceIp());
        view.put("userAgent", a.getUserAgent());
        view.put("previousHash", a.getPreviousHash());
        view.put("hash", a.getHash());
        return view;
    }

    /** The audit columns, in CSV order. */
    public static final List<String> AUDIT_COLUMNS = List.of(
            "seq",
            "time",
            "action",
            "actorId",
            "actor",
            "subjectId",
            "subject",
            "role",
            "client",
            "policyId",
            "requestId",
            "grantId",
            "justification",
            "ticket",
            "reason",
            "sourceIp",
            "userAgent",
            "previousHash",
            "hash",
            "group");

    /** What a policy, request or grant gives: {@code role} (and {@code client}), or {@code group} (its path). */
    private static void target(Map<String, Object> view, String kind, String clientId, String name) {
        if (Target.Kind.GROUP.name().equals(kind)) {
            view.put("group", name);
            return;
        }
        view.put("role", name);
        if (clientId != null) {
            view.put("client", clientId);
        }
    }

    public static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
