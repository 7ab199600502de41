package io.jitaccess.keycloak.login;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** The authenticator {@code jit-elevation}: put it after the second factor (level 2) of a browser flow. */
public final class JitElevationAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "jit-elevation";

    private static final JitElevationAuthenticator SINGLETON = new JitElevationAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "JIT elevation";
    }

    @Override
    public String getReferenceCategory() {
        return "jit";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Offers just-in-time elevation: eligible users may request a privileged role, behind the second factor of"
                + " this flow. Shows only for clients with the attribute jit.elevation.offer=true or when the app asks for"
                + " acr_values=jit; users eligible for nothing go straight on.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
