package io.jitaccess.keycloak.ledger;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Whether an admin may map a role, as Keycloak's own admin API decides it ({@code RoleMapperResource}: the
 * role permission evaluator of the admin's token, fine-grained admin permissions v1 and v2 included). With the
 * admin's bearer token while they save; later, with no request of theirs, with the token their admin console
 * would carry now: every role they hold, directly, through groups and composites.
 */
public final class AdminRights {

    private AdminRights() {
    }

    /** As the admin API decides for this very request's token. */
    public static boolean mayMap(KeycloakSession session, RealmModel realm, RealmModel adminRealm, UserModel admin,
            AccessToken token, RoleModel role) {
        ClientModel client = token.getIssuedFor() == null ? null : adminRealm.getClientByClientId(token.getIssuedFor());
        return AdminPermissions.evaluator(session, realm, new AdminAuth(adminRealm, token, admin, client)).roles().canMapRole(role);
    }

    /** As the admin API would decide now for a full-scope token of this admin (the admin console's). */
    public static boolean mayMapNow(KeycloakSession session, RealmModel realm, RealmModel adminRealm, UserModel admin,
            RoleModel role) {
        return mayMap(session, realm, adminRealm, admin, fullScopeToken(adminRealm, admin), role);
    }

    /**
     * The roles a full-scope token of {@code admin} carries. Its id has no encoded context and it names its roles,
     * so Keycloak reads them as they are instead of looking up a session; no one ever receives this token.
     */
    private static AccessToken fullScopeToken(RealmModel adminRealm, UserModel admin) {
        AccessToken token = new AccessToken();
        token.id(KeycloakModelUtils.generateId());
        token.subject(admin.getId());
        token.issuedFor(Constants.ADMIN_CLI_CLIENT_ID);
        AccessToken.Access realmAccess = new AccessToken.Access();
        Map<String, AccessToken.Access> clientAccess = new HashMap<>();
        for (RoleModel held : RoleUtils.getDeepUserRoleMappings(admin)) {
            if (held.isClientRole()) {
                String clientId = ((ClientModel) held.getContainer()).getClientId();
                clientAccess.computeIfAbsent(clientId, id -> new AccessToken.Access()).addRole(held.getName());
            } else if (held.getContainer() instanceof RealmModel owner && owner.getId().equals(adminRealm.getId())) {
                realmAccess.addRole(held.getName());
            }
        }
        token.setRealmAccess(realmAccess);
        token.setResourceAccess(clientAccess);
        return token;
    }
}
