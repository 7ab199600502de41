package io.jitaccess.keycloak.policy;

import static io.jitaccess.core.PolicyKeys.NAME;

import io.jitaccess.keycloak.ledger.RealmPolicies;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;

/**
 * A policy's name lives in two places: the component's own name (what the REST API, realm JSON and the ledger
 * use) and the option {@code name} (what the admin console's form edits and its list shows). Before a policy
 * is stored they are made one: the option wins when it is set (the console sent it), else the component's name
 * fills it in (the API or an import sent that). A policy needs a name, unique among the realm's policies,
 * because requests may name their policy.
 */
final class PolicyName {

    private PolicyName() {}

    static void align(RealmModel realm, ComponentModel model) {
        String option = trimmed(model.get(NAME));
        String component = trimmed(model.getName());
        String name = option != null ? option : component;
        if (name == null) {
            throw new ComponentValidationException("Give the policy a name.");
        }
        model.setName(name);
        model.getConfig().putSingle(NAME, name);
        boolean taken = RealmPolicies.components(realm)
                .anyMatch(other -> !other.getId().equals(model.getId()) && name.equals(other.getName()));
        if (taken) {
            throw new ComponentValidationException(PolicyPageFactory.messageFormatSafe(
                    "A policy named \"" + name + "\" exists already in this realm: choose another name."));
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
