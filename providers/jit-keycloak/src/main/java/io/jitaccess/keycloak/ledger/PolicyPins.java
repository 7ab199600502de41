package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Pin;
import io.jitaccess.core.PolicyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Pins each name of a policy to the id of the realm object it names, once, when the entry is added. An entry
 * that was pinned before keeps its pin, even if its object was deleted or renamed since and the name now belongs
 * to someone else: it is never matched by name again. Roles resolve as Keycloak resolves role names
 * ({@code clientId.role} when such a client exists, else a realm role, dots included).
 */
public final class PolicyPins {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PolicyPins(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Writes the pins of {@code config}'s names, keeping those of {@code stored} (the options as saved before),
     * and pinning new names now. Returns the new names that matched nothing (left void).
     *
     * @param repinVoid also try again the names that matched nothing before (the same realm import, once its
     *                  users exist)
     */
    public List<String> pin(
            MultivaluedHashMap<String, String> config, Map<String, List<String>> stored, boolean repinVoid) {
        Map<String, Map<String, Pin>> before = PolicyNames.pins(stored);
        List<String> unmatched = new ArrayList<>();
        Map<String, Set<String>> names = PolicyNames.of(config);
        config.keySet().removeIf(key -> key.startsWith(PolicyNames.pinKey("")));
        names.forEach((key, keyNames) -> {
            List<String> pins = new ArrayList<>();
            for (String name : keyNames) {
                Pin pin = before.get(key).get(name);
                if (pin == null || (repinVoid && pin.isVoid())) {
                    pin = resolve(PolicyNames.kindOf(key), name);
                    if (pin.isVoid()) {
                        unmatched.add(label(key) + " '" + name + "'");
                    }
                }
                pins.add(pin.stored());
            }
            if (!pins.isEmpty()) {
                config.put(PolicyNames.pinKey(key), pins);
            }
        });
        return unmatched;
    }

    private Pin resolve(PolicyNames.Kind kind, String name) {
        String id =
                switch (kind) {
                    case ROLE -> idOf(KeycloakModelUtils.getRoleFromString(session, realm, name));
                    case USER -> {
                        UserModel user = session.users().getUserByUsername(realm, name);
                        yield user == null ? null : user.getId();
                    }
                    case CLIENT -> {
                        ClientModel client = realm.getClientByClientId(name);
                        yield client == null ? null : client.getId();
                    }
                    case GROUP -> {
                        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, name);
                        yield group == null ? null : group.getId();
                    }
                };
        return id == null ? Pin.unresolved(name) : Pin.of(name, id);
    }

    private static String idOf(RoleModel role) {
        return role == null ? null : role.getId();
    }

    private static String label(String key) {
        return switch (PolicyNames.kindOf(key)) {
            case ROLE -> "role";
            case USER -> "user";
            case CLIENT -> "client";
            case GROUP -> "group";
        };
    }
}
