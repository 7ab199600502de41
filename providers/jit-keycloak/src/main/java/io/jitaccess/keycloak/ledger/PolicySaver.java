package io.jitaccess.keycloak.ledger;

import static io.jitaccess.core.PolicyKeys.SAVED_BY;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_NAME;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_REALM;
import static io.jitaccess.core.PolicyKeys.SAVED_BY_USER;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who answers for a policy: the admin who saved it last, or a realm import (or the upgrade that found it stored
 * before this record existed). The server writes it on every save, never from a client's input. A policy saved
 * by an admin grants only while Keycloak still lets that admin map its target role: a policy is never a way
 * around Keycloak's own permissions.
 */
public record PolicySaver(String kind, String realmId, String userId, String username) {

    public static final String ADMIN = "admin";
    public static final String IMPORT = "import";
    public static final String UPGRADE = "upgrade";

    public static PolicySaver admin(RealmModel adminRealm, UserModel admin) {
        return new PolicySaver(ADMIN, adminRealm.getId(), admin.getId(), admin.getUsername());
    }

    /** A realm import; {@code by} is the admin who sent it through the admin API, if any. */
    public static PolicySaver imported(String by) {
        return new PolicySaver(IMPORT, null, null, by);
    }

    public static PolicySaver upgraded() {
        return new PolicySaver(UPGRADE, null, null, null);
    }

    /** The record stored in a policy's options, if any. */
    public static Optional<PolicySaver> of(Map<String, List<String>> config) {
        String kind = first(config, SAVED_BY);
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicySaver(kind, first(config, SAVED_BY_REALM), first(config, SAVED_BY_USER),
                first(config, SAVED_BY_NAME)));
    }

    /** Replaces whatever record the options held. */
    public void writeTo(MultivaluedHashMap<String, String> config) {
        config.remove(SAVED_BY);
        config.remove(SAVED_BY_REALM);
        config.remove(SAVED_BY_USER);
        config.remove(SAVED_BY_NAME);
        config.putSingle(SAVED_BY, kind);
        put(config, SAVED_BY_REALM, realmId);
        put(config, SAVED_BY_USER, userId);
        put(config, SAVED_BY_NAME, username);
    }

    /**
     * Whether grants under the policy may go on: an import or upgrade answers for itself; an admin only while they
     * exist, are enabled, and Keycloak lets them map {@code role} (fine-grained admin permissions included).
     */
    public boolean mayMap(KeycloakSession session, RealmModel realm, RoleModel role) {
        if (IMPORT.equals(kind) || UPGRADE.equals(kind)) {
            return true;
        }
        if (!ADMIN.equals(kind) || realmId == null || userId == null || role == null) {
            return false;
        }
        RealmModel adminRealm = session.realms().getRealm(realmId);
        UserModel admin = adminRealm == null ? null : session.users().getUserById(adminRealm, userId);
        if (admin == null || !admin.isEnabled()) {
            return false;
        }
        return AdminRights.mayMapNow(session, realm, adminRealm, admin, role);
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
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank() ? null : values.get(0);
    }
}
