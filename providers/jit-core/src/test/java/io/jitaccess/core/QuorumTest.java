package io.jitaccess.core;

import static io.jitaccess.core.PolicyKeys.APPROVER_MFA_MAX_AGE;
import static io.jitaccess.core.PolicyKeys.REQUIRED_APPROVALS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given a policy that needs 2 approvals from /approvers, each with a second factor at most 5 min old")
class QuorumTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));
    private static final MfaEvidence FRESH = new MfaEvidence(2, "2", Optional.of(NOW.minusSeconds(60)));

    private static final FakeSubject ALICE = FakeSubject.user("alice", "/engineering");
    private static final FakeSubject BOB = FakeSubject.user("bob", "/engineering");
    private static final FakeSubject CAROL = FakeSubject.user("carol", "/approvers");
    private static final FakeSubject DAVE = FakeSubject.user("dave", "/approvers/security");
    private static final FakeSubject ERIN = FakeSubject.user("erin", "/approvers");
    private static final FakeSubject BOT = FakeSubject.serviceAccount("ci-bot", "/approvers");

    private final Quorum quorum = quorum(2);

    private static Quorum quorum(int required) {
        return new Quorum(PolicyFixtures.policy()
                .set(REQUIRED_APPROVALS, Integer.toString(required))
                .set(APPROVER_MFA_MAX_AGE, "300")
                .build());
    }

    private static PendingRequest request(String requesterId, Approval... approvals) {
        return request(requesterId, RequestStatus.PENDING, approvals);
    }

    private static PendingRequest request(String requesterId, RequestStatus status, Approval... approvals) {
        return new PendingRequest("req-1", requesterId, status, EXPIRES, List.of(approvals));
    }

    private static Approval approved(FakeSubject approver) {
        return new Approval(approver.id(), approver.username(), Verdict.APPROVE, "", NOW.minusSeconds(600));
    }

    private Refusal.Reason refusal(
            PendingRequest request,
            FakeSubject approver,
            Verdict verdict,
            String comment,
            MfaEvidence mfa,
            Instant at) {
        return assertThrows(Refusal.class, () -> quorum.decide(request, approver, verdict, comment, mfa, at))
                .reason();
    }

    @Test
    @DisplayName("when the first approver approves, then the approval is recorded and the request stays PENDING")
    void firstApprovalKeepsPending() {
        Quorum.Outcome outcome =
                quorum.decide(request(ALICE.id()), CAROL, Verdict.APPROVE, "  fine by me \n", FRESH, NOW);

        assertEquals(RequestStatus.PENDING, outcome.status());
        assertEquals(new Approval(CAROL.id(), "carol", Verdict.APPROVE, "fine by me", NOW), outcome.approval());
    }

    @Test
    @DisplayName("when a second, different approver approves, then the request is APPROVED")
    void secondDistinctApprovalApproves() {
        Quorum.Outcome outcome =
                quorum.decide(request(ALICE.id(), approved(CAROL)), DAVE, Verdict.APPROVE, null, FRESH, NOW);

        assertEquals(RequestStatus.APPROVED, outcome.status());
        assertEquals("", outcome.approval().comment());
        assertEquals(DAVE.id(), outcome.approval().approverId());
    }

    @Test
    @DisplayName("when one approval is required, then the first approval approves the request")
    void oneOfN() {
        Quorum.Outcome outcome = quorum(1).decide(request(ALICE.id()), CAROL, Verdict.APPROVE, "", FRESH, NOW);

        assertEquals(RequestStatus.APPROVED, outcome.status());
    }

    @Test
    @DisplayName("when three approvals are required, then the request stays PENDING until the third")
    void threeOfN() {
        Quorum three = quorum(3);

        assertEquals(
                RequestStatus.PENDING,
                three.decide(request(ALICE.id(), approved(CAROL)), DAVE, Verdict.APPROVE, "", FRESH, NOW)
                        .status());
        assertEquals(
                RequestStatus.APPROVED,
                three.decide(
                                request(ALICE.id(), approved(CAROL), approved(DAVE)),
                                ERIN,
                                Verdict.APPROVE,
                                "",
                                FRESH,
                                NOW)
                        .status());
    }

    @Test
    @DisplayName(
            "when the requester is also an approver, then deciding their own request is refused with SELF_APPROVAL")
    void selfApprovalRefused() {
        PendingRequest own = request(CAROL.id());

        assertEquals(Refusal.Reason.SELF_APPROVAL, refusal(own, CAROL, Verdict.APPROVE, "", FRESH, NOW));
        assertEquals(Refusal.Reason.SELF_APPROVAL, refusal(own, CAROL, Verdict.DENY, "changed my mind", FRESH, NOW));
        assertEquals(
                Refusal.Reason.SELF_APPROVAL,
                refusal(request(CAROL.id(), approved(DAVE)), CAROL, Verdict.APPROVE, "", FRESH, NOW));
        assertFalse(quorum.mayDecide(CAROL, own));
    }

    @Test
    @DisplayName(
            "when the requester is not an approver, then deciding their own request is still refused with SELF_APPROVAL")
    void selfApprovalBeforeNotApprover() {
        assertEquals(
                Refusal.Reason.SELF_APPROVAL, refusal(request(ALICE.id()), ALICE, Verdict.APPROVE, "", FRESH, NOW));
    }

    @Test
    @DisplayName("when someone outside the approver groups decides, then it is refused with NOT_APPROVER")
    void notApproverRefused() {
        assertEquals(Refusal.Reason.NOT_APPROVER, refusal(request(ALICE.id()), BOB, Verdict.APPROVE, "", FRESH, NOW));
        Refusal refusal = assertThrows(
                Refusal.class, () -> quorum.decide(request(ALICE.id()), BOB, Verdict.DENY, "no", FRESH, NOW));
        assertEquals("You are not an approver of policy '" + PolicyFixtures.NAME + "'.", refusal.getMessage());
    }

    @Test
    @DisplayName("when a service account in an approver group decides, then it is refused with NOT_APPROVER")
    void serviceAccountNotApprover() {
        assertEquals(Refusal.Reason.NOT_APPROVER, refusal(request(ALICE.id()), BOT, Verdict.APPROVE, "", FRESH, NOW));
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    @DisplayName("when an approver who already decided decides again, then it is refused with ALREADY_DECIDED")
    void secondDecisionRefused(Verdict verdict) {
        assertEquals(
                Refusal.Reason.ALREADY_DECIDED,
                refusal(request(ALICE.id(), approved(CAROL)), CAROL, verdict, "again", FRESH, NOW));
    }

    @Test
    @DisplayName("when one approver denies after another approved, then the request is DENIED")
    void denyAfterApproval() {
        Quorum.Outcome outcome = quorum.decide(
                request(ALICE.id(), approved(CAROL)), DAVE, Verdict.DENY, " not during the freeze ", FRESH, NOW);

        assertEquals(RequestStatus.DENIED, outcome.status());
        assertEquals(new Approval(DAVE.id(), "dave", Verdict.DENY, "not during the freeze", NOW), outcome.approval());
    }

    @Test
    @DisplayName("when the first approver denies, then the request is DENIED at once")
    void firstDenyEnds() {
        assertEquals(
                RequestStatus.DENIED,
                quorum.decide(request(ALICE.id()), CAROL, Verdict.DENY, "no", FRESH, NOW)
                        .status());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    @DisplayName("when an approver denies without a comment, then it is refused with COMMENT_REQUIRED")
    void denyNeedsComment(String comment) {
        assertEquals(
                Refusal.Reason.COMMENT_REQUIRED,
                refusal(request(ALICE.id()), CAROL, Verdict.DENY, comment, FRESH, NOW));
    }

    @Test
    @DisplayName("when a comment is longer than 2000 characters, then it is refused with INVALID_INPUT")
    void commentTooLong() {
        assertEquals(
                Refusal.Reason.INVALID_INPUT,
                refusal(request(ALICE.id()), CAROL, Verdict.APPROVE, "x".repeat(2001), FRESH, NOW));
        assertEquals(
                "x".repeat(2000),
                quorum.decide(request(ALICE.id()), CAROL, Verdict.APPROVE, "x".repeat(2000), FRESH, NOW)
                        .approval()
                        .comment());
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("when the request is no longer pending, then a decision is refused with ILLEGAL_TRANSITION")
    void notPendingRefused(RequestStatus status) {
        PendingRequest request = request(ALICE.id(), status);

        assertEquals(Refusal.Reason.ILLEGAL_TRANSITION, refusal(request, CAROL, Verdict.APPROVE, "", FRESH, NOW));
        assertEquals(Refusal.Reason.ILLEGAL_TRANSITION, refusal(request, CAROL, Verdict.DENY, "no", FRESH, NOW));
        assertFalse(quorum.mayDecide(CAROL, request));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 3600})
    @DisplayName("when the decision comes at or after the request's expiry, then it is refused with ILLEGAL_TRANSITION")
    void lapsedRefused(long secondsAfterExpiry) {
        Instant at = EXPIRES.plusSeconds(secondsAfterExpiry);
        MfaEvidence mfa = new MfaEvidence(2, "2", Optional.of(at));

        Refusal refusal = assertThrows(
                Refusal.class, () -> quorum.decide(request(ALICE.id()), CAROL, Verdict.APPROVE, "", mfa, at));

        assertEquals(Refusal.Reason.ILLEGAL_TRANSITION, refusal.reason());
        assertEquals("The request lapsed before a decision.", refusal.getMessage());
    }

    @Test
    @DisplayName("when the decision comes a moment before expiry, then it counts")
    void justBeforeExpiry() {
        Instant at = EXPIRES.minusMillis(1);
        MfaEvidence mfa = new MfaEvidence(2, "2", Optional.of(at));

        assertEquals(
                RequestStatus.PENDING,
                quorum.decide(request(ALICE.id()), CAROL, Verdict.APPROVE, "", mfa, at)
                        .status());
    }

    @Test
    @DisplayName("when the approver has no second factor, or an old one, then the decision is refused with STALE_MFA")
    void staleMfaRefused() {
        PendingRequest request = request(ALICE.id());

        assertEquals(Refusal.Reason.STALE_MFA, refusal(request, CAROL, Verdict.APPROVE, "", MfaEvidence.NONE, NOW));
        assertEquals(
                Refusal.Reason.STALE_MFA,
                refusal(request, CAROL, Verdict.APPROVE, "", new MfaEvidence(1, "1", Optional.of(NOW)), NOW));
        assertEquals(
                Refusal.Reason.STALE_MFA,
                refusal(
                        request,
                        CAROL,
                        Verdict.APPROVE,
                        "",
                        new MfaEvidence(2, "2", Optional.of(NOW.minusSeconds(301))),
                        NOW));
        assertEquals(
                Refusal.Reason.STALE_MFA,
                refusal(request, CAROL, Verdict.DENY, "no", new MfaEvidence(2, "2", Optional.empty()), NOW));
        assertEquals(
                RequestStatus.PENDING,
                quorum.decide(
                                request,
                                CAROL,
                                Verdict.APPROVE,
                                "",
                                new MfaEvidence(2, "2", Optional.of(NOW.minusSeconds(300))),
                                NOW)
                        .status());
    }

    @Test
    @DisplayName("when an approver may decide a pending request, then mayDecide is true, also through a subgroup")
    void mayDecideTrue() {
        assertTrue(quorum.mayDecide(CAROL, request(ALICE.id())));
        assertTrue(quorum.mayDecide(DAVE, request(ALICE.id(), approved(CAROL))));
    }

    @Test
    @DisplayName(
            "when the subject is the requester, no approver, a service account or already decided, then mayDecide is false")
    void mayDecideFalse() {
        assertFalse(quorum.mayDecide(ALICE, request(ALICE.id())));
        assertFalse(quorum.mayDecide(CAROL, request(CAROL.id())));
        assertFalse(quorum.mayDecide(BOB, request(ALICE.id())));
        assertFalse(quorum.mayDecide(BOT, request(ALICE.id())));
        assertFalse(quorum.mayDecide(CAROL, request(ALICE.id(), approved(CAROL))));
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName(
            "when someone looks at a request, then its requester, the policy's approvers and past deciders may see it, nobody else")
    void whoMaySee() {
        Policy policy = PolicyFixtures.policy().build();
        PendingRequest request = new PendingRequest(
                "req",
                "id-alice",
                RequestStatus.PENDING,
                java.time.Instant.MAX,
                java.util.List.of(new Approval("id-bob", "bob", Verdict.APPROVE, "", java.time.Instant.EPOCH)));

        org.junit.jupiter.api.Assertions.assertTrue(Quorum.maySee(FakeSubject.user("alice"), request, policy));
        org.junit.jupiter.api.Assertions.assertTrue(
                Quorum.maySee(FakeSubject.user("carol", "/approvers"), request, policy));
        org.junit.jupiter.api.Assertions.assertTrue(Quorum.maySee(FakeSubject.user("bob"), request, null));
        org.junit.jupiter.api.Assertions.assertFalse(Quorum.maySee(FakeSubject.user("mallory"), request, policy));
    }
}
