package io.jitaccess.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JIT REST APIs over HTTP, as a client app or kcadm would call them. */
public final class JitApi {

    private final KeycloakEndpoint server;
    private final String realm;

    public JitApi(KeycloakEndpoint server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    private String api() {
        return server.baseUrl() + "/realms/" + realm + "/jit";
    }

    private String admin() {
        return server.baseUrl() + "/admin/realms/" + realm + "/jit";
    }

    public Http.Response policies(String token) {
        return Http.get(api() + "/policies", token);
    }

    public Http.Response request(String token, String policy, String duration, String justification, String ticket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        if (duration != null) {
            body.put("duration", duration);
        }
        if (justification != null) {
            body.put("justification", justification);
        }
        if (ticket != null) {
            body.put("ticket", ticket);
        }
        return Http.postJson(api() + "/requests", token, body);
    }

    public Http.Response requests(String token) {
        return Http.get(api() + "/requests", token);
    }

    public Http.Response read(String token, String requestId) {
        return Http.get(api() + "/requests/" + requestId, token);
    }

    public Http.Response cancel(String token, String requestId) {
        return Http.postJson(api() + "/requests/" + requestId + "/cancel", token, Map.of());
    }

    public Http.Response waitingFor(String token) {
        return Http.get(api() + "/approvals", token);
    }

    public Http.Response approve(String token, String requestId, String comment) {
        return Http.postJson(
                api() + "/requests/" + requestId + "/approve",
                token,
                comment == null ? Map.of() : Map.of("comment", comment));
    }

    public Http.Response deny(String token, String requestId, String comment) {
        return Http.postJson(
                api() + "/requests/" + requestId + "/deny",
                token,
                comment == null ? Map.of() : Map.of("comment", comment));
    }

    public Http.Response grants(String token) {
        return Http.get(api() + "/grants", token);
    }

    public Http.Response endGrant(String token, String grantId) {
        return Http.postJson(api() + "/grants/" + grantId + "/end", token, Map.of());
    }

    // admin API (master admin token)

    public Http.Response adminGrants(String adminToken, String query) {
        return Http.get(admin() + "/grants" + query, adminToken);
    }

    public Http.Response adminRequests(String adminToken, String query) {
        return Http.get(admin() + "/requests" + query, adminToken);
    }

    /** The id of a user's one pending request (fails unless there is exactly one). */
    public String pendingRequestOf(String adminToken, String username) {
        JsonNode requests = adminRequests(adminToken, "?user=" + username + "&status=PENDING")
                .json();
        org.junit.jupiter.api.Assertions.assertEquals(1, requests.size(), requests.toString());
        return requests.get(0).path("id").asText();
    }

    public Http.Response revoke(String adminToken, String grantId, String reason) {
        return Http.postJson(admin() + "/grants/" + grantId + "/revoke", adminToken, Map.of("reason", reason));
    }

    public Http.Response audit(String adminToken, String query) {
        return Http.get(admin() + "/audit" + query, adminToken);
    }

    public Http.Response verify(String adminToken) {
        return Http.get(admin() + "/audit/verify", adminToken);
    }

    /** Every audit entry of the realm, in chain order (page by page: other tests' entries may be many). */
    public List<JsonNode> auditEntries(String adminToken) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        for (int first = 0; ; first += 1000) {
            List<JsonNode> page = auditQuery(adminToken, "?max=1000&first=" + first);
            entries.addAll(page);
            if (page.size() < 1000) {
                return entries;
            }
        }
    }

    /** The audit entries written since {@code from} (up to 1000), in chain order. */
    public List<JsonNode> auditSince(String adminToken, java.time.Instant from) {
        return auditQuery(adminToken, "?max=1000&from=" + from.toEpochMilli());
    }

    private List<JsonNode> auditQuery(String adminToken, String query) {
        Http.Response response = audit(adminToken, query);
        if (response.status() != 200) {
            throw new AssertionError("audit export failed: " + response.status() + " " + response.body());
        }
        List<JsonNode> entries = new java.util.ArrayList<>();
        response.json().forEach(entries::add);
        return entries;
    }

    /** Every policy of the realm, as the admin API lists them. */
    public JsonNode adminPolicies(String adminToken) {
        return Http.get(admin() + "/policies", adminToken).json();
    }

    /** One policy as the admin API lists it, found by name (fails when there is none). */
    public JsonNode adminPolicy(String adminToken, String name) {
        for (JsonNode policy : adminPolicies(adminToken)) {
            if (policy.path("name").asText().equals(name)) {
                return policy;
            }
        }
        throw new AssertionError("no policy " + name);
    }

    /** Posts a policy (a jit-policy component) through the admin REST API; returns Keycloak's answer. */
    public Http.Response postPolicy(String adminToken, String name, Map<String, List<String>> config) {
        String realmId = Http.get(server.baseUrl() + "/admin/realms/" + realm, adminToken)
                .json()
                .path("id")
                .asText();
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", name);
        component.put("providerId", "jit-policy");
        component.put("providerType", "org.keycloak.services.ui.extend.UiPageProvider");
        component.put("parentId", realmId);
        component.put("config", config);
        return Http.postJson(server.baseUrl() + "/admin/realms/" + realm + "/components", adminToken, component);
    }

    /** Creates a policy (a jit-policy component) through the admin REST API; returns its id. */
    public String createPolicy(String adminToken, String name, Map<String, List<String>> config) {
        Http.Response response = postPolicy(adminToken, name, config);
        if (response.status() != 201) {
            throw new AssertionError("policy not created: " + response.status() + " " + response.body());
        }
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
