package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.keycloak.audit.AuditEvents;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts the JIT admin API at {@code /admin/realms/{realm}/jit}. */
public final class JitAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "jit";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(
                    KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                // what this request writes to the audit trail becomes admin events of Keycloak's own builder
                AuditEvents.viaAdminApi(s, adminEvent);
                return new JitAdminResource(s, realm, auth);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
