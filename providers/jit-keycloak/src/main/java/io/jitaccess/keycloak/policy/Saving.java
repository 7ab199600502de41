package io.jitaccess.keycloak.policy;

import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.JsonWebToken;

import io.jitaccess.keycloak.ledger.AdminRights;
import io.jitaccess.keycloak.ledger.PolicySaver;

/**
 * Who is saving a policy now, as Keycloak authenticated the request: an admin through the admin API (the console
 * page or the components REST), a realm import (at start-up, {@code kc.sh import}, or a whole realm posted to
 * {@code /admin/realms}, whose sender administers the new realm anyway), or this extension itself (pinning an
 * import's users, upgrading a policy), which keeps the record as it is.
 */
record Saving(Kind kind, RealmModel adminRealm, UserModel admin, AccessToken token) {

    enum Kind {
        ADMIN, IMPORT, OURS
    }

    private static final String OURS = Saving.class.getName() + ".ours";

    static Saving now(KeycloakSession session) {
        if (session.getAttribute(OURS) != null) {
            return new Saving(Kind.OURS, null, null, null);
        }
        AccessToken token = session.getContext().getBearerToken() instanceof AccessToken bearer ? bearer : null;
        UserModel admin = token == null ? null : session.getContext().getUser();
        RealmModel adminRealm = token == null ? null : issuerRealm(session, token);
        if (admin == null || adminRealm == null || isRealmImport(session)) {
            return new Saving(Kind.IMPORT, adminRealm, admin, null);
        }
        return new Saving(Kind.ADMIN, adminRealm, admin, token);
    }

    /** Runs a save of this extension's own (the record stays as stored). */
    static void asOurs(KeycloakSession session, Runnable save) {
        session.setAttribute(OURS, Boolean.TRUE);
        try {
            save.run();
        } finally {
            session.removeAttribute(OURS);
        }
    }

    PolicySaver record() {
        return kind == Kind.ADMIN ? PolicySaver.admin(adminRealm, admin)
                : PolicySaver.imported(admin == null ? null : admin.getUsername());
    }

    /** Whether Keycloak lets this admin map {@code role} in {@code realm} (fine-grained admin permissions included). */
    boolean mayMap(KeycloakSession session, RealmModel realm, org.keycloak.models.RoleModel role) {
        return kind != Kind.ADMIN || AdminRights.mayMap(session, realm, adminRealm, admin, token, role);
    }

    private static RealmModel issuerRealm(KeycloakSession session, JsonWebToken token) {
        String issuer = token.getIssuer();
        return issuer == null ? null : session.realms().getRealmByName(issuer.substring(issuer.lastIndexOf('/') + 1));
    }

    /** {@code POST /admin/realms}: a whole realm imported through the admin API. */
    private static boolean isRealmImport(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || request.getUri() == null || !"POST".equals(request.getHttpMethod())) {
            return false;
        }
        String path = request.getUri().getPath();
        return path != null && ("/" + path).replaceAll("/+$", "").endsWith("/admin/realms");
    }
}
