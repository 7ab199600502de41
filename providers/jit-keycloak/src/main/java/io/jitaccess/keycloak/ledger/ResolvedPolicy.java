package io.jitaccess.keycloak.ledger;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RoleRef;

/**
 * A policy with its references resolved in the realm: the target role exists, and so does every group and
 * role it names. Otherwise the policy denies, saying what is missing (fail closed).
 */
public record ResolvedPolicy(Policy policy, RoleModel targetRole) {

    /** @throws Refusal POLICY_UNRESOLVED */
    public static ResolvedPolicy resolve(KeycloakSession session, RealmModel realm, Policy policy) {
        List<String> missing = new ArrayList<>();
        RoleModel target = role(realm, policy.role());
        if (target == null) {
            missing.add("role " + policy.role());
        }
        List<String> groups = new ArrayList<>(policy.eligibility().groups());
        groups.addAll(policy.approval().groups());
        for (String path : groups) {
            if (KeycloakModelUtils.findGroupByPath(session, realm, path) == null) {
                missing.add("group " + path);
            }
        }
        List<RoleRef> roles = new ArrayList<>(policy.eligibility().roles());
        roles.addAll(policy.approval().roles());
        for (RoleRef role : roles) {
            if (role(realm, role) == null) {
                missing.add("role " + role);
            }
        }
        if (!missing.isEmpty()) {
            throw new Refusal(Refusal.Reason.POLICY_UNRESOLVED, "Policy '" + policy.name() + "' names "
                    + String.join(", ", missing) + ", which this realm does not have; ask an administrator to fix the policy.");
        }
        return new ResolvedPolicy(policy, target);
    }

    /** The role a reference names, or null. */
    public static RoleModel role(RealmModel realm, RoleRef ref) {
        if (ref.clientId().isEmpty()) {
            return realm.getRole(ref.name());
        }
        ClientModel client = realm.getClientByClientId(ref.clientId().get());
        return client == null ? null : client.getRole(ref.name());
    }
}
