package io.jitaccess.keycloak.it;

import org.junit.jupiter.api.DisplayName;

@DisplayName(
        "Group membership grants, on PostgreSQL: start, end, standing, overlap, hand removal, deletion, composites")
class GroupGrantPostgresIT extends GroupGrants {

    GroupGrantPostgresIT() {
        super(TestServers.acmeOnPostgres());
    }
}
