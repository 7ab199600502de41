package io.jitaccess.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits, with a bound, until a starting server's {@code /health/ready} answers UP, or its process exits. */
final class ReadyProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReadyProbe() {}

    /** @param log what to show of the server's log when it fails */
    static void await(Process process, URI ready, Duration timeout, Supplier<String> log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code " + process.exitValue() + " before it was ready; " + log.get());
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; " + log.get());
    }

    private static void pause(Duration duration) {
        // the polling interval, bounded by the timeout
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
