package io.jitaccess.keycloak.token;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;

/** Takes a role out of an access token's {@code realm_access} or {@code resource_access}. */
final class TokenRoles {

    private TokenRoles() {
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
