package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.DEPLOY_BOT;
import static io.jitaccess.keycloak.it.DemoUsers.DEPLOY_BOT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.core.AuditRecord;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit chain's head is checked and published, and a broken audit never keeps privilege alive: tampering with
 * the last entries shows in verify, and a deleted head is rebuilt from the last entry while endings go on. Each case
 * in a realm of its own (a tampered chain stays broken), on PostgreSQL changed by SQL behind the server's back.
 */
@DisplayName("The audit chain's head is verified and published; a lost head never stops an ending")
class AuditHeadIT {

    private final OwnPostgresServer own = TestServers.acmeWithSql();
    private final KeycloakServer server = own.server;

    @Test
    @DisplayName("verify publishes the head, the last entry's number and hash")
    void headPublished() {
        String realm = realmWithAGrant("head-published", "PT1H");
        JsonNode verify = new JitApi(server, realm).verify(Tokens.admin(server)).json();
        List<JsonNode> entries = new JitApi(server, realm).auditEntries(Tokens.admin(server));
        JsonNode last = entries.get(entries.size() - 1);

        assertTrue(verify.path("intact").asBoolean(), verify.toString());
        assertEquals(last.path("seq").asLong(), verify.path("head").path("seq").asLong());
        assertEquals(
                last.path("hash").asText(), verify.path("head").path("hash").asText());
    }

    @Test
    @DisplayName("the last entry rewritten with a freshly computed hash passes the links, and the head shows it")
    void rewrittenLastEntry() throws Exception {
        String realm = realmWithAGrant("head-rewritten", "PT1H");
        String realmId = realmId(realm);
        long last = lastSeq(realmId);
        Map<String, Object> row =
                own.row("SELECT * FROM JIT_AUDIT WHERE REALM_ID = ? ORDER BY SEQ DESC LIMIT 1", realmId);
        AuditRecord forged = new AuditRecord(
                        ((Number) row.get("seq")).longValue(),
                        realmId,
                        ((Number) row.get("event_time")).longValue(),
                        (String) row.get("action"),
                        (String) row.get("actor_id"),
                        (String) row.get("actor_name"),
                        (String) row.get("subject_id"),
                        (String) row.get("subject_name"),
                        (String) row.get("role_name"),
                        (String) row.get("client_id"),
                        (String) row.get("group_path"),
                        (String) row.get("policy_id"),
                        (String) row.get("request_id"),
                        (String) row.get("grant_id"),
                        (String) row.get("justification"),
                        (String) row.get("ticket"),
                        "nothing happened here",
                        (String) row.get("source_ip"),
                        (String) row.get("user_agent"),
                        (String) row.get("prev_hash"),
                        null)
                .sealed();
        assertEquals(
                1,
                own.updateWith(
                        "UPDATE JIT_AUDIT SET REASON = ?, HASH = ? WHERE REALM_ID = ? AND SEQ = ?",
                        forged.reason(),
                        forged.hash(),
                        realmId,
                        last));

        JsonNode verify = new JitApi(server, realm).verify(Tokens.admin(server)).json();
        assertFalse(verify.path("intact").asBoolean(), verify.toString());
        assertEquals(last, verify.path("brokenAtSeq").asLong(), verify.toString());
    }

    @Test
    @DisplayName(
            "the last entry cut and the head's number moved back to match passes the links, and the head's hash shows it")
    void cutTail() throws Exception {
        String realm = realmWithAGrant("head-cut", "PT1H");
        String realmId = realmId(realm);
        long last = lastSeq(realmId);
        assertEquals(1, own.updateWith("DELETE FROM JIT_AUDIT WHERE REALM_ID = ? AND SEQ = ?", realmId, last));
        assertEquals(1, own.updateWith("UPDATE JIT_AUDIT_HEAD SET LAST_SEQ = ? WHERE REALM_ID = ?", last - 1, realmId));

        JsonNode verify = new JitApi(server, realm).verify(Tokens.admin(server)).json();
        assertFalse(verify.path("intact").asBoolean(), verify.toString());
    }

    @Test
    @DisplayName(
            "with the head row deleted, a grant still ends on time and is recorded; verify reports the rebuilt head")
    void deletedHeadDoesNotStopEndings() throws Exception {
        String realm = "head-deleted";
        String grantId = realmWithAGrant(realm, "PT4S", true);
        String realmId = realmId(realm);
        assertEquals(1, own.updateWith("DELETE FROM JIT_AUDIT_HEAD WHERE REALM_ID = ?", realmId));

        await("the grant ends with its chain head gone")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "EXPIRED".equals(own.value("SELECT STATUS FROM JIT_GRANT WHERE ID = ?", grantId)));
        Admin admin = new Admin(server, realm);
        assertFalse(
                admin.directRealmRoles(admin.serviceAccountId(DEPLOY_BOT)).contains("head-role"), "the mapping stayed");
        List<JsonNode> entries = new JitApi(server, realm).auditEntries(Tokens.admin(server));
        assertTrue(
                entries.stream().anyMatch(e -> e.path("action").asText().equals("AUDIT_HEAD_REBUILT")),
                "no rebuild entry");
        assertTrue(
                entries.stream()
                        .anyMatch(e -> e.path("action").asText().equals("GRANT_EXPIRED")
                                && grantId.equals(e.path("grantId").asText())),
                "the ending was not recorded");
        JsonNode verify = new JitApi(server, realm).verify(Tokens.admin(server)).json();
        assertFalse(verify.path("intact").asBoolean(), verify.toString());
        assertTrue(verify.path("problem").asText().contains("rebuilt"), verify.toString());
        assertTrue(
                Http.get(server.managementUrl() + "/metrics", null).body().contains("jit_audit_head_rebuilt_total"),
                "no metric");
    }

    private String realmWithAGrant(String realm, String duration) {
        realmWithAGrant(realm, duration, false);
        return realm;
    }

    /** A copy of the demo realm with one automatically approved grant of deploy-bot; returns the grant's id. */
    private String realmWithAGrant(String realm, String duration, boolean returnGrant) {
        new Admin(server).createRealmLikeAcme(realm);
        Admin admin = new Admin(server, realm);
        admin.createRole("head-role");
        JitApi jit = new JitApi(server, realm);
        jit.createPolicy(
                Tokens.admin(server),
                "head",
                Map.of(
                        "role",
                        List.of("head-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, realm, DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response granted = jit.request(bot, "head", duration, null, null);
        assertEquals(201, granted.status(), granted.body());
        return granted.json().path("grantId").asText();
    }

    private String realmId(String realm) {
        return Http.get(server.baseUrl() + "/admin/realms/" + realm, Tokens.admin(server))
                .json()
                .path("id")
                .asText();
    }

    private long lastSeq(String realmId) throws Exception {
        return Long.parseLong(own.value("SELECT MAX(SEQ) FROM JIT_AUDIT WHERE REALM_ID = ?", realmId));
    }
}
