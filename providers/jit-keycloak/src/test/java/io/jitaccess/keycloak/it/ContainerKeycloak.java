package io.jitaccess.keycloak.it;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.jitaccess.harness.KeycloakEndpoint;
import java.nio.file.Path;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The demo configuration on Testcontainers Keycloak, built from docker/Dockerfile, with PostgreSQL 17 in a
 * container ({@code -Pcontainers}). Needs a Docker engine.
 */
final class ContainerKeycloak implements KeycloakEndpoint {

    private final KeycloakContainer keycloak;
    private final PostgreSQLContainer<?> postgres;

    private ContainerKeycloak(KeycloakContainer keycloak, PostgreSQLContainer<?> postgres) {
        this.keycloak = keycloak;
        this.postgres = postgres;
    }

    static ContainerKeycloak acme() {
        Network network = Network.newNetwork();
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17"))
                .withNetwork(network)
                .withNetworkAliases("postgres")
                .withDatabaseName("keycloak")
                .withUsername("keycloak")
                .withPassword("keycloak");
        postgres.start();

        Path project = TestServers.path("jit.project.dir");
        Path providerJar = TestServers.path("jit.provider.jar");
        Path themesJar = TestServers.path("jit.themes.jar");
        String image = new ImageFromDockerfile("jit-access-keycloak-it", false)
                .withFileFromPath("docker/Dockerfile", project.resolve("docker/Dockerfile"))
                .withFileFromPath("providers/jit-keycloak/target/" + providerJar.getFileName(), providerJar)
                .withFileFromPath("themes/target/" + themesJar.getFileName(), themesJar)
                .withFileFromPath("realm-config/acme-realm.json", TestServers.realmFile())
                .withDockerfilePath("docker/Dockerfile")
                .get();
        KeycloakContainer keycloak = new KeycloakContainer(image)
                .withNetwork(network)
                .withOptimizedFlag()
                .withCustomCommand("--import-realm --hostname-strict=false --http-enabled=true")
                .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak")
                .withEnv("KC_DB_USERNAME", "keycloak")
                .withEnv("KC_DB_PASSWORD", "keycloak")
                .withAdminUsername(io.jitaccess.harness.KeycloakServer.ADMIN_USER)
                .withAdminPassword(io.jitaccess.harness.KeycloakServer.ADMIN_PASSWORD);
        keycloak.start();
        ContainerKeycloak running = new ContainerKeycloak(keycloak, postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "jit-containers-stop"));
        return running;
    }

    void stop() {
        keycloak.stop();
        postgres.stop();
    }

    @Override
    public String baseUrl() {
        return keycloak.getAuthServerUrl().replaceAll("/$", "");
    }

    @Override
    public String managementUrl() {
        return keycloak.getMgmtServerUrl().replaceAll("/$", "");
    }

    @Override
    public String log() {
        return keycloak.getLogs();
    }
}
