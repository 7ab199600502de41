package io.jitaccess.bench;

import io.jitaccess.harness.Totp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One-time codes of the bench users. Keycloak refuses a code of a time step the user already used, so each
 * server-and-user pair is given each step at most once; {@link #code} waits for the next step when needed.
 */
final class Otp {

    private final Map<String, Long> usedSteps = new ConcurrentHashMap<>();

    /** Whether the user can sign in to the server in the current step without waiting. */
    boolean fresh(String server, String username) {
        return usedSteps.getOrDefault(server + "/" + username, -1L) < Totp.step(Instant.now());
    }

    String code(String server, String username) {
        String key = server + "/" + username;
        while (true) {
            long step = Totp.step(Instant.now());
            Long previous = usedSteps.get(key);
            if ((previous == null || previous < step)
                    && (previous == null
                            ? usedSteps.putIfAbsent(key, step) == null
                            : usedSteps.replace(key, previous, step))) {
                return new Totp(BenchRealm.otpSecret(username)).codeForStep(step);
            }
            // this step is used: the next one starts within 30 s
            LockSupport.parkNanos(50_000_000L);
        }
    }
}
