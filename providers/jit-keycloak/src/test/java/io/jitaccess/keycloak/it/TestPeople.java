package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import java.util.Map;

/**
 * People made for one test, with a password and an OTP credential, imported like the demo realm's users
 * (each has an OTP secret of its own, so tests never wait for a fresh OTP step of someone else).
 */
final class TestPeople {

    private TestPeople() {}

    /** Creates a contractor (group /contractors) with password {@code <username>-pw} and OTP secret {@code <username>-otp}. */
    static void contractor(KeycloakEndpoint server, String username) {
        person(server, username, "/contractors");
    }

    /**
     * Creates a person in {@code groupPath} (in no group when null) with password {@code <username>-pw} and OTP
     * secret {@code <username>-otp}.
     */
    static void person(KeycloakEndpoint server, String username, String groupPath) {
        Map<String, Object> user = Map.of(
                "username",
                username,
                "enabled",
                true,
                "email",
                username + "@contractor.example",
                "emailVerified",
                true,
                "firstName",
                "Test",
                "lastName",
                username,
                "groups",
                groupPath == null ? List.of() : List.of(groupPath),
                "realmRoles",
                List.of("default-roles-acme"),
                "credentials",
                List.of(
                        Map.of("type", "password", "value", username + "-pw", "temporary", false),
                        Map.of(
                                "type",
                                "otp",
                                "secretData",
                                "{\"value\":\"" + username + "-otp\"}",
                                "credentialData",
                                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        Http.Response response = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/partialImport",
                Tokens.admin(server),
                Map.of("ifResourceExists", "SKIP", "users", List.of(user)));
        assertEquals(200, response.status(), response.body());
    }
}
