package io.jitaccess.keycloak.audit;

import io.jitaccess.core.AuditRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * Emits audit entries as Keycloak admin events ({@code ResourceType.CUSTOM}, operation ACTION, the entry as
 * representation) once the transaction that wrote them has committed: the Events page of the admin console
 * and every event listener (SIEM export) see them, and nothing is emitted for a change that was rolled back.
 * <p>
 * During a request of the admin API the entries go through the {@link AdminEventBuilder} Keycloak made for that
 * request ({@link #viaAdminApi}), so they carry Keycloak's own record of the admin (their realm, client, user and
 * address); entries of the user API, the login step and the timers go through this class's own dispatcher. Both
 * fill the same fields the same way.
 */
public final class AuditEvents {

    private static final Logger LOG = Logger.getLogger(AuditEvents.class);
    private static final String PENDING = AuditEvents.class.getName() + ".pending";
    private static final String BUILDER = AuditEvents.class.getName() + ".builder";

    private AuditEvents() {}

    /** The entries this session's request writes are admin events of {@code builder} (a request of the admin API). */
    public static void viaAdminApi(KeycloakSession session, AdminEventBuilder builder) {
        session.setAttribute(BUILDER, builder);
    }

    static void emitAfterCommit(KeycloakSession session, AuditRecord record) {
        @SuppressWarnings("unchecked")
        List<AuditRecord> pending = (List<AuditRecord>) session.getAttribute(PENDING);
        if (pending == null) {
            List<AuditRecord> list = new ArrayList<>();
            session.setAttribute(PENDING, list);
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            AdminEventBuilder builder = session.getAttribute(BUILDER, AdminEventBuilder.class);
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    // realm by realm; Keycloak's builder speaks for its own realm only
                    String builderRealm =
                            builder == null ? null : builder.getEvent().getRealmId();
                    Map<String, List<AuditRecord>> byRealm = new LinkedHashMap<>();
                    list.forEach(entry -> byRealm.computeIfAbsent(entry.realmId(), r -> new ArrayList<>())
                            .add(entry));
                    byRealm.forEach((realmId, entries) -> {
                        if (realmId.equals(builderRealm)) {
                            emit(factory, entries, builder);
                        } else {
                            emit(factory, entries);
                        }
                    });
                }

                @Override
                protected void rollbackImpl() {
                    list.clear();
                }
            });
            pending = list;
        }
        pending.add(record);
    }

    private static void emit(KeycloakSessionFactory factory, List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(records.get(0).realmId());
                if (realm == null) {
                    return;
                }
                EventStoreProvider store =
                        realm.isAdminEventsEnabled() ? session.getProvider(EventStoreProvider.class) : null;
                List<EventListenerProvider> listeners = realm.getEventsListenersStream()
                        .map(id -> session.getProvider(EventListenerProvider.class, id))
                        .filter(l -> l != null)
                        .toList();
                for (AuditRecord record : records) {
                    AdminEvent event = toEvent(realm, record);
                    if (store != null) {
                        store.onEvent(event, realm.isAdminEventsDetailsEnabled());
                    }
                    for (EventListenerProvider listener : listeners) {
                        try {
                            listener.onEvent(event, realm.isAdminEventsDetailsEnabled());
                        } catch (RuntimeException e) {
                            LOG.warnf(
                                    "event listener %s failed on a JIT event (%s)",
                                    listener.getClass().getName(), e.getClass().getName());
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            // the audit entries are committed; only their copies as admin events are lost
            LOG.warnf(
                    "JIT admin events could not be emitted (audit entries %d-%d are stored): %s",
                    records.get(0).seq(),
                    records.get(records.size() - 1).seq(),
                    e.getClass().getName());
        }
    }

    /** Through Keycloak's builder of the admin API request, in a transaction of its own (the request's has ended). */
    private static void emit(KeycloakSessionFactory factory, List<AuditRecord> records, AdminEventBuilder builder) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(records.get(0).realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm); // Keycloak's user cache wants a realm bound to the session
                AdminEventBuilder event =
                        builder.clone(session).operation(OperationType.ACTION).resource(ResourceType.CUSTOM);
                for (AuditRecord record : records) {
                    event.resourcePath(resourcePath(record)).representation(fields(record));
                    details(record).forEach(event::detail);
                    event.success();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT admin events could not be emitted (audit entries %d-%d are stored): %s",
                    records.get(0).seq(),
                    records.get(records.size() - 1).seq(),
                    e.getClass().getName());
        }
    }

    static AdminEvent toEvent(RealmModel realm, AuditRecord record) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(record.time());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setUserId(record.actorId());
        auth.setIpAddress(record.sourceIp());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.CUSTOM);
        event.setResourcePath(resourcePath(record));
        event.setRepresentation(representation(record));
        event.setDetails(details(record));
        return event;
    }

    private static Map<String, String> details(AuditRecord record) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("jit_action", AuditAction.valueOf(record.action()).eventName());
        details.put("jit_audit_seq", Long.toString(record.seq()));
        return details;
    }

    private static String resourcePath(AuditRecord record) {
        if (record.grantId() != null) {
            return "jit/grants/" + record.grantId();
        }
        if (record.requestId() != null) {
            return "jit/requests/" + record.requestId();
        }
        return "jit/audit/" + record.seq();
    }

    static String representation(AuditRecord record) {
        try {
            return JsonSerialization.writeValueAsString(fields(record));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fields(AuditRecord record) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("seq", record.seq());
        rep.put("time", record.time());
        rep.put("action", AuditAction.valueOf(record.action()).eventName());
        rep.put("actorId", record.actorId());
        rep.put("actor", record.actorName());
        rep.put("subjectId", record.subjectId());
        rep.put("subject", record.subjectName());
        rep.put("role", record.role());
        rep.put("client", record.clientId());
        if (record.group() != null) {
            rep.put("group", record.group());
        }
        rep.put("policyId", record.policyId());
        rep.put("requestId", record.requestId());
        rep.put("grantId", record.grantId());
        rep.put("justification", record.justification());
        rep.put("ticket", record.ticket());
        rep.put("reason", record.reason());
        rep.put("sourceIp", record.sourceIp());
        rep.put("userAgent", record.userAgent());
        rep.put("hash", record.hash());
        return rep;
    }
}
