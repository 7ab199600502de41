package io.jitaccess.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link KeycloakServer.Builder} describes, and the command lines it makes of it. */
final class ServerSettings {

    KeycloakDistribution distribution;
    Path workDir;
    int httpPort;
    int managementPort;
    Database database = Database.embeddedH2();
    boolean freshData;
    final List<Path> providers = new ArrayList<>();
    final List<Path> realmImports = new ArrayList<>();
    final List<String> options = new ArrayList<>();
    final List<String> buildOptions = new ArrayList<>();
    final Map<String, String> environment = new LinkedHashMap<>();

    /** {@code kc.sh start-dev}, or {@code kc.sh start --optimized} after a build, with the settings' options. */
    List<String> runCommand(Path home) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        if (buildOptions.isEmpty()) {
            command.add("start-dev");
        } else {
            command.add("start");
            command.add("--optimized");
            command.add("--hostname-strict=false");
            command.add("--http-enabled=true");
        }
        command.add("--http-port=" + httpPort);
        command.add("--http-management-port=" + managementPort);
        // metrics and health stay on this machine, as the HTTP port does in development mode (Keycloak binds the
        // management interface to every address unless told otherwise)
        command.add("--http-management-host=127.0.0.1");
        command.add("--health-enabled=true");
        if (!realmImports.isEmpty()) {
            command.add("--import-realm");
        }
        command.addAll(database.keycloakOptions());
        command.addAll(options);
        return command;
    }

    /** {@code kc.sh build} with the build options. */
    List<String> buildCommand(Path home) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        return command;
    }
}
