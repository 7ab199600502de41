package io.jitaccess.keycloak.ledger;

import static io.jitaccess.core.PolicyKeys.SAVED_BY;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_CLIENT;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_NAME;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_REALM;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_USER;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who answers for a policy: the admin who saved it last (and the client they saved with), or a realm import, or
 * the upgrade that found it stored before this record existed. The server writes it on every save, never from a
 * client's input. A policy saved by an admin grants only while Keycloak would still let that admin map its target
 * role to the user who gets it, or add them to its target group: a policy is never a way around Keycloak's own
 * permissions.
 */
public record PolicySaver(String kind, String realmId, String userId, String username, String clientId) {

    public static final String ADMIN = "admin";
    public static final String IMPORT = "import";
    public static final String UPGRADE = "upgrade";

    public static PolicySaver admin(RealmModel adminRealm, UserModel admin, String clientId) {
        return new PolicySaver(ADMIN, adminRealm.getId(), admin.getId(), admin.getUsername(), clientId);
    }

    /** A realm import; {@code by} is the admin who sent it through the admin API, if any. */
    public static PolicySaver imported(String by) {
        return new PolicySaver(IMPORT, null, null, by, null);
    }

    public static PolicySaver upgraded() {
        return new PolicySaver(UPGRADE, null, null, null, null);
    }

    /** The record stored in a policy's options, if any. */
    public static Optional<PolicySaver> of(Map<String, List<String>> config) {
        String kind = first(config, SAVED_BY);
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicySaver(
                kind,
                first(config, SAVED_BY_REALM),
                first(config, SAVED_BY_USER),
                first(config, SAVED_BY_NAME),
                first(config, SAVED_BY_CLIENT)));
    }

    /** Replaces whatever record the options held. */
    public void writeTo(MultivaluedHashMap<String, String> config) {
        for (String key : List.of(SAVED_BY, SAVED_BY_REALM, SAVED_BY_USER, SAVED_BY_NAME, SAVED_BY_CLIENT)) {
            config.remove(key);
        }
        config.putSingle(SAVED_BY, kind);
        put(config, SAVED_BY_REALM, realmId);
        put(config, SAVED_BY_USER, userId);
        put(config, SAVED_BY_NAME, username);
        put(config, SAVED_BY_CLIENT, clientId);
    }

    /** Whether the policy may grant {@code target} at all: its saver could still give it to someone. */
    public boolean mayGive(KeycloakSession session, RealmModel realm, GrantTarget target) {
        return trusted() || rights(session, realm).map(target::mayBeGivenBy).orElse(false);
    }

    /**
     * Whether the policy may grant {@code target} to {@code user}: Keycloak would let its saver map that role to them,
     * or add them to that group.
     */
    public boolean mayGrant(KeycloakSession session, RealmModel realm, GrantTarget target, UserModel user) {
        return trusted()
                || rights(session, realm)
                        .map(rights -> target.mayBeGivenBy(rights, user))
                        .orElse(false);
    }

    /** An import or upgrade answers for itself. */
    private boolean trusted() {
        return IMPORT.equals(kind) || UPGRADE.equals(kind);
    }

    /**
     * The saver's rights now, from the token the client they saved with would issue them; none (fail closed) when
     * the admin is gone or disabled, the client is gone or disabled, or a service-account admin's client no longer
     * has its service account.
     */
    private Optional<AdminRights> rights(KeycloakSession session, RealmModel realm) {
        if (!ADMIN.equals(kind) || realmId == null || userId == null || clientId == null) {
            return Optional.empty();
        }
        RealmModel adminRealm = session.realms().getRealm(realmId);
        UserModel admin = adminRealm == null ? null : session.users().getUserById(adminRealm, userId);
        ClientModel client = adminRealm == null ? null : adminRealm.getClientByClientId(clientId);
        if (admin == null || !admin.isEnabled() || client == null || !client.isEnabled()) {
            return Optional.empty();
        }
        String serviceAccountOf = admin.getServiceAccountClientLink();
        if (serviceAccountOf != null) {
            ClientModel own = adminRealm.getClientById(serviceAccountOf);
            if (own == null || !own.isEnabled() || !own.isServiceAccountsEnabled()) {
                return Optional.empty();
            }
        }
        return Optional.of(AdminRights.now(session, realm, adminRealm, admin, client));
    }

    /** For admins' eyes: who this is. */
    public String describe() {
        return switch (kind) {
            case ADMIN -> "admin " + username;
            case IMPORT -> "a realm import" + (username == null ? "" : " by " + username);
            case UPGRADE -> "the upgrade that found it";
            default -> kind;
        };
    }

    private static void put(MultivaluedHashMap<String, String> config, String key, String value) {
        if (value != null) {
            config.putSingle(key, value);
        }
    }

    private static String first(Map<String, List<String>> config, String key) {
        List<String> values = config.get(key);
        return values == null
                        || values.isEmpty()
                        || values.get(0) == null
                        || values.get(0).isBlank()
                ? null
                : values.get(0);
    }
}
