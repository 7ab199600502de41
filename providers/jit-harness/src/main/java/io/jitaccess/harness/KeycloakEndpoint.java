package io.jitaccess.harness;

/** A running Keycloak the tests talk to over HTTP: a harness server or a container. */
public interface KeycloakEndpoint {

    /** e.g. {@code http://localhost:8080} */
    String baseUrl();

    /** The management interface (health, metrics), e.g. {@code http://localhost:9000}. */
    String managementUrl();

    /** What the server printed so far. */
    String log();

    /** The last {@code lines} lines of {@link #log()}. */
    default String tail(int lines) {
        String[] all = log().split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
