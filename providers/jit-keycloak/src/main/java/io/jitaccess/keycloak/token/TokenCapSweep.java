package io.jitaccess.keycloak.token;

import io.jitaccess.keycloak.ledger.GrantedTargets;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Once per cluster every sweep interval: puts the token cap into clients that lack it (a cap removed by someone,
 * see {@link TokenCapCoverage}), and marks again roles JIT grants whose {@code jit.granted} mark was removed.
 */
final class TokenCapSweep implements ScheduledTask {

    private final Runnable marked;

    TokenCapSweep(Runnable marked) {
        this.marked = marked;
    }

    @Override
    public void run(KeycloakSession session) {
        TokenCapCoverage.ensureAll(session.getKeycloakSessionFactory());
        GrantedTargets.markAll(session.getKeycloakSessionFactory(), false);
        marked.run();
    }

    @Override
    public String getTaskName() {
        return "jit-token-cap";
    }
}
