package io.jitaccess.keycloak.login;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/** The required action {@code jit-elevate}: apps start the elevation step with {@code kc_action=jit-elevate}. */
final class JitElevateRequiredAction implements RequiredActionProvider {

    private final ElevationStep step = new ElevationStep();

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {}

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        step.challenge(FlowStepContext.of(context));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        step.action(FlowStepContext.of(context));
    }

    @Override
    public void close() {}
}
