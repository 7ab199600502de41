package io.jitaccess.keycloak.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Once per cluster every sweep interval: puts the token cap into client scopes and clients that put roles into
 * tokens and lack it (a mapper added by hand, a cap removed by someone), see {@link TokenCapCoverage}.
 */
public final class TokenCapSweep implements ScheduledTask {

    @Override
    public void run(KeycloakSession session) {
        TokenCapCoverage.ensureAll(session.getKeycloakSessionFactory());
    }

    @Override
    public String getTaskName() {
        return "jit-token-cap";
    }
}
