package io.jitaccess.keycloak.policy;

import io.jitaccess.keycloak.ledger.PolicyHealth;
import io.jitaccess.keycloak.ledger.RealmPolicies;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The "JIT policies" page of the realm admin console. Each policy is a realm component of this provider;
 * the ledger reads exactly these components.
 */
public final class PolicyPageFactory implements UiPageProviderFactory<ComponentModel>, PolicyHealth.Holder {

    public static final String PROVIDER_ID = RealmPolicies.PROVIDER_ID;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Just-in-time access policies: who may ask for which privileged role, for how long, and who approves.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PolicyConfigProperties.ALL;
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        // the list's columns: the first links to the policy
        return Map.of(
                "displayFields",
                List.of(
                        PolicyConfigProperties.NAME,
                        PolicyConfigProperties.ROLE,
                        PolicyConfigProperties.GROUP,
                        PolicyConfigProperties.MAX_DURATION,
                        PolicyConfigProperties.AUTO_APPROVE));
    }

    private final PolicyHealth health = new PolicyHealth();

    /**
     * Runs on every save (the console page, the components REST, a realm import): aligns the name, pins new names
     * to ids, and records who saved the policy. An admin must name only what exists and must be allowed to map the
     * target role (or manage the target group's members) as Keycloak decides it; an import may name users it has not created yet (they are pinned once
     * it has).
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        PolicyName.align(realm, model);
        new PolicySave(session, realm, Saving.now(session)).check(model);
    }

    @Override
    public PolicyHealth policyHealth() {
        return health;
    }

    /** Keycloak passes validation messages through MessageFormat: quote what it would read as syntax. */
    static String messageFormatSafe(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
