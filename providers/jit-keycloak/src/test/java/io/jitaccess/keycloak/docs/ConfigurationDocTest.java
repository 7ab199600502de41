package io.jitaccess.keycloak.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.jitaccess.keycloak.expiry.ExpiryProviderFactory;
import io.jitaccess.keycloak.policy.PolicyConfigProperties;

/** docs/configuration.md documents every option the code declares. */
@DisplayName("docs/configuration.md names every option in the code")
class ConfigurationDocTest {

    private static String doc() throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/configuration.md");
            if (Files.exists(doc)) {
                return Files.readString(doc);
            }
        }
        throw new AssertionError("docs/configuration.md not found above " + start);
    }

    @Test
    @DisplayName("every policy option (jit-policy component property) is in the policy table")
    void policyOptions() throws IOException {
        String doc = doc();
        List<String> missing = new ArrayList<>();
        PolicyConfigProperties.ALL.forEach(p -> {
            if (!doc.contains("`" + p.getName() + "`")) {
                missing.add(p.getName());
            }
        });
        assertTrue(missing.isEmpty(), "policy options missing from docs/configuration.md: " + missing);
    }

    @Test
    @DisplayName("every server option of the jit-expiry SPI is in the server option table")
    void serverOptions() throws IOException {
        String doc = doc();
        List<String> missing = new ArrayList<>();
        new ExpiryProviderFactory().getConfigMetadata().forEach(p -> {
            if (!doc.contains("`" + p.getName() + "`")) {
                missing.add(p.getName());
            }
        });
        assertTrue(missing.isEmpty(), "server options missing from docs/configuration.md: " + missing);
    }
}
