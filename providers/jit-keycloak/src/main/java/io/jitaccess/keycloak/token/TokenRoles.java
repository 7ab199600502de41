package io.jitaccess.keycloak.token;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;

/** Takes a role out of an access token's {@code realm_access} or {@code resource_access}. */
final class TokenRoles {

    private TokenRoles() {}

    /**
     * Takes out roles whose grants have ended (their mappings not stripped yet), the roles of groups whose membership
     * grants have ended, and, for composites, every role they bring that the user does not hold another way (a
     * mapping of their own, another group, a composite not ended).
     */
    static void removeEnded(
            AccessToken token,
            java.util.Collection<RoleModel> ended,
            java.util.Collection<GroupModel> endedGroups,
            UserModel user) {
        Set<String> endedIds = ended.stream().map(RoleModel::getId).collect(Collectors.toSet());
        Set<String> endedGroupIds = endedGroups.stream().map(GroupModel::getId).collect(Collectors.toSet());
        Set<RoleModel> heldOtherwise = RoleUtils.expandCompositeRoles(Stream.concat(
                        user.getRoleMappingsStream().filter(role -> !endedIds.contains(role.getId())),
                        user.getGroupsStream()
                                .filter(group -> !endedGroupIds.contains(group.getId()))
                                .flatMap(TokenRoles::groupRoles))
                .collect(Collectors.toSet()));
        Set<RoleModel> leaving = new java.util.HashSet<>(ended);
        endedGroups.stream().flatMap(TokenRoles::groupRoles).forEach(leaving::add);
        for (RoleModel role : RoleUtils.expandCompositeRoles(leaving)) {
            if (endedIds.contains(role.getId()) || !heldOtherwise.contains(role)) {
                remove(token, role);
            }
        }
    }

    /** A group's roles and those of the groups above it (members inherit them). */
    static Stream<RoleModel> groupRoles(GroupModel group) {
        Stream<RoleModel> own = group.getRoleMappingsStream();
        return group.getParent() == null ? own : Stream.concat(own, groupRoles(group.getParent()));
    }

    static void remove(AccessToken token, RoleModel role) {
        if (role.isClientRole()) {
            ClientModel client = (ClientModel) role.getContainer();
            AccessToken.Access access = token.getResourceAccess(client.getClientId());
            if (access != null && access.getRoles() != null) {
                access.getRoles().remove(role.getName());
                if (access.getRoles().isEmpty()) {
                    token.getResourceAccess().remove(client.getClientId());
                }
            }
        } else if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null) {
            token.getRealmAccess().getRoles().remove(role.getName());
        }
    }
}
