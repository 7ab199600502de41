package io.jitaccess.keycloak.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The JIT ledger's JPA entities. The id names Liquibase's changelog table (JIT_ACCESS_LEDGER-ish, distinct). */
public final class LedgerEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "jit-access-ledger";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return LedgerEntityProvider.INSTANCE;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
