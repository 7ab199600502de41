package io.jitaccess.keycloak.login;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The required action {@code jit-elevate} (register and enable it in the realm's required actions). */
public final class JitElevateRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "jit-elevate";

    private static final JitElevateRequiredAction SINGLETON = new JitElevateRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Request elevated access (JIT)";
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
