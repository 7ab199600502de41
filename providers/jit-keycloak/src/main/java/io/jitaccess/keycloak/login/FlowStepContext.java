package io.jitaccess.keycloak.login;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Adapters of Keycloak's two contexts to {@link StepContext}. */
final class FlowStepContext {

    private FlowStepContext() {}

    static StepContext of(AuthenticationFlowContext context) {
        return new StepContext() {
            public KeycloakSession session() {
                return context.getSession();
            }

            public RealmModel realm() {
                return context.getRealm();
            }

            public UserModel user() {
                return context.getUser();
            }

            public AuthenticationSessionModel authSession() {
                return context.getAuthenticationSession();
            }

            public LoginFormsProvider form() {
                return context.form();
            }

            public EventBuilder event() {
                return context.getEvent();
            }

            public MultivaluedMap<String, String> formParameters() {
                return context.getHttpRequest().getDecodedFormParameters();
            }

            public String remoteAddr() {
                return context.getConnection().getRemoteAddr();
            }

            public String userAgent() {
                return context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
            }

            public void challenge(Response page) {
                context.challenge(page);
            }

            public void done() {
                context.success();
            }

            public boolean inFlow() {
                return true;
            }
        };
    }

    static StepContext of(RequiredActionContext context) {
        return new StepContext() {
            public KeycloakSession session() {
                return context.getSession();
            }

            public RealmModel realm() {
                return context.getRealm();
            }

            public UserModel user() {
                return context.getUser();
            }

            public AuthenticationSessionModel authSession() {
                return context.getAuthenticationSession();
            }

            public LoginFormsProvider form() {
                return context.form();
            }

            public EventBuilder event() {
                return context.getEvent();
            }

            public MultivaluedMap<String, String> formParameters() {
                return context.getHttpRequest().getDecodedFormParameters();
            }

            public String remoteAddr() {
                return context.getConnection().getRemoteAddr();
            }

            public String userAgent() {
                return context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
            }

            public void challenge(Response page) {
                context.challenge(page);
            }

            public void done() {
                context.success();
            }

            public boolean inFlow() {
                return false;
            }
        };
    }
}
