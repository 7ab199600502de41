package io.jitaccess.keycloak.rest.user;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the JIT API at {@code /realms/{realm}/jit}. */
public final class JitResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "jit";

    private static final Logger LOG = Logger.getLogger(JitResourceProviderFactory.class);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new JitResource(session);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI)) {
            LOG.info("The admin console's \"JIT policies\" page is hidden: feature declarative-ui is off."
                    + " Policies in realm JSON and the admin REST API still apply.");
        }
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
