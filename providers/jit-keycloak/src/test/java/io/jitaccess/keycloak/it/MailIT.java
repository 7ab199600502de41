package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.jitaccess.harness.FreePorts;
import io.jitaccess.harness.KeycloakEndpoint;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Mail through the realm's SMTP settings, to a real SMTP server (GreenMail), sent after commit and off the request's path. */
@DisplayName("Approvers and requesters are told by mail")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private GreenMail smtp;
    private UserTokens bob;

    @BeforeAll
    void start() {
        smtp = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtpAt(smtp.getSmtp().getPort());
        new Admin(server).createRole("mail-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                "mail-it",
                Map.of(
                        "role",
                        List.of("mail-it-role"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("10")));
        bob = UserTokens.accountConsole(server, new FormLogin(server, "acme"), DemoUsers.BOB, true);
    }

    @AfterAll
    void stop() {
        Http.send(Http.request(server.baseUrl() + "/admin/realms/acme", Tokens.admin(server))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"smtpServer\":{}}"))
                .build());
        smtp.stop();
    }

    private void smtpAt(int port) {
        Http.Response put = Http.send(Http.request(server.baseUrl() + "/admin/realms/acme", Tokens.admin(server))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"smtpServer\":{\"host\":\"127.0.0.1\",\"port\":\"" + port
                                + "\",\"from\":\"jit@acme.example\",\"fromDisplayName\":\"ACME access\"}}"))
                .build());
        assertEquals(204, put.status(), put.body());
    }

    private MimeMessage awaitMail(String to, String subject) {
        MimeMessage[] found = new MimeMessage[1];
        await("mail '" + subject + "' to " + to)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Optional<MimeMessage> message = Arrays.stream(smtp.getReceivedMessages())
                            .filter(m -> {
                                try {
                                    return m.getSubject().equals(subject)
                                            && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                                    .anyMatch(a -> a.toString().contains(to));
                                } catch (Exception e) {
                                    return false;
                                }
                            })
                            .findFirst();
                    message.ifPresent(m -> found[0] = m);
                    return message.isPresent();
                });
        return found[0];
    }

    @Test
    @DisplayName("a new request reaches the approvers with a deep link; the decision and the grant reach the requester")
    void requestDecisionGrant() throws Exception {
        TestPeople.contractor(server, "mail-it-req");
        UserTokens requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "mail-it-req", true);
        Http.Response created = jit.request(requester.access(), "mail-it", "PT30M", "<b>fix</b> the queue", null);
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();

        MimeMessage toBob = awaitMail("bob@acme.example", "Access request: mail-it-req asks for mail-it-role");
        String body = GreenMailUtil.getBody(toBob);
        assertTrue(body.contains("/realms/acme/account/access-requests?request=" + id), body);
        assertTrue(
                body.contains("&lt;b&gt;fix&lt;/b&gt; the queue"),
                "the justification is not escaped in the HTML part: " + body);
        assertTrue(
                Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                        .anyMatch(a -> a.toString().contains("mail-it-req@"))
                                && m.getSubject().startsWith("Access request");
                    } catch (Exception e) {
                        return false;
                    }
                }),
                "the requester was mailed as an approver");

        assertEquals(200, jit.approve(bob.access(), id, "ok").status());
        awaitMail("mail-it-req@contractor.example", "Your request for mail-it-role was approved");
        awaitMail("mail-it-req@contractor.example", "You now hold mail-it-role");
    }

    @Test
    @DisplayName("with the mail server down a request still succeeds, and the audit says the mail failed")
    void mailDown() {
        smtpAt(FreePorts.find());
        try {
            TestPeople.contractor(server, "mail-it-down");
            UserTokens requester =
                    UserTokens.accountConsole(server, new FormLogin(server, "acme"), "mail-it-down", true);
            Http.Response created = jit.request(requester.access(), "mail-it", "PT30M", "mail is down", null);
            assertEquals(201, created.status(), created.body());
            String id = created.json().path("id").asText();
            await("the failed mail is audited")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> jit.auditEntries(Tokens.admin(server)).stream()
                            .anyMatch(e -> e.path("action").asText().equals("NOTIFICATION_FAILED")
                                    && e.path("requestId").asText().equals(id)));
        } finally {
            smtpAt(smtp.getSmtp().getPort());
        }
    }
}
