package io.jitaccess.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Command-line options of the run command (passed with -Dexec.args="..."). */
final class LaunchOptions {

    static final String USAGE = """
            Options (./mvnw -q -Prun -Dexec.args="..."):
              --port N             Keycloak HTTP port (default 8080); management port N+920 unless --management-port
              --management-port N  Keycloak management port (default 9000)
              --app-port N         port of the demo app (default 8081)
              --db postgres        use PostgreSQL instead of the embedded H2, with:
              --db-url URL         JDBC URL, e.g. jdbc:postgresql://localhost:5432/keycloak
              --db-username USER
              --db-password PASSWORD
              --fresh              forget the demo data of earlier runs and import realm-config/ again
            """;

    int httpPort = 8080;
    int managementPort = 9000;
    int appPort = 8081;
    String db = "h2";
    String dbUrl;
    String dbUsername;
    String dbPassword;
    boolean fresh;

    static LaunchOptions parse(String[] args) {
        LaunchOptions options = new LaunchOptions();
        boolean managementGiven = false;
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            // accept both "--port 8180" and "--port=8180"
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                words.add(arg.substring(0, eq));
                words.add(arg.substring(eq + 1));
            } else if (!arg.isBlank()) {
                words.add(arg);
            }
        }
        Iterator<String> it = words.iterator();
        while (it.hasNext()) {
            String option = it.next();
            switch (option) {
                case "--port" -> options.httpPort = port(option, value(option, it));
                case "--management-port" -> {
                    options.managementPort = port(option, value(option, it));
                    managementGiven = true;
                }
                case "--app-port" -> options.appPort = port(option, value(option, it));
                case "--db" -> options.db = value(option, it);
                case "--db-url" -> options.dbUrl = value(option, it);
                case "--db-username" -> options.dbUsername = value(option, it);
                case "--db-password" -> options.dbPassword = value(option, it);
                case "--fresh" -> options.fresh = true;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!managementGiven && options.httpPort != 8080) {
            options.managementPort = options.httpPort + 920;
        }
        if (!options.db.equals("h2") && !options.db.equals("postgres")) {
            throw new IllegalArgumentException("--db must be postgres (or h2, the default), not " + options.db);
        }
        if (options.db.equals("postgres")
                && (options.dbUrl == null || options.dbUsername == null || options.dbPassword == null)) {
            throw new IllegalArgumentException("--db postgres needs --db-url, --db-username and --db-password");
        }
        return options;
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number (1-65535), not " + value);
        }
    }
}
