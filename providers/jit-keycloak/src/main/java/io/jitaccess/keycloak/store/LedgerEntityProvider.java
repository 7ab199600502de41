package io.jitaccess.keycloak.store;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Registers the JIT_* entities and their Liquibase changelog with Keycloak's JPA. */
public final class LedgerEntityProvider implements JpaEntityProvider {

    static final LedgerEntityProvider INSTANCE = new LedgerEntityProvider();

    @Override
    public List<Class<?>> getEntities() {
        return List.of(
                RequestEntity.class,
                ApprovalEntity.class,
                GrantEntity.class,
                AuditEntity.class,
                AuditHeadEntity.class,
                NotificationEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/jit-changelog/jit-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return LedgerEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {}
}
