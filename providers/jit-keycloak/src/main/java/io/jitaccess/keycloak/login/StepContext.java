package io.jitaccess.keycloak.login;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** What the elevation step needs from either door: the browser-flow authenticator or the required action. */
interface StepContext {

    KeycloakSession session();

    RealmModel realm();

    UserModel user();

    AuthenticationSessionModel authSession();

    LoginFormsProvider form();

    EventBuilder event();

    MultivaluedMap<String, String> formParameters();

    String remoteAddr();

    String userAgent();

    /** True in the browser flow (the second factor, if any, was used in this very login). */
    boolean inFlow();

    /** Shows a page and waits for the next form post. */
    void challenge(Response page);

    /** The step is over: the login goes on. */
    void done();
}
