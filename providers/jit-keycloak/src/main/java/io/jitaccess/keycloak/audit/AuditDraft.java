package io.jitaccess.keycloak.audit;

import io.jitaccess.core.Target;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.RequestEntity;

/** The content of an audit entry before it gets its place and hash in the chain. */
public final class AuditDraft {

    final AuditAction action;
    String actorId;
    String actorName;
    String subjectId;
    String subjectName;
    String role;
    String clientId;
    String group;
    String policyId;
    String requestId;
    String grantId;
    String justification;
    String ticket;
    String reason;
    String sourceIp;
    String userAgent;

    private AuditDraft(AuditAction action) {
        this.action = action;
    }

    public static AuditDraft of(AuditAction action) {
        return new AuditDraft(action);
    }

    /** Who acted; null or a system actor is recorded as "system". */
    public AuditDraft actor(Actor actor) {
        if (actor != null && !actor.isSystem()) {
            actorId = actor.userId();
            actorName = actor.username();
            sourceIp = actor.sourceIp();
            userAgent = actor.userAgent();
        } else {
            actorName = "system";
        }
        return this;
    }

    public AuditDraft actorName(String name) {
        this.actorName = name;
        return this;
    }

    public AuditDraft subject(String id, String name) {
        this.subjectId = id;
        this.subjectName = name;
        return this;
    }

    public AuditDraft role(String clientId, String roleName) {
        this.clientId = clientId;
        this.role = roleName;
        return this;
    }

    /** The target of a request or grant: a role, or (kind GROUP) a group's path stored in the role's place. */
    public AuditDraft target(String kind, String clientId, String name) {
        if (Target.Kind.GROUP.name().equals(kind)) {
            this.group = name;
            return this;
        }
        return role(clientId, name);
    }

    public AuditDraft group(String path) {
        this.group = path;
        return this;
    }

    public AuditDraft policy(String policyId) {
        this.policyId = policyId;
        return this;
    }

    public AuditDraft request(RequestEntity request) {
        this.requestId = request.getId();
        this.policyId = request.getPolicyId();
        this.justification = request.getJustification();
        this.ticket = request.getTicket();
        return subject(request.getRequesterId(), request.getRequesterName())
                .target(request.getTargetKind(), request.getRoleClientId(), request.getRoleName());
    }

    public AuditDraft grant(GrantEntity grant) {
        this.grantId = grant.getId();
        this.requestId = grant.getRequestId();
        this.policyId = grant.getPolicyId();
        return subject(grant.getUserId(), grant.getUserName())
                .target(grant.getTargetKind(), grant.getRoleClientId(), grant.getRoleName());
    }

    public AuditDraft requestId(String id) {
        this.requestId = id;
        return this;
    }

    public AuditDraft texts(String justification, String ticket) {
        this.justification = justification;
        this.ticket = ticket;
        return this;
    }

    public AuditDraft reason(String reason) {
        this.reason = reason;
        return this;
    }
}
