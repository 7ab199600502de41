package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark realm {@code bench}, in two variants that differ only by our providers: {@link #withJit()} uses the
 * demo realm's browser flow with our elevation step, the {@code jit} client scope (our token mapper) and
 * policies; {@link #plain()} is the same realm with our step, scope, required action, themes and policies taken
 * out. Flows, client scopes, the ACR map and the OTP policy come from {@code realm-config/acme-realm.json}, so
 * both logins ask for password and one-time code exactly as the demo does.
 */
final class BenchRealm {

    static final String NAME = "bench";
    static final String PASSWORD = "bench-pw";
    static final String APP = "ops-console";
    static final String APP_SECRET = "ops-console-secret";
    /** The app's twin on the server with our providers whose browser flow lacks our step (figure 2). */
    static final String APP_WITHOUT_STEP = "ops-console-without-step";

    static final String APP_REDIRECT = "http://localhost:8081/callback";
    static final String BOT_PLAIN = "bench-bot0";
    static final String BOT_GRANTED = "bench-bot3";
    static final String BOT_SECRET = "bench-bot-secret";
    static final List<String> HELD_ROLES = List.of("bench-r1", "bench-r2", "bench-r3");
    static final String LAG_ROLE = "bench-lag";
    static final String APPROVAL_ROLE = "bench-appr";
    static final String APPROVER = "approver";
    static final String SWEEP_ROLE = "bench-sweep";
    /** The load test's role: the approval users ask for it and approve each other's requests. */
    static final String SOAK_ROLE = "bench-soak";

    static final String SOAK_POLICY = "bench soak";

    /** Users of each part, all with password {@link #PASSWORD} and OTP secret {@link #otpSecret(String)}. */
    static final int LOGIN_USERS = 2000;

    static final int SESSION_USERS = 8;
    static final int LAG_USERS = 1000;
    static final int APPROVAL_USERS = 100;

    /** Native workflows: one role and one workflow per duration bucket (seconds). */
    static final List<Integer> BUCKETS = List.of(20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130);

    private final JsonNode acme;
    private final boolean jit;

    private BenchRealm(Path acmeRealm, boolean jit) {
        try {
            this.acme = Web.JSON.readTree(acmeRealm.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.jit = jit;
    }

    static BenchRealm withJit(Path acmeRealm) {
        return new BenchRealm(acmeRealm, true);
    }

    static BenchRealm plain(Path acmeRealm) {
        return new BenchRealm(acmeRealm, false);
    }

    static String otpSecret(String username) {
        return "otp-" + username + "-bench";
    }

    static String loginUser(int i) {
        return String.format("lu-%04d", i);
    }

    static String sessionUser(int i, boolean granted) {
        return String.format(granted ? "gu-%02d" : "ru-%02d", i);
    }

    static String lagUser(int i) {
        return String.format("xu-%04d", i);
    }

    static String approvalUser(int i) {
        return String.format("au-%03d", i);
    }

    static String bucketRole(int seconds) {
        return String.format("bucket-%03d", seconds);
    }

    /** Writes the realm JSON to {@code dir/bench-realm.json} and returns the file. */
    Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(NAME + "-realm.json");
            Web.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode realm() {
        ObjectNode realm = Web.JSON.createObjectNode();
        realm.put("realm", NAME)
                .put("enabled", true)
                .put("sslRequired", "none")
                .put("bruteForceProtected", false)
                .put("accessTokenLifespan", 300)
                .put("ssoSessionIdleTimeout", 36000)
                .put("ssoSessionMaxLifespan", 36000)
                .put("eventsEnabled", false)
                .put("adminEventsEnabled", false);
        for (String key : List.of(
                "otpPolicyType",
                "otpPolicyAlgorithm",
                "otpPolicyDigits",
                "otpPolicyPeriod",
                "otpPolicyLookAheadWindow",
                "browserFlow")) {
            realm.set(key, acme.get(key));
        }
        // the ACR-to-level map, and Keycloak's default client scopes (roles, profile, acr, ...) created on import
        realm.set("attributes", acme.get("attributes").deepCopy());
        realm.set("authenticatorConfig", acme.get("authenticatorConfig"));
        realm.set("authenticationFlows", flows());
        realm.set(
                "clientScopes",
                filtered(
                        acme.get("clientScopes"),
                        scope -> jit || !scope.path("name").asText().equals("jit")));
        ArrayNode defaults = realm.putArray("defaultDefaultClientScopes");
        acme.get("defaultDefaultClientScopes").forEach(s -> {
            if (jit || !s.asText().equals("jit")) {
                defaults.add(s);
            }
        });
        realm.set("defaultOptionalClientScopes", acme.get("defaultOptionalClientScopes"));
        realm.set(
                "requiredActions",
                filtered(
                        acme.get("requiredActions"),
                        a -> jit || !a.path("alias").asText().equals("jit-elevate")));
        if (jit) {
            realm.put("loginTheme", "jit");
        }
        realm.set("roles", roles());
        ArrayNode groups = realm.putArray("groups");
        for (String group : List.of("bench-holders", "bench-lag", "bench-appr", "bench-approvers")) {
            groups.addObject().put("name", group).put("path", "/" + group);
        }
        realm.set("clients", clients());
        realm.set("users", serviceAccounts());
        if (jit) {
            realm.putObject("components").set("org.keycloak.services.ui.extend.UiPageProvider", BenchPolicies.all());
        }
        return realm;
    }

    private ArrayNode flows() {
        ArrayNode flows = Web.JSON.createArrayNode();
        for (JsonNode flow : acme.get("authenticationFlows")) {
            ObjectNode copy = flow.deepCopy();
            copy.set(
                    "authenticationExecutions",
                    filtered(
                            flow.get("authenticationExecutions"),
                            e -> jit
                                    || !"jit-elevation"
                                            .equals(e.path("authenticator").asText())));
            flows.add(copy);
        }
        return flows;
    }

    private ObjectNode roles() {
        ObjectNode roles = Web.JSON.createObjectNode();
        ArrayNode realmRoles = roles.putArray("realm");
        List<String> names = new ArrayList<>(HELD_ROLES);
        names.add(LAG_ROLE);
        names.add(APPROVAL_ROLE);
        names.add(SWEEP_ROLE);
        names.add(SOAK_ROLE);
        BUCKETS.forEach(b -> names.add(bucketRole(b)));
        names.forEach(name -> realmRoles.addObject().put("name", name).put("description", "benchmark role"));
        return roles;
    }

    private ArrayNode clients() {
        ArrayNode clients = Web.JSON.createArrayNode();
        List<String> scopes =
                new ArrayList<>(List.of("web-origins", "acr", "roles", "profile", "basic", "email", "jit-api"));
        if (jit) {
            scopes.add("jit");
        }
        for (String clientId : jit ? List.of(APP, APP_WITHOUT_STEP) : List.of(APP)) {
            ObjectNode app = clients.addObject()
                    .put("clientId", clientId)
                    .put("enabled", true)
                    .put("protocol", "openid-connect")
                    .put("publicClient", false)
                    .put("secret", APP_SECRET)
                    .put("standardFlowEnabled", true)
                    .put("directAccessGrantsEnabled", false)
                    .put("fullScopeAllowed", true);
            app.putArray("redirectUris").add("http://localhost:8081/*");
            ObjectNode attributes = app.putObject("attributes")
                    .put("pkce.code.challenge.method", "S256")
                    .put("default.acr.values", "mfa");
            if (jit) {
                attributes.put("jit.elevation.offer", "true");
            }
            scopes.forEach(app.putArray("defaultClientScopes")::add);
        }
        for (String bot : List.of(BOT_PLAIN, BOT_GRANTED)) {
            ObjectNode client = clients.addObject()
                    .put("clientId", bot)
                    .put("enabled", true)
                    .put("protocol", "openid-connect")
                    .put("publicClient", false)
                    .put("secret", BOT_SECRET)
                    .put("standardFlowEnabled", false)
                    .put("serviceAccountsEnabled", true)
                    .put("fullScopeAllowed", true);
            scopes.forEach(client.putArray("defaultClientScopes")::add);
        }
        return clients;
    }

    /**
     * The people, added after start-up through the admin API's partial import in chunks (a start-up import of
     * thousands of users, each password hashed with argon2, would outlast the start-up timeout).
     */
    List<ArrayNode> peopleInChunks(int chunk) {
        return peopleInChunks(chunk, username -> true);
    }

    /** The same, only the people whose username {@code wanted} accepts. */
    List<ArrayNode> peopleInChunks(int chunk, java.util.function.Predicate<String> wanted) {
        ArrayNode all = filtered(
                BenchPeople.all(jit),
                person -> wanted.test(person.path("username").asText()));
        List<ArrayNode> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += chunk) {
            ArrayNode part = Web.JSON.createArrayNode();
            for (int j = i; j < Math.min(all.size(), i + chunk); j++) {
                part.add(all.get(j));
            }
            chunks.add(part);
        }
        return chunks;
    }

    private ArrayNode serviceAccounts() {
        ArrayNode users = Web.JSON.createArrayNode();
        users.addObject()
                .put("username", "service-account-" + BOT_PLAIN)
                .put("enabled", true)
                .put("serviceAccountClientId", BOT_PLAIN);
        ObjectNode granted = users.addObject()
                .put("username", "service-account-" + BOT_GRANTED)
                .put("enabled", true)
                .put("serviceAccountClientId", BOT_GRANTED);
        if (!jit) {
            HELD_ROLES.forEach(granted.putArray("realmRoles")::add);
        }
        return users;
    }

    private static ArrayNode filtered(JsonNode array, java.util.function.Predicate<JsonNode> keep) {
        ArrayNode out = Web.JSON.createArrayNode();
        array.forEach(item -> {
            if (keep.test(item)) {
                out.add(item.deepCopy());
            }
        });
        return out;
    }
}
