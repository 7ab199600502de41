package io.jitaccess.keycloak.mail;

import io.jitaccess.core.Durations;
import io.jitaccess.core.Pin;
import io.jitaccess.core.Policy;
import io.jitaccess.keycloak.ledger.Notifications;
import io.jitaccess.keycloak.ledger.RealmPolicies;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.store.ApprovalEntity;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.NotificationEntity;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** One notification as mail, through the realm's email theme and SMTP settings: who gets it and what it says. */
final class NotificationMail {

    /** Where the account console's "Access requests" page lives, relative to the realm. */
    static final String ACCOUNT_PAGE = "account/access-requests";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final NotificationEntity notification;

    NotificationMail(KeycloakSession session, RealmModel realm, NotificationEntity notification) {
        this.session = session;
        this.realm = realm;
        this.notification = notification;
    }

    /** Sends; returns the number of recipients. */
    int send() {
        Notifications.Kind kind = Notifications.Kind.valueOf(notification.getKind());
        RequestEntity request = new RequestStore(session).find(realm.getId(), notification.getRequestId());
        GrantEntity grant = new GrantStore(session).find(realm.getId(), notification.getGrantId());
        Map<String, Object> attributes = attributes(request, grant);
        List<UserModel> recipients = kind == Notifications.Kind.REQUEST_CREATED
                ? approvers(request)
                : Stream.ofNullable(session.users().getUserById(realm, notification.getUserId()))
                        .toList();
        String template =
                switch (kind) {
                    case REQUEST_CREATED -> "jit-request-created.ftl";
                    case REQUEST_APPROVED, REQUEST_DENIED -> "jit-request-decided.ftl";
                    case GRANT_STARTED -> "jit-grant-started.ftl";
                    case GRANT_ENDING_SOON -> "jit-grant-ending-soon.ftl";
                    case GRANT_ENDED, GRANT_REVOKED -> "jit-grant-ended.ftl";
                };
        String subject = "jitMailSubject_" + kind.name();
        List<Object> subjectAttributes = List.of(attributes.get("requester"), attributes.get("roleLabel"));
        int sent = 0;
        for (UserModel recipient : recipients) {
            if (recipient.getEmail() == null || recipient.getEmail().isBlank() || !recipient.isEnabled()) {
                continue;
            }
            Map<String, Object> body = new HashMap<>(attributes);
            body.put("kind", kind.name());
            try {
                session.getProvider(EmailTemplateProvider.class)
                        .setRealm(realm)
                        .setUser(recipient)
                        .send(subject, subjectAttributes, template, body);
                sent++;
            } catch (EmailException e) {
                throw new IllegalStateException("mail to a recipient failed: " + e.getMessage(), e);
            }
        }
        return sent;
    }

    private Map<String, Object> attributes(RequestEntity request, GrantEntity grant) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        String role = request != null ? request.getRoleName() : grant != null ? grant.getRoleName() : "";
        String client = request != null ? request.getRoleClientId() : grant != null ? grant.getRoleClientId() : null;
        attributes.put("role", role);
        attributes.put("client", client == null ? "" : client);
        // a group's path (it starts with a slash), a realm role's name, or a client role's name and client
        attributes.put("roleLabel", client == null ? role : role + " (" + client + ")");
        attributes.put(
                "requester", request != null ? request.getRequesterName() : grant != null ? grant.getUserName() : "");
        attributes.put(
                "duration", request == null ? "" : Durations.human(Duration.ofSeconds(request.getDurationSeconds())));
        attributes.put(
                "justification",
                request == null || request.getJustification() == null ? "" : request.getJustification());
        attributes.put("ticket", request == null || request.getTicket() == null ? "" : request.getTicket());
        attributes.put("sourceIp", request == null || request.getSourceIp() == null ? "" : request.getSourceIp());
        attributes.put("status", request == null ? "" : request.getStatus());
        attributes.put(
                "comment",
                request == null
                        ? ""
                        : request.getApprovals().stream()
                                .reduce((a, b) -> b)
                                .map(ApprovalEntity::getComment)
                                .orElse(""));
        attributes.put(
                "decidedBy",
                request == null
                        ? ""
                        : request.getApprovals().stream()
                                .reduce((a, b) -> b)
                                .map(ApprovalEntity::getApproverName)
                                .orElse(""));
        attributes.put(
                "expiresAt",
                request == null
                        ? ""
                        : Instant.ofEpochMilli(request.getExpiresAt()).toString());
        attributes.put(
                "endsAt",
                grant == null ? "" : Instant.ofEpochMilli(grant.getEndsAt()).toString());
        attributes.put("endReason", grant == null || grant.getEndReason() == null ? "" : grant.getEndReason());
        String base = notification.getBaseUrl();
        attributes.put(
                "link",
                base == null
                        ? ""
                        : base + (base.endsWith("/") ? "" : "/") + "realms/" + realm.getName() + "/" + ACCOUNT_PAGE
                                + (request == null ? "" : "?request=" + request.getId()));
        return attributes;
    }

    /** Everyone who may decide the request: members of approver groups (and their subgroups) and holders of approver roles. */
    private List<UserModel> approvers(RequestEntity request) {
        if (request == null) {
            return List.of();
        }
        Policy policy = RealmPolicies.readable(realm, request.getPolicyId()).orElse(null);
        if (policy == null) {
            return List.of();
        }
        Map<String, UserModel> approvers = new LinkedHashMap<>();
        for (Pin pin : policy.approval().groups()) {
            GroupModel group =
                    pin.id().map(id -> session.groups().getGroupById(realm, id)).orElse(null);
            if (group != null) {
                members(group, approvers);
            }
        }
        for (Pin pin : policy.approval().roles()) {
            RoleModel role = ResolvedPolicy.role(realm, pin);
            if (role != null) {
                session.users()
                        .getRoleMembersStream(realm, role)
                        .forEach(user -> approvers.putIfAbsent(user.getId(), user));
            }
        }
        approvers.remove(request.getRequesterId());
        return List.copyOf(approvers.values());
    }

    private void members(GroupModel group, Map<String, UserModel> into) {
        session.users().getGroupMembersStream(realm, group).forEach(user -> into.putIfAbsent(user.getId(), user));
        group.getSubGroupsStream().forEach(sub -> members(sub, into));
    }
}
