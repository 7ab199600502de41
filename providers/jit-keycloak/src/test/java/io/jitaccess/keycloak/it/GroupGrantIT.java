package io.jitaccess.keycloak.it;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Group membership grants, on H2: start, end, standing, overlap, hand removal, deletion, composites")
class GroupGrantIT extends GroupGrants {

    GroupGrantIT() {
        super(TestServers.acme());
    }
}
