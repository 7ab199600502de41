package io.jitaccess.keycloak.policy;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The "JIT policies" page of the realm admin console. Each policy is a realm component of this provider;
 * the ledger reads exactly these components.
 */
public final class PolicyPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "jit-policy";

    private static final Logger LOG = Logger.getLogger(PolicyPageFactory.class);

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
        return Map.of("displayFields", List.of("name", PolicyConfigProperties.ROLE, PolicyConfigProperties.MAX_DURATION));
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI)) {
            LOG.info("JIT policies page hidden in the admin console: feature declarative-ui is off (policies still apply)");
        }
    }

    @Override
    public void close() {
    }
}
