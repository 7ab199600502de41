package io.jitaccess.harness;

import java.util.List;

/** The database a harness server runs on, as Keycloak options. */
public interface Database extends AutoCloseable {

    /** Keycloak's own embedded H2 (dev-file in development mode). */
    static Database embeddedH2() {
        return new Database() {
            @Override
            public List<String> keycloakOptions() {
                return List.of();
            }

            @Override
            public String toString() {
                return "H2 (embedded)";
            }
        };
    }

    /** An existing PostgreSQL server. */
    static Database postgres(String jdbcUrl, String user, String password) {
        return new Database() {
            @Override
            public List<String> keycloakOptions() {
                return List.of(
                        "--db=postgres", "--db-url=" + jdbcUrl, "--db-username=" + user, "--db-password=" + password);
            }

            @Override
            public String toString() {
                return "PostgreSQL at " + jdbcUrl;
            }
        };
    }

    List<String> keycloakOptions();

    @Override
    default void close() {}
}
