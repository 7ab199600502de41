package io.jitaccess.core;

import static io.jitaccess.core.PolicyKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
        "Given a policy for /engineering and ci-bot, weekdays 07:00–20:00 Paris, from 10.0.0.0/8, MFA at most 10 min old")
class RequestRulesTest {

    /** Tuesday 10:00 in Paris. */
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    /** Sunday 10:00 in Paris. */
    private static final Instant SUNDAY = Instant.parse("2026-03-08T09:00:00Z");

    private static final String OFFICE_IP = "10.1.2.3";
    private static final MfaEvidence FRESH = new MfaEvidence(2, "2", Optional.of(NOW.minusSeconds(60)));

    private static final FakeSubject ALICE = FakeSubject.user("alice", "/engineering/sre");
    private static final FakeSubject MALLORY = FakeSubject.user("mallory", "/sales");
    private static final FakeSubject CI_BOT = FakeSubject.serviceAccount("ci-bot");

    private static final RequestDraft GOOD_DRAFT =
            new RequestDraft("PT2H", "  Rotate the database credentials \n", "OPS-42");
    private static final RequestContext GOOD_CONTEXT = new RequestContext(NOW, OFFICE_IP, FRESH, 1, 0);

    private static PolicyFixtures.Builder policyConfig() {
        return PolicyFixtures.policy()
                .set(ELIGIBLE_GROUPS, "/engineering")
                .set(ELIGIBLE_SERVICE_ACCOUNTS, "ci-bot")
                .set(ALLOWED_DAYS, "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .set(ALLOWED_FROM, "07:00")
                .set(ALLOWED_TO, "20:00")
                .set(TIME_ZONE, "Europe/Paris")
                .set(ALLOWED_NETWORKS, "10.0.0.0/8", "2001:db8::/32")
                .set(REQUESTER_MFA_MAX_AGE, "600")
                .set(DEFAULT_DURATION, "PT1H")
                .set(MAX_DURATION, "PT4H")
                .set(JUSTIFICATION_PATTERN, "(?s).{10,}")
                .set(TICKET_REQUIRED, "true")
                .set(TICKET_PATTERN, "[A-Z]+-\\d+")
                .set(MAX_PENDING_REQUESTS, "2")
                .set(MAX_ACTIVE_GRANTS, "1")
                .set(PENDING_TTL, "PT8H");
    }

    private final RequestRules rules = new RequestRules(policyConfig().build());

    private Refusal.Reason refusal(Subject requester, RequestDraft draft, RequestContext context) {
        return assertThrows(Refusal.class, () -> rules.admit(requester, draft, context))
                .reason();
    }

    @Test
    @DisplayName(
            "when a request meets every rule, then it is admitted with its values and expires after the pending lifetime")
    void admitted() {
        AdmittedRequest admitted = rules.admit(ALICE, GOOD_DRAFT, GOOD_CONTEXT);

        assertEquals(
                new AdmittedRequest(
                        Duration.ofHours(2),
                        "Rotate the database credentials",
                        "OPS-42",
                        Instant.parse("2026-03-10T17:00:00Z"),
                        false),
                admitted);
        assertEquals(NOW.plus(Duration.ofHours(8)), admitted.expiresAt());
    }

    @Test
    @DisplayName("when the policy approves automatically, then the admitted request says so")
    void autoApproved() {
        RequestRules auto = new RequestRules(policyConfig()
                .set(AUTO_APPROVE, "true")
                .set(PENDING_TTL, "PT30M")
                .build());

        AdmittedRequest admitted = auto.admit(ALICE, GOOD_DRAFT, GOOD_CONTEXT);

        assertTrue(admitted.autoApproved());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), admitted.expiresAt());
    }

    @Test
    @DisplayName("when the request names no duration, then the policy's default is used")
    void defaultDuration() {
        RequestDraft draft = new RequestDraft("", "Rotate the database credentials", "OPS-42");

        assertEquals(
                Duration.ofHours(1), rules.admit(ALICE, draft, GOOD_CONTEXT).duration());
    }

    @Test
    @DisplayName("when a request breaks every rule, then the refusals come one at a time in the documented order")
    void orderOfChecks() {
        Subject requester = MALLORY;
        Instant now = SUNDAY;
        String ip = "203.0.113.9";
        MfaEvidence mfa = MfaEvidence.NONE;
        String duration = "PT5H";
        String justification = "short";
        String ticket = "";
        long pending = 2;
        long active = 1;

        assertEquals(
                Refusal.Reason.NOT_ELIGIBLE,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        requester = ALICE;
        assertEquals(
                Refusal.Reason.OUTSIDE_HOURS,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        now = NOW;
        assertEquals(
                Refusal.Reason.NETWORK_NOT_ALLOWED,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        ip = OFFICE_IP;
        assertEquals(
                Refusal.Reason.STALE_MFA,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        mfa = FRESH;
        assertEquals(
                Refusal.Reason.DURATION_TOO_LONG,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        duration = "PT2H";
        assertEquals(
                Refusal.Reason.JUSTIFICATION_INVALID,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        justification = "Rotate the database credentials";
        assertEquals(
                Refusal.Reason.TICKET_REQUIRED,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        ticket = "OPS-42";
        assertEquals(
                Refusal.Reason.TOO_MANY_PENDING,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        pending = 0;
        assertEquals(
                Refusal.Reason.TOO_MANY_ACTIVE_GRANTS,
                refusal(
                        requester,
                        new RequestDraft(duration, justification, ticket),
                        new RequestContext(now, ip, mfa, pending, active)));
        active = 0;
        assertEquals(
                Duration.ofHours(2),
                rules.admit(
                                requester,
                                new RequestDraft(duration, justification, ticket),
                                new RequestContext(now, ip, mfa, pending, active))
                        .duration());
    }

    static Stream<Arguments> singleViolations() {
        return Stream.of(
                violation("requester not eligible", MALLORY, GOOD_DRAFT, GOOD_CONTEXT, Refusal.Reason.NOT_ELIGIBLE),
                violation(
                        "service account not named",
                        FakeSubject.serviceAccount("deploy-bot"),
                        GOOD_DRAFT,
                        GOOD_CONTEXT,
                        Refusal.Reason.NOT_ELIGIBLE),
                violation(
                        "on a Sunday",
                        ALICE,
                        GOOD_DRAFT,
                        context(SUNDAY, OFFICE_IP, mfaAt(SUNDAY), 0, 0),
                        Refusal.Reason.OUTSIDE_HOURS),
                violation(
                        "Tuesday 06:59:59 in Paris",
                        ALICE,
                        GOOD_DRAFT,
                        context(
                                Instant.parse("2026-03-10T05:59:59Z"),
                                OFFICE_IP,
                                mfaAt(Instant.parse("2026-03-10T05:59:59Z")),
                                0,
                                0),
                        Refusal.Reason.OUTSIDE_HOURS),
                violation(
                        "Tuesday 20:00 in Paris",
                        ALICE,
                        GOOD_DRAFT,
                        context(
                                Instant.parse("2026-03-10T19:00:00Z"),
                                OFFICE_IP,
                                mfaAt(Instant.parse("2026-03-10T19:00:00Z")),
                                0,
                                0),
                        Refusal.Reason.OUTSIDE_HOURS),
                violation(
                        "from outside 10.0.0.0/8",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, "192.168.1.10", FRESH, 0, 0),
                        Refusal.Reason.NETWORK_NOT_ALLOWED),
                violation(
                        "from IPv6 outside the range",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, "2001:db9::1", FRESH, 0, 0),
                        Refusal.Reason.NETWORK_NOT_ALLOWED),
                violation(
                        "from an unknown address",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, "unknown", FRESH, 0, 0),
                        Refusal.Reason.NETWORK_NOT_ALLOWED),
                violation(
                        "no second factor",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, MfaEvidence.NONE, 0, 0),
                        Refusal.Reason.STALE_MFA),
                violation(
                        "second factor 601 s old",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, mfaAt(NOW.minusSeconds(601)), 0, 0),
                        Refusal.Reason.STALE_MFA),
                violation(
                        "duration unreadable",
                        ALICE,
                        draft("two hours", "Rotate the database credentials", "OPS-42"),
                        GOOD_CONTEXT,
                        Refusal.Reason.DURATION_INVALID),
                violation(
                        "duration above maximum",
                        ALICE,
                        draft("PT4H1M", "Rotate the database credentials", "OPS-42"),
                        GOOD_CONTEXT,
                        Refusal.Reason.DURATION_TOO_LONG),
                violation(
                        "justification missing",
                        ALICE,
                        draft("PT1H", "  ", "OPS-42"),
                        GOOD_CONTEXT,
                        Refusal.Reason.JUSTIFICATION_REQUIRED),
                violation(
                        "justification too short for the pattern",
                        ALICE,
                        draft("PT1H", "because", "OPS-42"),
                        GOOD_CONTEXT,
                        Refusal.Reason.JUSTIFICATION_INVALID),
                violation(
                        "ticket missing",
                        ALICE,
                        draft("PT1H", "Rotate the database credentials", null),
                        GOOD_CONTEXT,
                        Refusal.Reason.TICKET_REQUIRED),
                violation(
                        "ticket malformed",
                        ALICE,
                        draft("PT1H", "Rotate the database credentials", "ops 42"),
                        GOOD_CONTEXT,
                        Refusal.Reason.TICKET_INVALID),
                violation(
                        "pending requests at the limit",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, FRESH, 2, 0),
                        Refusal.Reason.TOO_MANY_PENDING),
                violation(
                        "pending requests above the limit",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, FRESH, 7, 0),
                        Refusal.Reason.TOO_MANY_PENDING),
                violation(
                        "active grants at the limit",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, FRESH, 0, 1),
                        Refusal.Reason.TOO_MANY_ACTIVE_GRANTS),
                violation(
                        "active grants above the limit",
                        ALICE,
                        GOOD_DRAFT,
                        context(NOW, OFFICE_IP, FRESH, 1, 3),
                        Refusal.Reason.TOO_MANY_ACTIVE_GRANTS));
    }

    private static Arguments violation(
            String what, Subject requester, RequestDraft draft, RequestContext context, Refusal.Reason reason) {
        return Arguments.of(what, requester, draft, context, reason);
    }

    private static RequestDraft draft(String duration, String justification, String ticket) {
        return new RequestDraft(duration, justification, ticket);
    }

    private static RequestContext context(Instant now, String ip, MfaEvidence mfa, long pending, long active) {
        return new RequestContext(now, ip, mfa, pending, active);
    }

    private static MfaEvidence mfaAt(Instant at) {
        return new MfaEvidence(2, "2", Optional.of(at));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("singleViolations")
    @DisplayName("when a request breaks exactly one rule, then it is refused for that rule")
    void singleViolation(
            String what, Subject requester, RequestDraft draft, RequestContext context, Refusal.Reason reason) {
        assertEquals(reason, refusal(requester, draft, context));
    }

    @Test
    @DisplayName(
            "when a service account asks without any second factor, then the MFA check is skipped and it is admitted")
    void serviceAccountSkipsMfa() {
        AdmittedRequest admitted = rules.admit(CI_BOT, GOOD_DRAFT, context(NOW, OFFICE_IP, MfaEvidence.NONE, 0, 0));

        assertEquals(Duration.ofHours(2), admitted.duration());
        assertFalse(admitted.autoApproved());
    }

    @Test
    @DisplayName("when a service account asks, then every other rule still applies")
    void serviceAccountOtherRulesApply() {
        assertEquals(
                Refusal.Reason.OUTSIDE_HOURS,
                refusal(CI_BOT, GOOD_DRAFT, context(SUNDAY, OFFICE_IP, MfaEvidence.NONE, 0, 0)));
        assertEquals(
                Refusal.Reason.NETWORK_NOT_ALLOWED,
                refusal(CI_BOT, GOOD_DRAFT, context(NOW, "192.168.1.1", MfaEvidence.NONE, 0, 0)));
        assertEquals(
                Refusal.Reason.TICKET_REQUIRED,
                refusal(
                        CI_BOT,
                        draft("PT1H", "Nightly schema migration", ""),
                        context(NOW, OFFICE_IP, MfaEvidence.NONE, 0, 0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1})
    @DisplayName("when the requester has fewer pending requests than the limit, then the request is admitted")
    void belowPendingLimit(long pending) {
        assertEquals(
                "OPS-42",
                rules.admit(ALICE, GOOD_DRAFT, context(NOW, OFFICE_IP, FRESH, pending, 0))
                        .ticket());
    }

    @Test
    @DisplayName("when the requester has too many pending requests, then the refusal says how many")
    void tooManyPendingMessage() {
        Refusal refusal =
                assertThrows(Refusal.class, () -> rules.admit(ALICE, GOOD_DRAFT, context(NOW, OFFICE_IP, FRESH, 2, 0)));

        assertEquals(Refusal.Kind.TOO_MANY, refusal.reason().kind());
        assertTrue(refusal.getMessage().startsWith("You already have 2 pending request(s)"), refusal.getMessage());
    }

    @Test
    @DisplayName("when the requester is not eligible, then the refusal names the policy")
    void notEligibleMessage() {
        Refusal refusal = assertThrows(Refusal.class, () -> rules.admit(MALLORY, GOOD_DRAFT, GOOD_CONTEXT));

        assertEquals("You are not eligible for policy '" + PolicyFixtures.NAME + "'.", refusal.getMessage());
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.reason().kind());
    }

    @Test
    @DisplayName("when the policy has no requester MFA age, then any second factor of the current login is enough")
    void noMfaAge() {
        RequestRules lenient =
                new RequestRules(policyConfig().without(REQUESTER_MFA_MAX_AGE).build());
        MfaEvidence old = new MfaEvidence(2, "2", Optional.of(Instant.parse("2026-01-01T00:00:00Z")));

        assertEquals(
                "OPS-42",
                lenient.admit(ALICE, GOOD_DRAFT, context(NOW, OFFICE_IP, old, 0, 0))
                        .ticket());
        assertEquals(
                Refusal.Reason.STALE_MFA,
                assertThrows(
                                Refusal.class,
                                () -> lenient.admit(ALICE, GOOD_DRAFT, context(NOW, OFFICE_IP, MfaEvidence.NONE, 0, 0)))
                        .reason());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName(
            "when the last approval comes, then the rules are checked again against the policy as it is now")
    void lastApproval() {
        RequestRules rules = new RequestRules(PolicyFixtures.policy()
                .set(PolicyKeys.ELIGIBLE_USERS, "alice")
                .set(PolicyKeys.MAX_DURATION, "PT1H")
                .set(PolicyKeys.MAX_ACTIVE_GRANTS, "1")
                .build());
        FakeSubject alice = FakeSubject.user("alice");
        java.time.Duration hour = java.time.Duration.ofHours(1);

        rules.checkAtLastApproval(true, hour, alice, true);
        rules.checkActiveAtLastApproval(0);
        assertLastApprovalRefused(
                Refusal.Reason.ILLEGAL_TRANSITION, () -> rules.checkAtLastApproval(false, hour, alice, true));
        assertLastApprovalRefused(
                Refusal.Reason.DURATION_TOO_LONG,
                () -> rules.checkAtLastApproval(true, java.time.Duration.ofHours(2), alice, true));
        assertLastApprovalRefused(
                Refusal.Reason.ILLEGAL_TRANSITION, () -> rules.checkAtLastApproval(true, hour, null, true));
        assertLastApprovalRefused(
                Refusal.Reason.ILLEGAL_TRANSITION, () -> rules.checkAtLastApproval(true, hour, alice, false));
        assertLastApprovalRefused(
                Refusal.Reason.NOT_ELIGIBLE,
                () -> rules.checkAtLastApproval(true, hour, FakeSubject.user("bob"), true));
        assertLastApprovalRefused(Refusal.Reason.TOO_MANY_ACTIVE_GRANTS, () -> rules.checkActiveAtLastApproval(1));
    }

    private static void assertLastApprovalRefused(
            Refusal.Reason reason, org.junit.jupiter.api.function.Executable check) {
        org.junit.jupiter.api.Assertions.assertEquals(
                reason,
                org.junit.jupiter.api.Assertions.assertThrows(Refusal.class, check)
                        .reason());
    }
}
