package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.PolicyKeys;
import io.jitaccess.core.PolicyNames;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Pins what a save could not: the users a realm import names (a realm's components are imported before its
 * users, so they are pinned when the import has created them), and every entry of a policy stored before pins
 * existed (at start-up, once, recorded as saved by the upgrade).
 */
public final class PolicyUpgrade {

    private static final Logger LOG = Logger.getLogger(PolicyUpgrade.class);

    private PolicyUpgrade() {}

    /** In the import's own transaction, once the realm and its users exist. */
    public static void realmCreated(KeycloakSession session, RealmModel realm) {
        for (ComponentModel cached : RealmPolicies.components(realm).toList()) {
            ComponentModel component = new ComponentModel(cached);
            List<String> unmatched =
                    new PolicyPins(session, realm).pin(component.getConfig(), component.getConfig(), true);
            PolicyEdits.asOurs(session, () -> realm.updateComponent(component));
            if (!unmatched.isEmpty()) {
                LOG.warnf(
                        "JIT policy %s of imported realm %s names what the import did not create (%s): these entries match"
                                + " nobody",
                        component.getName(), realm.getName(), String.join(", ", unmatched));
            }
        }
    }

    /** At start-up, {@link #upgradeAll}; a failure leaves the start-up going (those policies grant nothing). */
    public static void atStartUp(KeycloakSessionFactory factory) {
        try {
            upgradeAll(factory);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT start-up could not pin the policies stored before pins (%s); they grant nothing until saved again",
                    e.getClass().getName());
        }
    }

    /**
     * At start-up: a policy without the current schema mark was stored before pins and the saver record existed
     * (or by a version that kept whatever options a client sent). Its {@code jit.*} options are dropped, its names
     * pinned as they resolve now, and it is recorded as the upgrade's; each in a transaction of its own, so one
     * policy that cannot be saved leaves the others upgraded.
     */
    public static void upgradeAll(KeycloakSessionFactory factory) {
        List<String[]> stale = new java.util.ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(
                factory, session -> session.realms().getRealmsStream().forEach(realm -> RealmPolicies.components(realm)
                        .filter(PolicyUpgrade::stale)
                        .forEach(component -> stale.add(new String[] {realm.getId(), component.getId()}))));
        for (String[] policy : stale) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> upgrade(session, policy[0], policy[1]));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "JIT start-up could not upgrade policy %s (%s); it grants nothing until an admin saves it",
                        policy[1], e.getClass().getName());
            }
        }
    }

    private static boolean stale(ComponentModel component) {
        return component.getConfig() == null
                || !PolicyKeys.SCHEMA_VERSION.equals(component.getConfig().getFirst(PolicyKeys.SCHEMA));
    }

    private static void upgrade(KeycloakSession session, String realmId, String componentId) {
        RealmModel realm = session.realms().getRealm(realmId);
        ComponentModel cached = realm == null ? null : realm.getComponent(componentId);
        if (cached == null || !stale(cached)) {
            return;
        }
        ComponentModel component = new ComponentModel(cached); // the realm cache's own instance must not change
        session.getContext().setRealm(realm);
        if (component.getConfig() == null) {
            component.setConfig(new MultivaluedHashMap<>());
        }
        component.getConfig().keySet().removeIf(PolicyNames::isServerKey);
        List<String> unmatched = new PolicyPins(session, realm).pin(component.getConfig(), Map.of(), false);
        PolicySaver.upgraded().writeTo(component.getConfig());
        component.getConfig().putSingle(PolicyKeys.SCHEMA, PolicyKeys.SCHEMA_VERSION);
        PolicyEdits.asOurs(session, () -> realm.updateComponent(component));
        LOG.warnf(
                "JIT start-up: policy %s of realm %s was stored before pins existed; its names are pinned as they resolve now"
                        + "%s, and it grants as saved by the upgrade: save it again as an admin who may map its role (docs/operations.md)",
                component.getName(),
                realm.getName(),
                unmatched.isEmpty() ? "" : " (" + String.join(", ", unmatched) + " matched nothing)");
    }
}
