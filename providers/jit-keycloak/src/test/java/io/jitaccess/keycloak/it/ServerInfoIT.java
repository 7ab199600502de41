package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

@DisplayName("Keycloak's server info lists what we ship")
class ServerInfoIT {

    private final KeycloakEndpoint server = TestServers.acme();

    @Test
    @DisplayName("every provider our jar declares is loaded under its own SPI")
    void everyProviderWeShip() throws Exception {
        Map<String, List<String>> shipped = shippedProvidersBySpi();
        assertFalse(shipped.isEmpty(), "the provider jar declares no provider");
        assertTrue(
                shipped.containsKey("jit-expiry") && shipped.containsKey("protocol-mapper"),
                "SPIs not resolved: " + shipped);

        JsonNode providers = serverInfo().path("providers");
        List<String> missing = new ArrayList<>();
        shipped.forEach((spi, ids) -> ids.stream()
                .filter(id -> !providers.path(spi).path("providers").has(id))
                .forEach(id -> missing.add(spi + "/" + id)));
        assertEquals(List.of(), missing, "providers not loaded under their SPI");
    }

    @Test
    @DisplayName("the management port (metrics, health) listens on loopback only, like the HTTP port")
    void managementOnLoopback() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                server instanceof io.jitaccess.harness.KeycloakServer, "our harness's servers");
        int port = java.net
                .URI
                .create(((io.jitaccess.harness.KeycloakServer) server).managementUrl())
                .getPort();
        java.net.InetAddress outside =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                        .filter(nic -> !isLoopback(nic))
                        .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                        .filter(address -> address instanceof java.net.Inet4Address)
                        .findFirst()
                        .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no address but loopback");

        try (java.net.Socket local = new java.net.Socket("127.0.0.1", port)) {
            assertTrue(local.isConnected());
        }
        assertThrows(
                java.net.ConnectException.class,
                () -> {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(outside, port), 2000);
                    }
                },
                "the management port answers on " + outside);
    }

    private static boolean isLoopback(java.net.NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    @DisplayName("our own SPI jit-expiry is loaded with its default provider")
    void expirySpi() {
        assertTrue(serverInfo()
                .path("providers")
                .path("jit-expiry")
                .path("providers")
                .has("default"));
    }

    @Test
    @DisplayName("the jit login, email and account themes are installed")
    void themes() {
        JsonNode themes = serverInfo().path("themes");
        for (String type : List.of("login", "email", "account")) {
            List<String> names = new ArrayList<>();
            themes.path(type).forEach(theme -> names.add(theme.path("name").asText()));
            assertTrue(names.contains("jit"), type + " themes: " + names);
        }
    }

    @Test
    @DisplayName("the server runs Keycloak 26.7.3 with the declarative-ui feature on")
    void versionAndFeatures() {
        JsonNode info = serverInfo();
        assertEquals("26.7.3", info.path("systemInfo").path("version").asText());
        boolean declarativeUi = false;
        for (JsonNode feature : info.path("features")) {
            if (feature.path("name").asText().equals("DECLARATIVE_UI")) {
                declarativeUi = feature.path("enabled").asBoolean();
            }
        }
        assertTrue(declarativeUi, "feature declarative-ui is off");
    }

    private JsonNode serverInfo() {
        Http.Response response = Http.get(server.baseUrl() + "/admin/serverinfo", Tokens.admin(server));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    /**
     * The ids of the factories listed in the provider jar's META-INF/services files, by the name of the SPI whose
     * factory interface names the file (as the server info lists them), found through every SPI on the class path.
     */
    static Map<String, List<String>> shippedProvidersBySpi() throws Exception {
        Map<String, String> spiOfFactory = new HashMap<>();
        for (Spi spi : ServiceLoader.load(Spi.class)) {
            spiOfFactory.put(spi.getProviderFactoryClass().getName(), spi.getName());
        }
        Map<String, List<String>> ids = new TreeMap<>();
        try (JarFile jar = new JarFile(TestServers.path("jit.provider.jar").toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String service = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (!entry.getName().startsWith("META-INF/services/")
                        || entry.isDirectory()
                        || !spiOfFactory.containsKey(service)) {
                    continue; // not a provider factory list (an Spi or a serialization initializer)
                }
                for (String className : lines(jar, entry)) {
                    Object factory =
                            Class.forName(className).getDeclaredConstructor().newInstance();
                    ids.computeIfAbsent(spiOfFactory.get(service), k -> new ArrayList<>())
                            .add(((ProviderFactory<?>) factory).getId());
                }
            }
        }
        return ids;
    }

    private static List<String> lines(JarFile jar, JarEntry entry) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.replaceAll("#.*", "").strip();
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
        }
        return lines;
    }
}
