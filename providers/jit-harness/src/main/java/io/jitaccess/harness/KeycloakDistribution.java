package io.jitaccess.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/** The unpacked Keycloak distribution that the build placed under {@code .keycloak/dist}. */
public final class KeycloakDistribution {

    private final String version;
    private final Path home;

    private KeycloakDistribution(String version, Path home) {
        this.version = version;
        this.home = home;
    }

    /**
     * The distribution the build unpacked. System properties {@code jit.keycloak.version} and
     * {@code jit.keycloak.home} override what the build recorded.
     */
    public static KeycloakDistribution unpacked() {
        Properties built = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("harness.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = System.getProperty("jit.keycloak.version", built.getProperty("keycloak.version"));
        String root = System.getProperty("jit.keycloak.home", built.getProperty("keycloak.home"));
        if (version == null || root == null) {
            throw new IllegalStateException(
                    "jit-harness was not built by Maven: keycloak.version/keycloak.home unknown");
        }
        Path home = Paths.get(root, "dist", "keycloak-" + version);
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak " + version + " is not unpacked at " + home
                    + " (run ./mvnw -pl providers/jit-harness package to unpack it)");
        }
        return new KeycloakDistribution(version, home);
    }

    public String version() {
        return version;
    }

    public Path home() {
        return home;
    }
}
