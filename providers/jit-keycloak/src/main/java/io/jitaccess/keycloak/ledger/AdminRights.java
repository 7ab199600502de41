package io.jitaccess.keycloak.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * What an admin may do to role mappings and group memberships, as Keycloak's own endpoints decide it
 * ({@code RoleMapperResource}: map roles to that user, and map that role; {@code UserResource.joinGroup}: manage the
 * user's groups, and manage the group's members; fine-grained admin permissions v1 and v2
 * included), from the admin's token: the bearer token while they save, later the token the client they saved with
 * would issue them now.
 */
public final class AdminRights {

    private final AdminPermissionEvaluator permissions;

    private AdminRights(AdminPermissionEvaluator permissions) {
        this.permissions = permissions;
    }

    /** With this very request's token. */
    public static AdminRights of(
            KeycloakSession session, RealmModel realm, RealmModel adminRealm, UserModel admin, AccessToken token) {
        ClientModel client = token.getIssuedFor() == null ? null : adminRealm.getClientByClientId(token.getIssuedFor());
        return new AdminRights(
                AdminPermissions.evaluator(session, realm, new AdminAuth(adminRealm, token, admin, client)));
    }

    /**
     * With the token {@code client} would issue {@code admin} now: the roles they hold (directly, through groups and
     * composites) within the client's scope. Its id has no encoded context and it names its roles, so Keycloak
     * reads them as they are instead of looking up a session; no one ever receives this token.
     */
    public static AdminRights now(
            KeycloakSession session, RealmModel realm, RealmModel adminRealm, UserModel admin, ClientModel client) {
        AccessToken token = new AccessToken();
        token.id(KeycloakModelUtils.generateId());
        token.subject(admin.getId());
        token.issuedFor(client.getClientId());
        AccessToken.Access realmAccess = new AccessToken.Access();
        Map<String, AccessToken.Access> clientAccess = new HashMap<>();
        Stream<ClientScopeModel> scopes =
                Stream.concat(Stream.of(client), client.getClientScopes(true).values().stream());
        Set<RoleModel> held = TokenManager.getAccess(admin, client, scopes);
        for (RoleModel role : held) {
            if (role.isClientRole()) {
                clientAccess
                        .computeIfAbsent(
                                ((ClientModel) role.getContainer()).getClientId(), id -> new AccessToken.Access())
                        .addRole(role.getName());
            } else if (role.getContainer() instanceof RealmModel owner
                    && owner.getId().equals(adminRealm.getId())) {
                realmAccess.addRole(role.getName());
            }
        }
        token.setRealmAccess(realmAccess);
        token.setResourceAccess(clientAccess);
        return new AdminRights(
                AdminPermissions.evaluator(session, realm, new AdminAuth(adminRealm, token, admin, client)));
    }

    public boolean mayMap(RoleModel role) {
        return permissions.roles().canMapRole(role);
    }

    public boolean mayMapRolesTo(UserModel user) {
        return permissions.users().canMapRoles(user);
    }

    /** Whether the admin may add members to the group and remove them ({@code GroupResource}'s membership rule). */
    public boolean mayManageMembersOf(GroupModel group) {
        return permissions.groups().canManageMembership(group);
    }

    /** Whether the admin may change the user's group memberships ({@code UserResource.joinGroup}'s rule). */
    public boolean mayManageGroupsOf(UserModel user) {
        return permissions.users().canManageGroupMembership(user);
    }
}
