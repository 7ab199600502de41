package io.jitaccess.keycloak.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;

import io.jitaccess.keycloak.ledger.AuditAction;
import io.jitaccess.keycloak.ledger.AuditDraft;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;

/**
 * The token cap goes wherever role claims go. Keycloak runs only the mappers of a token's client and of its client
 * scopes, so the {@code jit-grants} mapper is put, cap only (no claim), into every OIDC client scope and client of a
 * realm that has a realm-role or client-role mapper: the built-in {@code roles} scope, {@code microprofile-jwt}, a
 * client's own role mappers. Each such place is marked ({@code jit.cap=managed}); found there without the mapper,
 * it gets the mapper back and the removal is reported (log, an audit entry {@code TOKEN_CAP_RESTORED} that is also
 * an admin event, and the token-cap report).
 */
public final class TokenCapCoverage {

    /** The mapper types that put roles into tokens. */
    static final Set<String> ROLE_MAPPERS = Set.of("oidc-usermodel-realm-role-mapper", "oidc-usermodel-client-role-mapper");
    static final String MARK = "jit.cap";
    static final String MANAGED = "managed";
    static final String RESTORED_AT = "jit.cap.restoredAt";
    static final String MAPPER_NAME = "jit token cap";

    private static final Logger LOG = Logger.getLogger(TokenCapCoverage.class);

    private TokenCapCoverage() {
    }

    /** A place Keycloak takes role claims from, and whether the cap is there. */
    public record Source(String type, String id, String name, boolean capped, String restoredAt) {
    }

    /** Every client scope and client of the realm that puts roles into tokens. */
    public static List<Source> sources(RealmModel realm) {
        List<Source> sources = new ArrayList<>();
        containers(realm).forEach(place -> {
            if (carriesRoles(place.container())) {
                sources.add(new Source(place.type(), place.id(), place.name(), capped(place.container()),
                        place.attribute(RESTORED_AT)));
            }
        });
        return sources;
    }

    /** At start-up and on every sweep: each realm in a transaction of its own. Returns how many places got the cap. */
    public static int ensureAll(KeycloakSessionFactory factory) {
        List<String> realms = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(r -> realms.add(r.getId())));
        int added = 0;
        for (String realmId : realms) {
            int[] count = {0};
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm != null) {
                        session.getContext().setRealm(realm);
                        count[0] = ensure(session, realm);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("JIT could not put the token cap into realm id %s (%s); it tries again at the next sweep", realmId,
                        e.getClass().getName());
            }
            added += count[0];
        }
        return added;
    }

    /** Puts the cap where role claims come from and it is missing, in the caller's transaction. Returns how many. */
    public static int ensure(KeycloakSession session, RealmModel realm) {
        int added = 0;
        for (Place place : containers(realm).toList()) {
            added += ensure(session, realm, place);
        }
        return added;
    }

    /** The same for one client, as soon as it is created or updated (its mappers are in place by then). */
    public static void ensure(KeycloakSession session, ClientModel client) {
        if (session != null && client != null && (client.getProtocol() == null || OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol()))) {
            ensure(session, client.getRealm(), new Place("client", client.getId(), client.getClientId(), client, null, client));
        }
    }

    private static int ensure(KeycloakSession session, RealmModel realm, Place place) {
        ProtocolMapperContainerModel container = place.container();
        if (!carriesRoles(container) || capped(container)) {
            return 0;
        }
        container.addProtocolMapper(capMapper());
        if (MANAGED.equals(place.attribute(MARK))) {
            String now = Instant.ofEpochMilli(org.keycloak.common.util.Time.currentTimeMillis()).toString();
            place.setAttribute(RESTORED_AT, now);
            LOG.warnf("JIT: the token cap was removed from %s '%s' of realm %s; it was added again", place.type(), place.name(),
                    realm.getName());
            new Ledger(session, realm).audit().append(AuditDraft.of(AuditAction.TOKEN_CAP_RESTORED).actor(Caller.system())
                    .reason("the jit-grants mapper was missing from " + place.type() + " '" + place.name() + "', which puts roles"
                            + " into tokens; it was added again so that no token outlives a grant it carries"));
        } else {
            place.setAttribute(MARK, MANAGED);
        }
        return 1;
    }

    /**
     * After this transaction commits (a client or client scope was created: its mappers come after the creation
     * event), puts the cap into the realm where it is missing, in a transaction of its own. Once per realm.
     */
    public static void afterCommit(KeycloakSession session, RealmModel realm) {
        if (realm == null) {
            return;
        }
        String key = TokenCapCoverage.class.getName() + ":" + realm.getId();
        if (session.getAttribute(key) != null) {
            return;
        }
        session.setAttribute(key, Boolean.TRUE);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, own -> {
                        RealmModel same = own.realms().getRealm(realmId);
                        if (same != null) {
                            own.getContext().setRealm(same);
                            ensure(own, same);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("JIT could not put the token cap into a new client or client scope (%s); the next sweep does",
                            e.getClass().getName());
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static boolean carriesRoles(ProtocolMapperContainerModel container) {
        return container.getProtocolMappersStream().anyMatch(m -> ROLE_MAPPERS.contains(m.getProtocolMapper()));
    }

    private static boolean capped(ProtocolMapperContainerModel container) {
        return container.getProtocolMappersStream().anyMatch(m -> JitGrantsMapper.PROVIDER_ID.equals(m.getProtocolMapper()));
    }

    /** The cap alone: the jit claim stays with the jit client scope; the expiry is capped whatever the claim settings. */
    private static ProtocolMapperModel capMapper() {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(MAPPER_NAME);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(JitGrantsMapper.PROVIDER_ID);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN, "false");
        mapper.setConfig(config);
        return mapper;
    }

    /** A client scope or client, with its attributes. */
    private record Place(String type, String id, String name, ProtocolMapperContainerModel container,
            ClientScopeModel scope, ClientModel client) {

        String attribute(String key) {
            return scope != null ? scope.getAttribute(key) : client.getAttribute(key);
        }

        void setAttribute(String key, String value) {
            if (scope != null) {
                scope.setAttribute(key, value);
            } else {
                client.setAttribute(key, value);
            }
        }
    }

    private static Stream<Place> containers(RealmModel realm) {
        Stream<Place> scopes = realm.getClientScopesStream().filter(s -> OIDCLoginProtocol.LOGIN_PROTOCOL.equals(s.getProtocol()))
                .map(s -> new Place("client scope", s.getId(), s.getName(), s, s, null));
        Stream<Place> clients = realm.getClientsStream().filter(c -> c.getProtocol() == null
                        || OIDCLoginProtocol.LOGIN_PROTOCOL.equals(c.getProtocol()))
                .map(c -> new Place("client", c.getId(), c.getClientId(), c, null, c));
        return Stream.concat(scopes, clients);
    }
}
