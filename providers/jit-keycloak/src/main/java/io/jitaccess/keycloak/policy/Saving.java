package io.jitaccess.keycloak.policy;

import io.jitaccess.keycloak.ledger.AdminRights;
import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.ledger.PolicyEdits;
import io.jitaccess.keycloak.ledger.PolicySaver;
import org.keycloak.common.util.Encode;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * Who is saving a policy now. An admin through the admin API (the console page, the components REST) is known by
 * the bearer token Keycloak verified, resolved as Keycloak's admin API resolves it; one that cannot be resolved
 * saves nothing (fail closed). A realm import is a save with no HTTP request at all (start-up, {@code kc.sh import})
 * or a whole realm posted to {@code /admin/realms} (whose sender administers the new realm anyway). This extension's
 * own saves (pinning an import's users, upgrading a policy) keep the record as it is.
 */
record Saving(Kind kind, RealmModel adminRealm, UserModel admin, AccessToken token) {

    enum Kind {
        ADMIN,
        IMPORT,
        OURS
    }

    static Saving now(KeycloakSession session) {
        if (PolicyEdits.isOurs(session)) {
            return new Saving(Kind.OURS, null, null, null);
        }
        HttpRequest request = httpRequest(session);
        if (session.getContext().getBearerToken() instanceof AccessToken token) {
            // the session Keycloak's bearer-token check verified the token against (lightweight tokens carry no sub)
            UserSessionModel verified = session.getContext().getUserSession();
            RealmModel adminRealm = issuerRealm(session, token);
            UserModel admin = verified == null
                            || adminRealm == null
                            || !adminRealm.getId().equals(verified.getRealm().getId())
                    ? null
                    : verified.getUser();
            if (isRealmImport(request)) {
                return new Saving(Kind.IMPORT, adminRealm, admin, null);
            }
            if (admin == null) {
                throw new ComponentValidationException(
                        "The admin saving this policy could not be identified; nothing was saved.");
            }
            return new Saving(Kind.ADMIN, adminRealm, admin, token);
        }
        if (request != null) {
            throw new ComponentValidationException("Saving a policy needs an authenticated admin; nothing was saved.");
        }
        return new Saving(Kind.IMPORT, null, null, null);
    }

    PolicySaver record() {
        return kind == Kind.ADMIN
                ? PolicySaver.admin(adminRealm, admin, token.getIssuedFor())
                : PolicySaver.imported(admin == null ? null : admin.getUsername());
    }

    /**
     * Whether Keycloak lets this admin give {@code target} in {@code realm}: map the role, or manage the group's
     * members (fine-grained admin permissions included).
     */
    boolean mayGive(KeycloakSession session, RealmModel realm, GrantTarget target) {
        return kind != Kind.ADMIN || target.mayBeGivenBy(AdminRights.of(session, realm, adminRealm, admin, token));
    }

    /**
     * Whether Keycloak lets this admin change what {@code user} (an eligible user or service account) holds of the
     * target's kind: map roles to them, or manage their groups.
     */
    boolean mayGiveTo(KeycloakSession session, RealmModel realm, GrantTarget target, UserModel user) {
        return kind != Kind.ADMIN
                || target.mayBeGivenTo(user, AdminRights.of(session, realm, adminRealm, admin, token));
    }

    /** The realm of the token's issuer, its name decoded as Keycloak's admin API decodes it. */
    private static RealmModel issuerRealm(KeycloakSession session, AccessToken token) {
        String issuer = token.getIssuer();
        if (issuer == null) {
            return null;
        }
        return session.realms().getRealmByName(Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1)));
    }

    private static HttpRequest httpRequest(KeycloakSession session) {
        try {
            return session.getContext().getHttpRequest();
        } catch (RuntimeException noRequest) {
            return null; // start-up import, kc.sh import: no HTTP request
        }
    }

    /** {@code POST /admin/realms}: a whole realm imported through the admin API. */
    private static boolean isRealmImport(HttpRequest request) {
        if (request == null || request.getUri() == null || !"POST".equals(request.getHttpMethod())) {
            return false;
        }
        String path = request.getUri().getPath();
        return path != null && ("/" + path).replaceAll("/+$", "").endsWith("/admin/realms");
    }
}
