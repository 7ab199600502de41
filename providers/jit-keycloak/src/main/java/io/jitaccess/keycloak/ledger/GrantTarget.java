package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Target;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What a grant gives, as Keycloak's model holds it: a role mapped to the user, or the user's direct membership of a
 * group. Held "directly" means the mapping or membership itself: a role that comes through a group, or a membership
 * of a subgroup, is not the target held.
 */
public sealed interface GrantTarget {

    Target.Kind kind();

    String id();

    /** The role's name, or the group's path. */
    String name();

    /** The client of a client role; null for a realm role and for a group. */
    String clientId();

    /** How admins and people read it: {@code role}, {@code client/role}, or the group's path. */
    String label();

    boolean heldBy(UserModel user);

    void give(UserModel user);

    void take(UserModel user);

    /** Whether Keycloak lets an admin with {@code rights} give this target to someone (map the role, add members). */
    boolean mayBeGivenBy(AdminRights rights);

    /** Whether Keycloak lets an admin with {@code rights} change what {@code user} holds of this kind. */
    boolean mayBeGivenTo(UserModel user, AdminRights rights);

    /** Whether Keycloak lets an admin with {@code rights} give this target to {@code user}. */
    default boolean mayBeGivenBy(AdminRights rights, UserModel user) {
        return mayBeGivenBy(rights) && mayBeGivenTo(user, rights);
    }

    /** The target's {@link GrantedTargets#ATTRIBUTE} mark, read and written like an attribute of the role or group. */
    String mark();

    void setMark(String value);

    /** The roles that come with the target (the role; a group's roles and those of the groups above it). */
    Stream<RoleModel> roles();

    /** The target of this kind and id in the realm, or null when it is gone. */
    static GrantTarget find(KeycloakSession session, RealmModel realm, Target.Kind kind, String id) {
        if (id == null) {
            return null;
        }
        if (kind == Target.Kind.GROUP) {
            GroupModel group = session.groups().getGroupById(realm, id);
            return group == null ? null : new Group(group);
        }
        RoleModel role = realm.getRoleById(id);
        return role == null ? null : new Role(role);
    }

    /** A policy's target, or null when its entry is void or its object gone. */
    static GrantTarget of(KeycloakSession session, RealmModel realm, Target target) {
        return target == null
                ? null
                : find(session, realm, target.kind(), target.pin().id().orElse(null));
    }

    /** The kind a grant or request row stores; rows written before groups existed store none, and are roles. */
    static Target.Kind kindOf(String stored) {
        return io.jitaccess.keycloak.store.GrantEntity.kindOf(stored);
    }

    /** "map roles to {@code whom}", or "add {@code whom} to its group": what a saver may not do, for admins' eyes. */
    static String giveTo(GrantTarget target, String whom) {
        return target.kind() == Target.Kind.GROUP ? "add " + whom + " to its group" : "map roles to " + whom;
    }

    record Role(RoleModel role) implements GrantTarget {

        @Override
        public Target.Kind kind() {
            return Target.Kind.ROLE;
        }

        @Override
        public String id() {
            return role.getId();
        }

        @Override
        public String name() {
            return role.getName();
        }

        @Override
        public String clientId() {
            return role.isClientRole() ? ((ClientModel) role.getContainer()).getClientId() : null;
        }

        @Override
        public String label() {
            return clientId() == null ? name() : clientId() + "/" + name();
        }

        @Override
        public boolean heldBy(UserModel user) {
            return user.hasDirectRole(role);
        }

        @Override
        public void give(UserModel user) {
            user.grantRole(role);
        }

        @Override
        public void take(UserModel user) {
            user.deleteRoleMapping(role);
        }

        @Override
        public boolean mayBeGivenBy(AdminRights rights) {
            return rights.mayMap(role);
        }

        @Override
        public boolean mayBeGivenTo(UserModel user, AdminRights rights) {
            return rights.mayMapRolesTo(user);
        }

        @Override
        public String mark() {
            return role.getFirstAttribute(GrantedTargets.ATTRIBUTE);
        }

        @Override
        public void setMark(String value) {
            role.setSingleAttribute(GrantedTargets.ATTRIBUTE, value);
        }

        @Override
        public Stream<RoleModel> roles() {
            return Stream.of(role);
        }
    }

    record Group(GroupModel group) implements GrantTarget {

        @Override
        public Target.Kind kind() {
            return Target.Kind.GROUP;
        }

        @Override
        public String id() {
            return group.getId();
        }

        @Override
        public String name() {
            return KeycloakModelUtils.buildGroupPath(group);
        }

        @Override
        public String clientId() {
            return null;
        }

        @Override
        public String label() {
            return name();
        }

        @Override
        public boolean heldBy(UserModel user) {
            return user.getGroupsStream().anyMatch(member -> member.getId().equals(group.getId()));
        }

        @Override
        public void give(UserModel user) {
            user.joinGroup(group);
        }

        @Override
        public void take(UserModel user) {
            user.leaveGroup(group);
        }

        /**
         * Keycloak's rule for adding members, and more: the admin may also map every role the membership brings (the
         * group's and those of the groups above it), so no group is a way to hand out a role, such as
         * realm-management's admin roles, that they could not map themselves.
         */
        @Override
        public boolean mayBeGivenBy(AdminRights rights) {
            return rights.mayManageMembersOf(group) && roles().allMatch(rights::mayMap);
        }

        @Override
        public boolean mayBeGivenTo(UserModel user, AdminRights rights) {
            return rights.mayManageGroupsOf(user);
        }

        @Override
        public String mark() {
            return group.getFirstAttribute(GrantedTargets.ATTRIBUTE);
        }

        @Override
        public void setMark(String value) {
            group.setSingleAttribute(GrantedTargets.ATTRIBUTE, value);
        }

        @Override
        public Stream<RoleModel> roles() {
            return rolesOf(group);
        }

        private static Stream<RoleModel> rolesOf(GroupModel group) {
            Stream<RoleModel> own = group.getRoleMappingsStream();
            return group.getParent() == null ? own : Stream.concat(own, rolesOf(group.getParent()));
        }
    }
}
