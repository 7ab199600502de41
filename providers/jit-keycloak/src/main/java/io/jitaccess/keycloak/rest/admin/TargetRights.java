package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.keycloak.ledger.GrantTarget;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Keycloak's own rule for giving a target to a user, for the admin API's calls that give or take one. */
final class TargetRights {

    private TargetRights() {}

    /**
     * Throws Keycloak's 403 unless the admin may give {@code target} to {@code user}: map roles to them and map that
     * role ({@code RoleMapperResource}), or manage their groups and that group's members ({@code UserResource}).
     */
    static void requireMayGive(AdminPermissionEvaluator auth, UserModel user, GrantTarget target) {
        if (target instanceof GrantTarget.Group group) {
            auth.users().requireManageGroupMembership(user);
            auth.groups().requireManageMembership(group.group());
        } else {
            auth.users().requireMapRoles(user);
            auth.roles().requireMapRole(((GrantTarget.Role) target).role());
        }
    }
}
