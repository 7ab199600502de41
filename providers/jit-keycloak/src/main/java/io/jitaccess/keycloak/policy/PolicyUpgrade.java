package io.jitaccess.keycloak.policy;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.core.PolicyKeys;
import io.jitaccess.keycloak.ledger.PolicySaver;
import io.jitaccess.keycloak.ledger.RealmPolicies;

/**
 * Pins what a save could not: the users a realm import names (a realm's components are imported before its
 * users, so they are pinned when the import has created them), and every entry of a policy stored before pins
 * existed (at start-up, once, recorded as saved by the upgrade).
 */
public final class PolicyUpgrade {

    private static final Logger LOG = Logger.getLogger(PolicyUpgrade.class);

    private PolicyUpgrade() {
    }

    /** In the import's own transaction, once the realm and its users exist. */
    public static void realmCreated(KeycloakSession session, RealmModel realm) {
        for (ComponentModel component : RealmPolicies.components(realm).toList()) {
            List<String> unmatched = new PolicyPins(session, realm).pin(component.getConfig(), component.getConfig(), true);
            Saving.asOurs(session, () -> realm.updateComponent(component));
            if (!unmatched.isEmpty()) {
                LOG.warnf("JIT policy %s of imported realm %s names what the import did not create (%s): these entries match"
                        + " nobody", component.getName(), realm.getName(), String.join(", ", unmatched));
            }
        }
    }

    /** At start-up: policies without a record of who saved them were stored before pins; pin them now. */
    public static void upgradeAll(KeycloakSessionFactory factory) {
        int[] upgraded = {0};
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().toList().forEach(realm -> {
            for (ComponentModel component : RealmPolicies.components(realm).toList()) {
                if (component.getConfig() != null && component.getConfig().containsKey(PolicyKeys.SAVED_BY)) {
                    continue;
                }
                if (component.getConfig() == null) {
                    component.setConfig(new org.keycloak.common.util.MultivaluedHashMap<>());
                }
                new PolicyPins(session, realm).pin(component.getConfig(), Map.of(), false);
                PolicySaver.upgraded().writeTo(component.getConfig());
                Saving.asOurs(session, () -> realm.updateComponent(component));
                upgraded[0]++;
            }
        }));
        if (upgraded[0] > 0) {
            LOG.infof("JIT start-up: pinned the entries of %d policy(ies) stored before pins existed (docs/operations.md)", upgraded[0]);
        }
    }
}
