package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What every refusal of our APIs looks like: the status, a stable code and a message for people. */
final class Refusals {

    private Refusals() {}

    static void assertRefused(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertEquals(code, response.json().path("error").asText(), response.body());
        assertFalse(response.json().path("message").asText().isBlank(), "no human message");
    }
}
