package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Pin;
import io.jitaccess.core.PolicyKeys;
import io.jitaccess.core.PolicyNames;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Changes to a stored policy made by this extension on an admin's behalf (their rights checked by the caller). */
public final class PolicyEdits {

    private static final String OURS = PolicyEdits.class.getName() + ".ours";

    private PolicyEdits() {}

    /**
     * Makes {@code user} eligible under the policy, pinned to this user's id (an entry of the same name pinned to
     * someone else is replaced). Who answers for the policy stays as recorded: adding one user endorses nothing else.
     */
    public static void addEligibleUser(KeycloakSession session, RealmModel realm, String policyId, UserModel user) {
        ComponentModel component =
                new ComponentModel(realm.getComponent(policyId)); // not the realm cache's own instance
        String name = user.getUsername();
        List<String> users = new ArrayList<>(component.getConfig().getOrDefault(PolicyKeys.ELIGIBLE_USERS, List.of()));
        if (!users.contains(name)) {
            users.add(name);
        }
        component.getConfig().put(PolicyKeys.ELIGIBLE_USERS, users);
        String pinKey = PolicyNames.pinKey(PolicyKeys.ELIGIBLE_USERS);
        List<String> pins = new ArrayList<>(component.getConfig().getOrDefault(pinKey, List.of()).stream()
                .filter(stored -> !Pin.parse(stored).name().equals(name))
                .toList());
        pins.add(Pin.of(name, user.getId()).stored());
        component.getConfig().put(pinKey, pins);
        asOurs(session, () -> realm.updateComponent(component));
    }

    /** Runs a save of a policy by this extension (not by an admin's form), so the policy's checks know it is ours. */
    public static void asOurs(KeycloakSession session, Runnable save) {
        Object before = session.getAttribute(OURS);
        session.setAttribute(OURS, Boolean.TRUE);
        try {
            save.run();
        } finally {
            if (before == null) {
                session.removeAttribute(OURS);
            }
        }
    }

    /** Whether the policy save under way in this session is one of this extension's own. */
    public static boolean isOurs(KeycloakSession session) {
        return session.getAttribute(OURS) != null;
    }
}
