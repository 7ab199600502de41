package io.jitaccess.keycloak.policy;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import io.jitaccess.core.InvalidPolicy;
import io.jitaccess.core.Policy;
import io.jitaccess.core.PolicyReader;
import io.jitaccess.keycloak.ledger.GrantedRoles;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;

/**
 * The "JIT policies" page of the realm admin console. Each policy is a realm component of this provider;
 * the ledger reads exactly these components.
 */
public final class PolicyPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "jit-policy";

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
        return Map.of("displayFields", List.of(PolicyConfigProperties.NAME, PolicyConfigProperties.ROLE,
                PolicyConfigProperties.MAX_DURATION, PolicyConfigProperties.AUTO_APPROVE));
    }

    /** Checks what can be checked without other realm objects (they may not exist yet during an import). */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        PolicyName.align(realm, model);
        try {
            Policy policy = PolicyReader.read(model.getId(), model.getName(), model.getConfig() == null ? Map.of() : model.getConfig());
            GrantedRoles.mark(ResolvedPolicy.role(realm, policy.role()));
        } catch (InvalidPolicy e) {
            throw new ComponentValidationException(messageFormatSafe(String.join(" ", e.problems())));
        }
    }

    /** Keycloak passes validation messages through MessageFormat: quote what it would read as syntax. */
    static String messageFormatSafe(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
