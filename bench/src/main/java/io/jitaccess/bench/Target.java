package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One benchmarked Keycloak server (plain, or with our providers), its PostgreSQL, and what we ask of them. */
final class Target implements AutoCloseable {

    final String name;
    final KeycloakServer server;
    final EmbeddedPostgres postgres;
    private String adminToken;
    private long adminTokenUntil;

    Target(String name, KeycloakServer server, EmbeddedPostgres postgres) {
        this.name = name;
        this.server = server;
        this.postgres = postgres;
    }

    String base() {
        return server.baseUrl();
    }

    String tokenUrl() {
        return base() + "/realms/" + BenchRealm.NAME + "/protocol/openid-connect/token";
    }

    String api() {
        return base() + "/realms/" + BenchRealm.NAME + "/jit";
    }

    String admin() {
        return base() + "/admin/realms/" + BenchRealm.NAME;
    }

    synchronized String adminToken() {
        if (System.currentTimeMillis() > adminTokenUntil) {
            JsonNode token = Web.postForm(
                            Web.SHARED,
                            base() + "/realms/master/protocol/openid-connect/token",
                            Map.of(
                                    "grant_type",
                                    "password",
                                    "client_id",
                                    "admin-cli",
                                    "username",
                                    KeycloakServer.ADMIN_USER,
                                    "password",
                                    KeycloakServer.ADMIN_PASSWORD))
                    .expect(200, "admin login")
                    .json();
            adminToken = token.path("access_token").asText();
            adminTokenUntil =
                    System.currentTimeMillis() + (token.path("expires_in").asLong() - 15) * 1000;
        }
        return adminToken;
    }

    Web.Response clientCredentials(String clientId) {
        return Web.postForm(
                Web.SHARED,
                tokenUrl(),
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        BenchRealm.BOT_SECRET));
    }

    Web.Response refresh(String refreshToken) {
        return Web.postForm(
                Web.SHARED,
                tokenUrl(),
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refreshToken,
                        "client_id",
                        BenchRealm.APP,
                        "client_secret",
                        BenchRealm.APP_SECRET));
    }

    /** Signs a bench user in to the app with password and one-time code; returns the token response. */
    JsonNode signIn(String username, Otp otp) {
        return signIn(BenchRealm.APP, username, otp);
    }

    /** The same, to {@code clientId} (one of the app's twins, which share its secret and redirect). */
    JsonNode signIn(String clientId, String username, Otp otp) {
        WebLogin login = new WebLogin(base(), BenchRealm.NAME);
        WebLogin.Page back = login.signIn(
                clientId, BenchRealm.APP_REDIRECT, username, BenchRealm.PASSWORD, otp.code(name, username), false);
        return login.exchange(back, clientId, BenchRealm.APP_SECRET, BenchRealm.APP_REDIRECT);
    }

    String userId(String username) {
        return Web.get(admin() + "/users?exact=true&username=" + username, adminToken())
                .json()
                .get(0)
                .path("id")
                .asText();
    }

    /** Lines {@code JIT-BENCH-PROBE <what> <realm> <userId> <role> <millis>} the probe logged so far. */
    List<ProbeEvent> probeEvents() {
        List<ProbeEvent> events = new ArrayList<>();
        try (var lines = Files.lines(server.logFile(), StandardCharsets.UTF_8)) {
            lines.filter(l -> l.contains("JIT-BENCH-PROBE ")).forEach(line -> {
                String[] f = line.substring(line.indexOf("JIT-BENCH-PROBE ") + 16)
                        .strip()
                        .split(" ");
                if (f.length >= 5) {
                    events.add(new ProbeEvent(f[0], f[1], f[2], f[3], Long.parseLong(f[4])));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    record ProbeEvent(String what, String realm, String userId, String role, long millis) {}

    /** CPU time (user + system) the server's JVM has used so far, in milliseconds. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + server.jvm().pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of proc(5), counted from the state field (3) here
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / 100;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Old-generation heap in use after a full GC (jcmd GC.run, then jstat's OU), in MiB. */
    double oldGenAfterFullGcMib() {
        long pid = server.jvm().pid();
        Path bin = Path.of(server.jvm().info().command().orElse("java")).getParent();
        run(List.of(tool(bin, "jcmd"), Long.toString(pid), "GC.run"));
        String out = run(List.of(tool(bin, "jstat"), "-gc", Long.toString(pid)));
        String[] lines = out.strip().split("\n");
        String[] header = lines[0].strip().split("\\s+");
        String[] values = lines[lines.length - 1].strip().split("\\s+");
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals("OU")) {
                return Double.parseDouble(values[i]) / 1024.0;
            }
        }
        throw new IllegalStateException("no OU column in jstat output: " + out);
    }

    private static String tool(Path bin, String name) {
        return bin == null ? name : bin.resolve(name).toString();
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT (not verified: the benchmark reads what the server just issued to it). */
    static JsonNode claims(String jwt) {
        try {
            return Web.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean carriesRealmRole(JsonNode claims, String role) {
        for (JsonNode r : claims.path("realm_access").path("roles")) {
            if (r.asText().equals(role)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop();
        postgres.close();
    }
}
