package io.jitaccess.keycloak.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.IDToken;

/**
 * What a group grant puts in a token: a {@code jit} entry for the membership, and one for each role that comes
 * through the group and is in the token (naming the group), so an app's "is this role time-boxed?" check works the
 * same for roles granted directly and through a group. An ended membership leaves the claims Keycloak's group mappers
 * made.
 */
final class TokenGroups {

    /** Keycloak's group membership mapper ({@code GroupMembershipMapper.PROVIDER_ID}) and its options. */
    private static final String GROUP_MAPPER = "oidc-group-membership-mapper";

    private TokenGroups() {}

    /** The membership's entry, then an entry for each role the group brings that the token carries. */
    static List<Map<String, Object>> entries(TokenGrants.Held grant, GroupModel group, Set<String> tokenRoleIds) {
        long exp = grant.rules().endsAt().toEpochMilli() / 1000;
        // the group's path now, as Keycloak's group mapper shows it (the ledger keeps the path at the request)
        String path = group == null ? grant.roleName() : KeycloakModelUtils.buildGroupPath(group);
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<String, Object> membership = new LinkedHashMap<>();
        membership.put("group", path);
        membership.put("exp", exp);
        membership.put("grant", grant.rules().id());
        entries.add(membership);
        if (group == null) {
            return entries;
        }
        Set<RoleModel> roles =
                RoleUtils.expandCompositeRoles(TokenRoles.groupRoles(group).collect(Collectors.toSet()));
        roles.stream()
                .filter(role -> tokenRoleIds.contains(role.getId()))
                .sorted(java.util.Comparator.comparing(RoleModel::getName))
                .forEach(role -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("role", role.getName());
                    if (role.isClientRole()) {
                        entry.put("client", ((ClientModel) role.getContainer()).getClientId());
                    }
                    entry.put("group", path);
                    entry.put("exp", exp);
                    entry.put("grant", grant.rules().id());
                    entries.add(entry);
                });
        return entries;
    }

    /** Takes ended memberships out of every claim a group membership mapper of this token's client made. */
    static void removeFromClaims(IDToken token, ClientSessionContext context, Collection<GroupModel> ended) {
        if (ended.isEmpty()) {
            return;
        }
        context.getProtocolMappersStream()
                .filter(mapper -> GROUP_MAPPER.equals(mapper.getProtocolMapper()))
                .forEach(mapper -> removeFrom(token, mapper, ended));
    }

    private static void removeFrom(IDToken token, ProtocolMapperModel mapper, Collection<GroupModel> ended) {
        String claim = mapper.getConfig().get("claim.name");
        if (claim == null || claim.isBlank()) {
            return;
        }
        // as GroupMembershipMapper.useFullPath reads it
        boolean fullPath = "true".equals(mapper.getConfig().get("full.path"));
        Object value = claimAt(token.getOtherClaims(), claim);
        if (value instanceof Collection<?> names) {
            try {
                for (GroupModel group : ended) {
                    names.remove(fullPath ? KeycloakModelUtils.buildGroupPath(group) : group.getName());
                }
            } catch (UnsupportedOperationException fixed) {
                // a claim a mapper made unchangeable: the token's exp is now, it is dead on arrival anyway
            }
        }
    }

    /** The value at a claim name, split into nested claims as Keycloak's mappers split it. */
    private static Object claimAt(Map<String, Object> claims, String name) {
        Object value = claims;
        for (String part : org.keycloak.utils.JsonUtils.splitClaimPath(name)) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }
}
