package io.jitaccess.keycloak.rest.user;

import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.TokenMfa;
import io.jitaccess.keycloak.ledger.UserSubject;
import io.jitaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who calls the user API, from a bearer token of this realm verified by Keycloak. Only tokens issued to the
 * account console, or carrying the {@code jit-api} audience, are accepted: an ordinary app cannot act for
 * its users.
 */
final class ApiCaller {

    static final String ACCOUNT_CONSOLE = "account-console";
    static final String AUDIENCE = "jit-api";

    private ApiCaller() {}

    static Caller authenticate(KeycloakSession session, RealmModel realm) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .authenticate();
        if (auth == null || auth.user() == null) {
            throw new ApiError401(realm);
        }
        AccessToken token = auth.token();
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String userAgent = headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        Caller caller = new Caller(
                new UserSubject(session, realm, auth.user()),
                token.getIssuedFor(),
                session.getContext().getConnection().getRemoteAddr(),
                userAgent,
                TokenMfa.of(token, auth.client(), auth.session()));
        if (!ACCOUNT_CONSOLE.equals(token.getIssuedFor()) && !token.hasAudience(AUDIENCE)) {
            new Ledger(session, realm)
                    .audit()
                    .append(AuditDraft.of(AuditAction.ACCESS_REFUSED)
                            .actor(caller)
                            .subject(caller.userId(), caller.username())
                            .reason("token_not_accepted: token of client " + token.getIssuedFor() + " lacks the "
                                    + AUDIENCE + " audience"));
            throw ApiError.of(
                    403,
                    "token_not_accepted",
                    "Tokens of client '" + token.getIssuedFor()
                            + "' may not use the JIT API: it accepts account-console tokens and tokens with the jit-api audience.");
        }
        return caller;
    }

    /** 401 with the challenge a bearer-token API gives. */
    static final class ApiError401 extends jakarta.ws.rs.WebApplicationException {
        private static final long serialVersionUID = 1L;

        ApiError401(RealmModel realm) {
            super(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of(
                            "error",
                            "invalid_token",
                            "message",
                            "A valid bearer token of realm " + realm.getName() + " is required."))
                    .build());
        }
    }
}
