package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Subject;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

/** A Keycloak user (or service account) as the rules see it. */
public final class UserSubject implements Subject {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;

    public UserSubject(KeycloakSession session, RealmModel realm, UserModel user) {
        this.session = session;
        this.realm = realm;
        this.user = user;
    }

    public UserModel user() {
        return user;
    }

    @Override
    public String id() {
        return user.getId();
    }

    @Override
    public String username() {
        return user.getUsername();
    }

    @Override
    public Optional<String> serviceAccountClientId() {
        String link = user.getServiceAccountClientLink();
        if (link == null) {
            return Optional.empty();
        }
        ClientModel client = realm.getClientById(link);
        return Optional.ofNullable(client).map(ClientModel::getClientId);
    }

    @Override
    public Optional<String> serviceAccountOf() {
        return Optional.ofNullable(user.getServiceAccountClientLink());
    }

    @Override
    public boolean inGroup(String groupId) {
        GroupModel group = session.groups().getGroupById(realm, groupId);
        return group != null && RoleUtils.isMember(user.getGroupsStream(), group);
    }

    @Override
    public boolean hasRole(String roleId) {
        RoleModel role = realm.getRoleById(roleId);
        return role != null && user.hasRole(role);
    }
}
