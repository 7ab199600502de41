package io.jitaccess.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A person of the demo realm, with the credentials the realm JSON gives them. */
record DemoUser(String username, String fullName, String password, Optional<String> otpSecret, String story) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The people of the realm file (service-account users left out). */
    static List<DemoUser> readFrom(Path realmJson) throws IOException {
        JsonNode realm = JSON.readTree(realmJson.toFile());
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            String password = null;
            String otp = null;
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText();
                } else if ("otp".equals(credential.path("type").asText())) {
                    otp = JSON.readTree(credential.path("secretData").asText())
                            .path("value")
                            .asText();
                }
            }
            String name = user.path("firstName").asText() + " "
                    + user.path("lastName").asText();
            users.add(new DemoUser(
                    user.path("username").asText(),
                    name.strip(),
                    password,
                    Optional.ofNullable(otp),
                    story(user.path("username").asText())));
        }
        return users;
    }

    private static String story(String username) {
        return switch (username) {
            case "alice" -> "external contractor, eligible for ops-console/prod-maintainer";
            case "bob" -> "approver (group approvers)";
            case "carol" -> "realm administrator, eligible for prod-admin in business hours";
            case "dave" -> "ordinary user, eligible for nothing";
            default -> "";
        };
    }
}
