package io.jitaccess.keycloak.token;

import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.TokenCap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;

/**
 * The token cap goes wherever tokens are made. Keycloak runs, for every token, the mappers of the token's client
 * (the client counts as one of its own scopes) and of its client scopes. So every OIDC client of every realm gets
 * the {@code jit-grants} mapper as a cap only (no claim; the claim stays with the {@code jit} client scope):
 * whatever mapper puts a granted role into a token (Keycloak's role mappers, a script, a renamed claim), the token
 * is capped. Each capped client is marked ({@code jit.cap=managed}); found marked without the mapper, it gets it
 * back and the removal is reported (log, an audit entry {@code TOKEN_CAP_RESTORED} that is also an admin event,
 * and the token-cap report).
 */
public final class TokenCapCoverage {

    static final String MAPPER_NAME = "jit token cap (jit-grants)";

    private static final Logger LOG = Logger.getLogger(TokenCapCoverage.class);

    private TokenCapCoverage() {}

    /** At start-up and on every sweep: each realm in a transaction of its own. Returns how many clients got the cap. */
    public static int ensureAll(KeycloakSessionFactory factory) {
        List<String> realms = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(
                factory, session -> session.realms().getRealmsStream().forEach(r -> realms.add(r.getId())));
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
                LOG.warnf(
                        "JIT could not put the token cap into realm id %s (%s); it tries again at the next sweep",
                        realmId, e.getClass().getName());
            }
            added += count[0];
        }
        return added;
    }

    /**
     * Puts the cap into every OIDC client of the realm that lacks it, in the caller's transaction; a client that
     * cannot take it is logged and does not stop the others. The removals found are audited last, so the realm's
     * ledger lock is held only for that. Returns how many clients got the cap.
     */
    public static int ensure(KeycloakSession session, RealmModel realm) {
        int added = 0;
        List<ClientModel> restored = new ArrayList<>();
        for (ClientModel client : TokenCap.oidcClients(realm)) {
            try {
                Boolean wasRemoved = ensure(client);
                if (wasRemoved != null) {
                    added++;
                    if (wasRemoved) {
                        restored.add(client);
                    }
                }
            } catch (ModelException e) {
                LOG.warnf(
                        "JIT could not put the token cap into client %s of realm %s (%s)",
                        client.getClientId(), realm.getName(), e.getClass().getName());
            }
        }
        for (ClientModel client : restored) {
            LOG.warnf(
                    "JIT: the token cap was removed from client '%s' of realm %s; it was added again",
                    client.getClientId(), realm.getName());
            new Ledger(session, realm)
                    .audit()
                    .append(AuditDraft.of(AuditAction.TOKEN_CAP_RESTORED)
                            .actor(Caller.system())
                            .reason("the jit-grants mapper was missing from client '" + client.getClientId()
                                    + "'; it was added again so" + " that no token outlives a grant it carries"));
        }
        return added;
    }

    /** The same for one client, as soon as it is created or updated (its own mappers are in place by then). */
    public static void ensure(KeycloakSession session, ClientModel client) {
        if (session == null || client == null || !TokenCap.isOidc(client)) {
            return;
        }
        if (Boolean.TRUE.equals(ensure(client))) {
            LOG.warnf(
                    "JIT: the token cap was removed from client '%s' of realm %s; it was added again",
                    client.getClientId(), client.getRealm().getName());
            new Ledger(session, client.getRealm())
                    .audit()
                    .append(AuditDraft.of(AuditAction.TOKEN_CAP_RESTORED)
                            .actor(Caller.system())
                            .reason("the jit-grants mapper was missing from client '" + client.getClientId()
                                    + "'; it was added again"));
        }
    }

    /** Null when the client had the cap; else adds it and says whether it was there before (removed by someone). */
    private static Boolean ensure(ClientModel client) {
        List<ProtocolMapperModel> caps = TokenCap.caps(client);
        // two nodes may have added it at once: one is enough
        caps.stream()
                .skip(1)
                .filter(extra -> extra.getName().startsWith(MAPPER_NAME))
                .forEach(client::removeProtocolMapper);
        if (!caps.isEmpty()) {
            return null;
        }
        client.addProtocolMapper(capMapper(client));
        if (TokenCap.MANAGED.equals(client.getAttribute(TokenCap.MARK))) {
            client.setAttribute(
                    TokenCap.RESTORED_AT,
                    Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
            return true;
        }
        client.setAttribute(TokenCap.MARK, TokenCap.MANAGED);
        return false;
    }

    /** The cap alone, under a name no mapper of the client has (Keycloak refuses two of one name). */
    private static ProtocolMapperModel capMapper(ClientModel client) {
        String name = MAPPER_NAME;
        if (client.getProtocolMapperByName(OIDCLoginProtocol.LOGIN_PROTOCOL, name) != null) {
            name = MAPPER_NAME + " " + KeycloakModelUtils.generateId().substring(0, 8);
        }
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(name);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(TokenCap.MAPPER);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "false");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN, "false");
        mapper.setConfig(config);
        return mapper;
    }
}
