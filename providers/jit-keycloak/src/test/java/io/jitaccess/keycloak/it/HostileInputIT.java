package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.HostileCorpus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated hostile corpus ({@link HostileCorpus}) against every JIT endpoint and the login step, on
 * PostgreSQL (whose text type refuses what H2 stores, such as NUL). Invalid input gets a 4xx JSON error from
 * our code and leaves the ledger as it was; odd but valid text is stored verbatim and shown as text.
 */
@DisplayName("Hostile input: a generated corpus against the REST APIs and the login form")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String ALICE = "hostile-alice";
    private static final String APPROVER = "hostile-approver";
    /** Signs in to the login step; alice's OTP steps stay free for her API tokens. */
    private static final String LEE = "hostile-lee";

    private static final Set<String> PLAIN_LIMITS = Set.of("413", "414", "431");

    private final KeycloakEndpoint server = TestServers.acmeOnPostgres();
    private final JitApi jit = new JitApi(server, "acme");
    private final List<String> failures = new ArrayList<>();
    private int cases;
    private String policyId;
    private String pendingId;
    private String grantId;
    private UserTokens aliceTokens;
    private UserTokens approverTokens;
    private String adminToken;
    private java.time.Instant adminTokenAt;

    @BeforeAll
    void ledger() {
        Admin admin = new Admin(server);
        admin.createRole("hostile-it-role");
        admin.createRole("hostile-it-auto-role");
        TestPeople.contractor(server, ALICE);
        TestPeople.contractor(server, LEE);
        TestPeople.person(server, APPROVER, "/approvers");
        String token = Tokens.admin(server);
        policyId = jit.createPolicy(
                token,
                "hostile-it",
                Map.of(
                        "role",
                        List.of("hostile-it-role"),
                        "eligibleUsers",
                        List.of(ALICE, LEE),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxPendingRequests",
                        List.of("5")));
        jit.createPolicy(
                token,
                "hostile-it auto",
                Map.of(
                        "role",
                        List.of("hostile-it-auto-role"),
                        "eligibleUsers",
                        List.of(ALICE),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        aliceTokens = UserTokens.accountConsole(server, new FormLogin(server, "acme"), ALICE, true);
        approverTokens = UserTokens.accountConsole(server, new FormLogin(server, "acme"), APPROVER, true);
        String alice = alice();
        pendingId = created(jit.request(alice, "hostile-it", "PT10M", "the target of the hostile decisions", null))
                .path("id")
                .asText();
        grantId = created(jit.request(alice, "hostile-it auto", "PT1H", "the target of the hostile ends", null))
                .path("grantId")
                .asText();
    }

    @BeforeEach
    void freshReport() {
        failures.clear();
    }

    @AfterAll
    void corpusSize() {
        System.out.println("HostileInputIT: " + cases + " hostile cases sent");
        assertTrue(cases >= 500, "the corpus has only " + cases + " cases");
    }

    @Test
    @DisplayName(
            "POST /requests: wrong types, bad durations, invalid text, unknown policies and broken JSON get a 4xx JSON error, and nothing is stored")
    void requestBodies() {
        Map<String, String> valid = Map.of("policy", "hostile-it", "duration", "PT10M", "justification", "valid");
        String url = api("/requests");
        String token = alice();
        for (String field : List.of("policy", "duration", "justification", "ticket")) {
            for (String literal : WRONG_TYPES) {
                refused(
                        "request " + field + "=" + literal,
                        "POST",
                        url,
                        token,
                        Body.rawJson(field, withLiteral(valid, field, literal)));
            }
        }
        for (String duration : concat(BAD_DURATIONS, NAMES)) {
            refused(
                    "request duration=" + duration,
                    "POST",
                    url,
                    token,
                    Body.rawJson("duration", withLiteral(valid, "duration", quote(duration))));
        }
        for (String text : INVALID_TEXT) {
            refused(
                    "request justification=" + label(text),
                    "POST",
                    url,
                    token,
                    Body.rawJson("justification", withLiteral(valid, "justification", quote(text))));
            refused(
                    "request ticket=" + label(text),
                    "POST",
                    url,
                    token,
                    Body.rawJson("ticket", withLiteral(valid, "ticket", quote(text))));
        }
        for (String name : NAMES) {
            refused(
                    "request policy=" + name,
                    "POST",
                    url,
                    token,
                    Body.rawJson("policy", withLiteral(valid, "policy", quote(name))));
        }
        for (Body body : brokenBodies(withLiteral(valid, "policy", quote("hostile-it")))) {
            refused("request body " + body.label(), "POST", url, token, body);
        }
        report();
    }

    @Test
    @DisplayName(
            "approve, deny, end and revoke: broken bodies, wrong types and invalid comments or reasons change nothing")
    void decisionAndEndBodies() {
        String approver = approver();
        String alice = alice();
        record Target(String name, String url, Supplier<String> token, String field) {}
        List<Target> targets = List.of(
                new Target("approve", api("/requests/" + pendingId + "/approve"), () -> approver, "comment"),
                new Target("deny", api("/requests/" + pendingId + "/deny"), () -> approver, "comment"),
                new Target("end", api("/grants/" + grantId + "/end"), () -> alice, "reason"),
                new Target("revoke", adminApi("/grants/" + grantId + "/revoke"), () -> adminToken(), "reason"),
                new Target("end-all", adminApi("/grants/end-all"), () -> adminToken(), "reason"));
        for (Target target : targets) {
            Map<String, String> valid = Map.of(target.field(), "fine");
            for (Body body : brokenBodies(withLiteral(valid, target.field(), quote("fine")))) {
                refused(
                        target.name() + " body " + body.label(),
                        "POST",
                        target.url(),
                        target.token().get(),
                        body);
            }
            for (String literal : WRONG_TYPES) {
                refused(
                        target.name() + " " + target.field() + "=" + literal,
                        "POST",
                        target.url(),
                        target.token().get(),
                        Body.rawJson(literal, withLiteral(Map.of(), target.field(), literal)));
            }
            for (String text : INVALID_TEXT) {
                refused(
                        target.name() + " " + target.field() + "=" + label(text),
                        "POST",
                        target.url(),
                        target.token().get(),
                        Body.rawJson(label(text), withLiteral(Map.of(), target.field(), quote(text))));
            }
        }
        report();
    }

    @Test
    @DisplayName("ids that name nothing, try SQL or leave their path segment get a 4xx on every endpoint with an id")
    void pathIds() {
        String alice = alice();
        String approver = approver();
        List<String> ids = concat(
                NAMES,
                List.of(
                        pendingId + "x",
                        pendingId.toUpperCase(),
                        " " + pendingId,
                        grantId + "/../" + pendingId,
                        "a".repeat(3000),
                        ";jsessionid=x",
                        "%u0000",
                        "\\..\\..\\admin"));
        Body comment = Body.json("comment", Map.of("comment", "fine"));
        Body reason = Body.json("reason", Map.of("reason", "fine"));
        for (String id : ids) {
            String segment = segment(id);
            refused("read " + label(id), "GET", api("/requests/" + segment), alice, null);
            refused(
                    "cancel " + label(id),
                    "POST",
                    api("/requests/" + segment + "/cancel"),
                    alice,
                    Body.json("empty", Map.of()));
            refused("approve " + label(id), "POST", api("/requests/" + segment + "/approve"), approver, comment);
            refused("deny " + label(id), "POST", api("/requests/" + segment + "/deny"), approver, comment);
            refused("end " + label(id), "POST", api("/grants/" + segment + "/end"), alice, reason);
            refused("revoke " + label(id), "POST", adminApi("/grants/" + segment + "/revoke"), adminToken(), reason);
        }
        for (String traversal : List.of(
                "../../../admin/realms/acme/jit/grants/end-all",
                "..%2F..%2Fgrants%2F" + grantId + "%2Fend",
                "%2e%2e/%2e%2e/grants/" + grantId + "/end",
                "..;/..;/grants/" + grantId + "/end")) {
            transportRefused("traversal " + traversal, api("/requests/" + traversal + "/approve"), approver, comment);
        }
        report();
    }

    @Test
    @DisplayName(
            "admin list filters: names that match nothing find nothing, garbage paging and dates get a 4xx JSON error")
    void adminFilters() {
        for (String list : List.of("/requests", "/grants", "/audit")) {
            if (!list.equals("/audit")) {
                for (String filter : List.of("user", "role", "client")) {
                    for (String name : NAMES) {
                        String all = list.equals("/grants") ? "&status=ALL" : "";
                        found(
                                list + "?" + filter + "=" + label(name),
                                adminApi(list + "?" + filter + "=" + segment(name) + all),
                                adminToken());
                    }
                }
                for (String status : List.of("BOGUS", "' OR 1=1 --", "<b>", "ACTIVE,EXPIRED", "%00")) {
                    refused(
                            list + "?status=" + status,
                            "GET",
                            adminApi(list + "?status=" + segment(status)),
                            adminToken(),
                            null);
                }
            }
            for (String param : List.of("first", "max")) {
                for (String value :
                        List.of("-1", "abc", "99999999999999999999", "1e3", "0x10", "1.5", "' OR 1=1", "%00")) {
                    refused(
                            list + "?" + param + "=" + value,
                            "GET",
                            adminApi(list + "?" + param + "=" + segment(value)),
                            adminToken(),
                            null);
                }
            }
            refused(list + "?max=0", "GET", adminApi(list + "?max=0"), adminToken(), null);
            refused(list + "?max=1001", "GET", adminApi(list + "?max=1001"), adminToken(), null);
            for (String date :
                    List.of("yesterday", "2026-13-45T00:00:00Z", "-99999999999999999999", "' OR 1=1", "<b>", "1e99")) {
                refused(list + "?from=" + date, "GET", adminApi(list + "?from=" + segment(date)), adminToken(), null);
                refused(list + "?to=" + date, "GET", adminApi(list + "?to=" + segment(date)), adminToken(), null);
            }
        }
        for (String format : List.of("xml", "../csv", "<b>", "CSV%00")) {
            refused("/audit?format=" + format, "GET", adminApi("/audit?format=" + segment(format)), adminToken(), null);
        }
        report();
    }

    @Test
    @DisplayName("policies with hostile options are refused with the reason, and none is saved")
    void hostilePolicies() {
        Map<String, List<String>> valid = Map.of(
                "role", List.of("hostile-it-role"), "eligibleUsers", List.of(ALICE), "maxDuration", List.of("PT1H"));
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (String duration :
                List.of("forever", "-PT1H", "PT0S", "P999999999999D", "PT9223372036854775808S", "<b>PT1H</b>")) {
            options.add(Map.entry("maxDuration", duration));
            options.add(Map.entry("pendingTtl", duration));
        }
        for (String count : List.of("-1", "0", "1001", "99999999999999999999", "abc", "1e3")) {
            options.add(Map.entry("maxPendingRequests", count));
            options.add(Map.entry("requiredApprovals", count));
        }
        for (String network : List.of("10.0.0.0/33", "300.1.1.1", "' OR 1=1", "::/129", "*")) {
            options.add(Map.entry("allowedNetworks", network));
        }
        for (String pattern : List.of("(", "[a-", "(a+)+\\", "*")) {
            options.add(Map.entry("justificationPattern", pattern));
            options.add(Map.entry("ticketPattern", pattern));
        }
        for (String hour : List.of("25:00", "09:60", "nine", "<b>", "-01:00")) {
            options.add(Map.entry("allowedFrom", hour));
        }
        for (String zone : List.of("Mars/Olympus", "../../etc/localtime", "UTC+99")) {
            options.add(Map.entry("timeZone", zone));
        }
        for (String day : List.of("FUNDAY", "' OR 1=1", "8")) {
            options.add(Map.entry("allowedDays", day));
        }
        for (String role : List.of("", "' OR 1=1 --", "no-such-role", "../admin")) {
            options.add(Map.entry("role", role));
        }
        int before = jit.adminPolicies(adminToken()).size();
        for (Map.Entry<String, String> option : options) {
            Map<String, List<String>> config = new LinkedHashMap<>(valid);
            config.put(option.getKey(), List.of(option.getValue()));
            Http.Response answer =
                    jit.postPolicy(adminToken(), "hostile " + option.getKey() + "=" + option.getValue(), config);
            cases++;
            if (answer.status() < 400 || answer.status() >= 500 || !jsonError(answer, "errorMessage")) {
                failures.add("policy " + option + " → " + answer.status() + " " + shorten(answer.body()));
            }
        }
        assertEquals(before, jit.adminPolicies(adminToken()).size(), "a refused policy was saved");
        report();
    }

    @Test
    @DisplayName(
            "markup, SQL, template syntax and unicode in a justification or ticket are accepted and stored verbatim")
    void oddTextStoredVerbatim() {
        String token = alice();
        for (String text : ODD_TEXT) {
            String ticket = text.length() <= 200 ? text : "CHG-1";
            Http.Response answer = jit.request(token, "hostile-it", "PT10M", text, ticket);
            cases++;
            if (answer.status() != 201) {
                failures.add("odd text " + label(text) + " → " + answer.status() + " " + shorten(answer.body()));
                continue;
            }
            String id = answer.json().path("id").asText();
            JsonNode mine = jit.read(token, id).json();
            JsonNode audited = jit.adminRequests(adminToken(), "?user=" + ALICE + "&max=1")
                    .json()
                    .get(0);
            if (!text.equals(mine.path("justification").asText())
                    || !ticket.equals(mine.path("ticket").asText())
                    || !text.equals(audited.path("justification").asText())) {
                failures.add("odd text " + label(text) + " not stored verbatim: " + shorten(mine.toString()));
            }
            assertEquals(200, jit.cancel(token, id).status());
        }
        cases++;
        Http.Response longAgent = Http.send(Http.request(api("/requests"), token)
                .header("Content-Type", "application/json")
                .header("User-Agent", "agent/".repeat(200))
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\":\"hostile-it\",\"duration\":\"PT10M\"}"))
                .build());
        if (longAgent.status() != 201) {
            failures.add("a 1200-character User-Agent → " + longAgent.status() + " " + shorten(longAgent.body()));
        } else {
            assertEquals(
                    200, jit.cancel(token, longAgent.json().path("id").asText()).status());
        }
        report();
    }

    @Test
    @DisplayName(
            "the login step: hostile form fields show the reason on the page, never a 5xx, and typed markup comes back as text")
    void loginForm() {
        FormLogin browser = new FormLogin(server, "acme");
        FormLogin.Page page = browser.open(DemoUsers.OPS_CONSOLE, DemoUsers.OPS_CONSOLE_REDIRECT, "");
        page = browser.page(browser.post(page, Map.of("username", LEE, "password", LEE + "-pw")));
        page = browser.page(browser.post(page, Map.of("otp", FormLogin.freshCode(LEE + "-otp"))));
        assertTrue(page.html().contains("id=\"jit-request-form\""), "no elevation step:\n" + page.html());
        String before = snapshot(LEE);
        for (String name : NAMES) {
            page = refusedOnPage(
                    browser,
                    page,
                    "policy=" + label(name),
                    Map.of("policy", name, "duration", "PT10M", "request", ""),
                    "You are not eligible for this role.");
        }
        for (String duration : concat(BAD_DURATIONS, NAMES)) {
            page = refusedOnPage(
                    browser,
                    page,
                    "duration=" + label(duration),
                    Map.of("policy", policyId, "duration", duration, "request", ""),
                    "Choose a valid duration.",
                    "The duration is longer than this role allows.");
        }
        // a form cannot carry a lone surrogate: the browser's encoder sends U+FFFD (or '?') instead, which is valid
        // text
        for (String text : INVALID_TEXT.stream()
                .filter(t -> t.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                .toList()) {
            page = refusedOnPage(
                    browser,
                    page,
                    "justification=" + label(text),
                    Map.of("policy", policyId, "duration", "PT10M", "justification", text, "request", ""),
                    "The justification does not have the expected form.");
            page = refusedOnPage(
                    browser,
                    page,
                    "ticket=" + label(text),
                    Map.of("policy", policyId, "duration", "PT10M", "ticket", text, "request", ""),
                    "The ticket does not have the expected form.");
        }
        for (String text : ODD_TEXT) {
            page = refusedOnPage(
                    browser,
                    page,
                    "echo " + label(text),
                    Map.of(
                            "policy",
                            policyId,
                            "duration",
                            "forever",
                            "justification",
                            text,
                            "ticket",
                            text.length() <= 200 ? text : "CHG-1",
                            "request",
                            ""),
                    "Choose a valid duration.");
            if (text.contains("<")
                    && (page.html().contains(text) || !page.html().contains("&lt;"))) {
                failures.add("login echo " + label(text) + ": the markup came back unescaped");
            }
        }
        assertEquals(before, snapshot(LEE), "a refused login-step request changed the ledger");
        report();
    }

    // ---- the checks

    /** Sends one case that must be refused with a 4xx JSON error and leave the ledger as it was. */
    private void refused(String name, String method, String url, String token, Body body) {
        String before = snapshot();
        Http.Response answer = send(method, url, token, body);
        cases++;
        boolean plainLimit = PLAIN_LIMITS.contains(String.valueOf(answer.status()));
        if (answer.status() < 400 || answer.status() >= 500 || !plainLimit && !jsonError(answer, "error")) {
            failures.add(name + " → " + answer.status() + " " + shorten(answer.body()));
        } else if (!before.equals(snapshot())) {
            failures.add(name + " → " + answer.status() + " but the ledger changed");
        }
    }

    /** A case the HTTP layer may refuse before our code: any 4xx, nothing changed. */
    private void transportRefused(String name, String url, String token, Body body) {
        String before = snapshot();
        Http.Response answer = send("POST", url, token, body);
        cases++;
        if (answer.status() < 400 || answer.status() >= 500 || !before.equals(snapshot())) {
            failures.add(name + " → " + answer.status() + " " + shorten(answer.body()));
        }
    }

    /** A read whose filter names nothing: an empty list, or a 4xx JSON error. */
    private void found(String name, String url, String token) {
        Http.Response answer = Http.get(url, token);
        cases++;
        boolean empty = answer.status() == 200
                && answer.json().isArray()
                && answer.json().isEmpty();
        if (!empty && (answer.status() < 400 || answer.status() >= 500 || !jsonError(answer, "error"))) {
            failures.add(name + " → " + answer.status() + " " + shorten(answer.body()));
        }
    }

    private FormLogin.Page refusedOnPage(
            FormLogin browser, FormLogin.Page page, String name, Map<String, String> fields, String... messages) {
        Http.Response answer = browser.post(page, fields);
        cases++;
        FormLogin.Page next = browser.page(answer);
        boolean shown = java.util.Arrays.stream(messages).anyMatch(next.html()::contains);
        if (answer.status() >= 500
                || next.formAction() == null
                || !next.html().contains("id=\"jit-request-form\"")
                || !shown) {
            failures.add("login " + name + " → " + answer.status() + " " + shorten(next.html()));
            return next.formAction() != null && next.html().contains("id=\"jit-request-form\"") ? next : page;
        }
        return next;
    }

    private static boolean jsonError(Http.Response answer, String field) {
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode error = Http.JSON.readTree(answer.body());
            return error.path(field).isTextual() && !error.path(field).asText().isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** What the corpus may never change: alice's requests and grants, as the admin API lists them. */
    private String snapshot() {
        return snapshot(ALICE);
    }

    private String snapshot(String username) {
        return jit.adminRequests(adminToken(), "?user=" + username + "&max=1000")
                        .body()
                + jit.adminGrants(adminToken(), "?user=" + username + "&status=ALL")
                        .body();
    }

    private void report() {
        assertTrue(failures.isEmpty(), failures.size() + " cases answered wrongly:\n" + String.join("\n", failures));
    }

    // ---- helpers

    private Http.Response send(String method, String url, String token, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body.contentType())
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        }
        return Http.send(request.build());
    }

    /** The master admin's token, fetched again when half its minute has passed. */
    private String adminToken() {
        if (adminToken == null || java.time.Instant.now().isAfter(adminTokenAt.plusSeconds(30))) {
            adminTokenAt = java.time.Instant.now();
            adminToken = Tokens.admin(server);
        }
        return adminToken;
    }

    private String alice() {
        return fresh(aliceTokens);
    }

    private String approver() {
        return fresh(approverTokens);
    }

    /** A fresh access token of the same login (the second factor's evidence stays that of the login). */
    private static String fresh(UserTokens tokens) {
        assertEquals(200, tokens.refresh().status(), "the refresh failed");
        return tokens.access();
    }

    private String api(String path) {
        return server.baseUrl() + "/realms/acme/jit" + path;
    }

    private String adminApi(String path) {
        return server.baseUrl() + "/admin/realms/acme/jit" + path;
    }

    private static JsonNode created(Http.Response response) {
        assertEquals(201, response.status(), response.body());
        return response.json();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String label(String text) {
        String printable = text.codePoints()
                .mapToObj(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)
                        ? String.format("\\u%04x", c)
                        : Character.toString(c))
                .reduce("", String::concat);
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + text.length() + ")" : printable;
    }

    private static String shorten(String text) {
        String flat = text == null ? "" : text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
