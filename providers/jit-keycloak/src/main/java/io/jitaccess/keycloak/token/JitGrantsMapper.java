package io.jitaccess.keycloak.token;

import io.jitaccess.core.GrantRules;
import io.jitaccess.keycloak.ledger.GrantedTargets;
import io.jitaccess.keycloak.ledger.TokenCap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Protocol mapper {@code jit-grants}: adds {@code jit: [{role, client?, exp, grant}]} for the active grants
 * whose role this token carries ({@code {group, exp, grant}} and {@code {role, client?, group, exp, grant}} for a
 * group membership and the roles it brings), and lowers the token's {@code exp} to the earliest of their ends, so no
 * token outlives a grant. A role or membership whose grant has ended but which is not yet stripped is left out of
 * the token. Tokens of users without grants are left exactly as Keycloak made them.
 */
public final class JitGrantsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = TokenCap.MAPPER;
    public static final String CLAIM = "jit";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, JitGrantsMapper.class);
    }

    private final TokenGrants grants = new TokenGrants();
    /** Whether every role JIT grants carries its mark on this node; until then the mark proves nothing (fail closed). */
    private volatile boolean rolesMarked;

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        TokenUpkeep.register(factory, () -> rolesMarked = true);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "JIT grants";
    }

    @Override
    public String getHelpText() {
        return "Adds the 'jit' claim (each active just-in-time grant in this token, with its end) and caps the token's"
                + " expiry at the earliest grant end.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** After Keycloak's role mappers (priority 10 to 50), so the roles are in the token. */
    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public AccessToken transformAccessToken(
            AccessToken token,
            ProtocolMapperModel mapping,
            KeycloakSession session,
            UserSessionModel userSession,
            ClientSessionContext context) {
        boolean lightweight = getShouldUseLightweightToken(session);
        boolean claim = lightweight
                ? OIDCAttributeMapperHelper.includeInLightweightAccessToken(mapping)
                : OIDCAttributeMapperHelper.includeInAccessToken(mapping);
        // the cap applies whether or not the claim is wanted: no access token outlives a grant it carries
        apply(token, session, userSession, context, claim, true);
        return token;
    }

    @Override
    public IDToken transformIDToken(
            IDToken token,
            ProtocolMapperModel mapping,
            KeycloakSession session,
            UserSessionModel userSession,
            ClientSessionContext context) {
        apply(token, session, userSession, context, OIDCAttributeMapperHelper.includeInIDToken(mapping), true);
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(
            AccessToken token,
            ProtocolMapperModel mapping,
            KeycloakSession session,
            UserSessionModel userSession,
            ClientSessionContext context) {
        apply(token, session, userSession, context, OIDCAttributeMapperHelper.includeInUserInfo(mapping), false);
        return token;
    }

    @Override
    public AccessToken transformIntrospectionToken(
            AccessToken token,
            ProtocolMapperModel mapping,
            KeycloakSession session,
            UserSessionModel userSession,
            ClientSessionContext context) {
        apply(token, session, userSession, context, OIDCAttributeMapperHelper.includeInIntrospection(mapping), true);
        return token;
    }

    /** Whether the token carries the granted role, or (for a composite) any role it brings. */
    private static boolean carries(RealmModel realm, String roleId, Set<String> tokenRoleIds) {
        if (tokenRoleIds.contains(roleId)) {
            return true;
        }
        RoleModel role = realm.getRoleById(roleId);
        return role != null
                && role.isComposite()
                && org.keycloak.models.utils.RoleUtils.expandCompositeRolesStream(java.util.stream.Stream.of(role))
                        .anyMatch(r -> tokenRoleIds.contains(r.getId()));
    }

    private void apply(
            IDToken token,
            KeycloakSession session,
            UserSessionModel userSession,
            ClientSessionContext context,
            boolean addClaim,
            boolean capExpiry) {
        if (userSession == null
                || userSession.getUser() == null
                || (rolesMarked && !GrantedTargets.holdsMarkedTarget(userSession.getUser()))) {
            return; // no role or group JIT grants is this user's: no grant can be in the token
        }
        List<TokenGrants.Held> active =
                grants.of(session, userSession.getRealm(), userSession.getUser().getId());
        if (active.isEmpty()) {
            return;
        }
        RealmModel realm = userSession.getRealm();
        Set<String> tokenRoleIds =
                context.getRolesStream().map(RoleModel::getId).collect(Collectors.toSet());
        Set<String> groupIds = active.stream()
                .filter(TokenGrants.Held::group)
                .map(held -> held.rules().targetId())
                .collect(Collectors.toSet());
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        // a membership may show in any claim (groups, its roles, its attributes): every token of a member is capped
        GrantRules.TokenGrants carried = GrantRules.forToken(
                active.stream().map(TokenGrants.Held::rules).toList(),
                targetId -> groupIds.contains(targetId) || carries(realm, targetId, tokenRoleIds),
                now);
        if (carried.isEmpty()) {
            return; // roles this client cannot see are not its business
        }
        if (!carried.endedTargetIds().isEmpty()) {
            // a grant ended, its mapping or membership not stripped yet: its role or group leaves the token, which dies
            // now (the role may sit in any claim a mapper made of it, and Keycloak's admin API reads live roles)
            List<GroupModel> endedGroups = carried.endedTargetIds().stream()
                    .filter(groupIds::contains)
                    .map(id -> session.groups().getGroupById(realm, id))
                    .filter(Objects::nonNull)
                    .toList();
            if (token instanceof AccessToken access) {
                TokenRoles.removeEnded(
                        access,
                        carried.endedTargetIds().stream()
                                .filter(id -> !groupIds.contains(id))
                                .map(realm::getRoleById)
                                .filter(Objects::nonNull)
                                .toList(),
                        endedGroups,
                        userSession.getUser());
            }
            TokenGroups.removeFromClaims(token, context, endedGroups);
        }
        if (addClaim && !carried.inForce().isEmpty()) {
            Map<String, TokenGrants.Held> byId =
                    active.stream().collect(Collectors.toMap(g -> g.rules().id(), g -> g));
            token.getOtherClaims()
                    .put(
                            CLAIM,
                            carried.inForce().stream()
                                    .flatMap(g -> entries(session, realm, byId.get(g.id()), tokenRoleIds).stream())
                                    .toList());
        }
        long capSeconds = carried.cap().orElseThrow().toEpochMilli() / 1000;
        if (capExpiry && (token.getExp() == null || token.getExp() > capSeconds)) {
            token.exp(capSeconds);
        }
    }

    /** The jit claim's entries for one grant: a role's, or a membership's and its roles'. */
    private static List<Map<String, Object>> entries(
            KeycloakSession session, RealmModel realm, TokenGrants.Held grant, Set<String> tokenRoleIds) {
        if (grant.group()) {
            return TokenGroups.entries(
                    grant, session.groups().getGroupById(realm, grant.rules().targetId()), tokenRoleIds);
        }
        return List.of(entry(grant));
    }

    /** One entry of the jit claim. */
    private static Map<String, Object> entry(TokenGrants.Held grant) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", grant.roleName());
        if (grant.clientId() != null) {
            entry.put("client", grant.clientId());
        }
        entry.put("exp", grant.rules().endsAt().toEpochMilli() / 1000);
        entry.put("grant", grant.rules().id());
        return entry;
    }
}
