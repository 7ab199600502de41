package io.jitaccess.keycloak.login;

import java.util.Arrays;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The elevation step in a browser flow. It shows only when asked for: the client offers elevation (client
 * attribute {@code jit.elevation.offer=true}) or the app requested the ACR value {@code jit}; otherwise, and for
 * users eligible for nothing, the login goes straight on.
 */
final class JitElevationAuthenticator implements Authenticator {

    static final String OFFER_ATTRIBUTE = "jit.elevation.offer";
    static final String ACR_VALUE = "jit";

    private final ElevationStep step = new ElevationStep();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!asked(context)) {
            context.success();
            return;
        }
        step.challenge(FlowStepContext.of(context));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        step.action(FlowStepContext.of(context));
    }

    static boolean asked(AuthenticationFlowContext context) {
        if ("true".equals(context.getAuthenticationSession().getClient().getAttribute(OFFER_ATTRIBUTE))) {
            return true;
        }
        String acrValues = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.ACR_PARAM);
        return acrValues != null && Arrays.asList(acrValues.split(" ")).contains(ACR_VALUE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
