package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server that docker/Dockerfile builds, started without Docker: same kc.sh build options, on PostgreSQL. */
@DisplayName("A production build with the Dockerfile's kc.sh build options starts on PostgreSQL")
class ProductionBuildIT {

    private static final Pattern BUILD_LINE =
            Pattern.compile("^RUN /opt/keycloak/bin/kc\\.sh build (.+)$", Pattern.MULTILINE);

    private static EmbeddedPostgres postgres;
    private static KeycloakServer server;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
        server = TestServers.withProviders("production-postgres")
                .database(postgres)
                .buildOptions(dockerfileBuildOptions())
                .importRealm(TestServers.realmFile())
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("the Dockerfile's build line names PostgreSQL, declarative-ui and metrics")
    void buildOptions() throws IOException {
        List<String> options = dockerfileBuildOptions();

        assertTrue(options.contains("--db=postgres"), options.toString());
        assertTrue(options.contains("--features=declarative-ui"), options.toString());
        assertTrue(options.contains("--metrics-enabled=true"), options.toString());
    }

    @Test
    @DisplayName("the built server runs on PostgreSQL with our providers, the demo realm and metrics")
    void serverRuns() {
        String admin = Tokens.admin(server);
        JsonNode info = Http.get(server.baseUrl() + "/admin/serverinfo", admin).json();
        assertTrue(info.path("providers").path("ui-page").path("providers").has("jit-policy"), "jit-policy not loaded");
        assertEquals(
                "acme",
                Http.get(server.baseUrl() + "/admin/realms/acme", admin)
                        .json()
                        .path("realm")
                        .asText());
        assertTrue(server.log().contains("--db=postgres"), "not the PostgreSQL build");
        assertFalse(server.tail(200).contains("jdbc:h2"), "runs on H2");

        Http.Response metrics = Http.get(server.managementUrl() + "/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("jvm_"), "no metrics");
    }

    @Test
    @DisplayName("on PostgreSQL the ledger works, and a row edited in the database breaks the audit chain")
    void auditChainDetectsEditedRow() throws Exception {
        JitApi jit = new JitApi(server, "acme");
        String bot = Tokens.clientCredentials(server, "acme", DemoUsers.DEPLOY_BOT, DemoUsers.DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response created = jit.request(bot, "prod-admin for deploy-bot", "PT5M", "release on PostgreSQL", null);
        assertEquals(201, created.status(), created.body());
        assertEquals("APPROVED", created.json().path("status").asText());
        JsonNode before = jit.verify(Tokens.admin(server)).json();
        assertTrue(before.path("intact").asBoolean(), before.toString());

        try (java.sql.Connection db = postgres.dataSource().getConnection();
                java.sql.PreparedStatement edit =
                        db.prepareStatement("UPDATE JIT_AUDIT SET JUSTIFICATION = 'nothing to see' WHERE SEQ = 1")) {
            assertEquals(1, edit.executeUpdate());
        }

        JsonNode after = jit.verify(Tokens.admin(server)).json();
        assertFalse(after.path("intact").asBoolean(), after.toString());
        assertEquals(1, after.path("brokenAtSeq").asLong());
        assertTrue(after.path("problem").asText().contains("changed"), after.toString());
    }

    static List<String> dockerfileBuildOptions() throws IOException {
        String dockerfile = Files.readString(TestServers.path("jit.dockerfile"));
        Matcher matcher = BUILD_LINE.matcher(dockerfile);
        if (!matcher.find()) {
            throw new AssertionError("docker/Dockerfile has no 'RUN /opt/keycloak/bin/kc.sh build ...' line");
        }
        return Arrays.asList(matcher.group(1).strip().split("\\s+"));
    }
}
