package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Policy;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.ModelToRepresentation;

/**
 * Who holds a privileged role or group (the target of any policy) permanently: a role directly, through a group or
 * through a composite role; a group directly or through one of its subgroups (whose members inherit its roles) — the
 * first step toward zero standing privilege. Mappings and memberships that exist only because of an active
 * non-standing grant are not standing and are left out.
 */
public final class StandingPrivilege {

    /** One permanent holder of a privileged target, and how they hold it. */
    public record Holder(String userId, String username, String via, Instant lastLogin) {}

    /** A privileged target, the policies that target it, and its permanent holders. */
    public record Entry(GrantTarget target, List<String> policies, List<Holder> holders) {}

    private final KeycloakSession session;
    private final RealmModel realm;

    public StandingPrivilege(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public List<Entry> report() {
        Map<String, Entry> byTarget = new LinkedHashMap<>();
        for (Policy policy : RealmPolicies.all(realm).stream()
                .flatMap(entry -> entry.policy().stream())
                .toList()) {
            GrantTarget target = GrantTarget.of(session, realm, policy.target());
            if (target == null) {
                continue;
            }
            byTarget.computeIfAbsent(target.id(), id -> new Entry(target, new ArrayList<>(), holders(target)))
                    .policies()
                    .add(policy.name());
        }
        return List.copyOf(byTarget.values());
    }

    private List<Holder> holders(GrantTarget target) {
        return target instanceof GrantTarget.Group group
                ? membersOf(group.group())
                : holders(((GrantTarget.Role) target).role());
    }

    /** The group's permanent members, direct ones first, then those of its subgroups (who inherit its roles). */
    private List<Holder> membersOf(GroupModel group) {
        Map<String, Holder> holders = new LinkedHashMap<>();
        Set<String> justInTime = justInTimeHolders(Target.Kind.GROUP, group.getId());
        session.users()
                .getGroupMembersStream(realm, group)
                .filter(user -> !justInTime.contains(user.getId()))
                .forEach(user -> holders.putIfAbsent(user.getId(), holder(user, "direct")));
        group.getSubGroupsStream().forEach(sub -> members(sub)
                .forEach(user -> holders.putIfAbsent(
                        user.getId(), holder(user, "subgroup:" + KeycloakModelUtils.buildGroupPath(sub)))));
        return List.copyOf(holders.values());
    }

    private List<Holder> holders(RoleModel role) {
        Map<String, Holder> holders = new LinkedHashMap<>();
        Set<String> justInTime = justInTimeHolders(Target.Kind.ROLE, role.getId());
        session.users()
                .getRoleMembersStream(realm, role)
                .filter(user -> !justInTime.contains(user.getId()))
                .forEach(user -> holders.putIfAbsent(user.getId(), holder(user, "direct")));
        realm.getGroupsStream().forEach(group -> groupHolders(group, role, holders));
        compositeParents(role).forEach(parent -> session.users()
                .getRoleMembersStream(realm, parent)
                .forEach(user -> holders.putIfAbsent(user.getId(), holder(user, "composite:" + label(parent)))));
        RoleModel defaults = realm.getDefaultRole();
        if (defaults != null && !defaults.getId().equals(role.getId()) && defaults.hasRole(role)) {
            // every user of the realm holds it: one line says so instead of listing them all
            holders.put("*", new Holder(null, "*", "default-roles:" + defaults.getName(), null));
        }
        return List.copyOf(holders.values());
    }

    private void groupHolders(GroupModel group, RoleModel role, Map<String, Holder> into) {
        if (group.hasRole(role)) {
            String path = ModelToRepresentation.buildGroupPath(group);
            members(group).forEach(user -> into.putIfAbsent(user.getId(), holder(user, "group:" + path)));
            return; // subgroups inherit it: their members were listed as members of this group
        }
        group.getSubGroupsStream().forEach(sub -> groupHolders(sub, role, into));
    }

    /**
     * The group's members and those of its subgroups, left out who is a direct member only through an active grant
     * of that group (not standing).
     */
    private Stream<UserModel> members(GroupModel group) {
        Set<String> justInTime = justInTimeHolders(Target.Kind.GROUP, group.getId());
        return Stream.concat(
                session.users().getGroupMembersStream(realm, group).filter(user -> !justInTime.contains(user.getId())),
                group.getSubGroupsStream().flatMap(this::members));
    }

    private Stream<RoleModel> compositeParents(RoleModel role) {
        Stream<RoleModel> all =
                Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(c -> c.getRolesStream()));
        String defaults =
                realm.getDefaultRole() == null ? "" : realm.getDefaultRole().getId();
        return all
                .filter(r -> !r.getId().equals(role.getId()) && r.isComposite() && r.hasRole(role))
                .filter(r -> !r.getId().equals(defaults))
                .collect(Collectors.toList())
                .stream();
    }

    private Set<String> justInTimeHolders(Target.Kind kind, String targetId) {
        return new GrantStore(session)
                .activeOfRealmTarget(realm.getId(), kind, targetId).stream()
                        .filter(g -> !g.isStanding())
                        .map(GrantEntity::getUserId)
                        .collect(Collectors.toSet());
    }

    private Holder holder(UserModel user, String via) {
        return new Holder(user.getId(), user.getUsername(), via, lastLogin(user).orElse(null));
    }

    /** The last login from stored login events (only where the realm saves events). */
    private Optional<Instant> lastLogin(UserModel user) {
        if (!realm.isEventsEnabled()) {
            return Optional.empty();
        }
        EventStoreProvider events = session.getProvider(EventStoreProvider.class);
        return events == null
                ? Optional.empty()
                : events.createQuery()
                        .realm(realm.getId())
                        .user(user.getId())
                        .type(EventType.LOGIN)
                        .orderByDescTime()
                        .maxResults(1)
                        .getResultStream()
                        .findFirst()
                        .map(event -> Instant.ofEpochMilli(event.getTime()));
    }

    public static String label(RoleModel role) {
        return role.isClientRole()
                ? ((org.keycloak.models.ClientModel) role.getContainer()).getClientId() + "/" + role.getName()
                : role.getName();
    }
}
