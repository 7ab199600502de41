package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given who approves a policy's requests")
class ApprovalRuleTest {

    private static final ApprovalRule RULE = new ApprovalRule(
            TestPins.groups("/approvers"), TestPins.roles("security-lead", "ops-console.approver"), 1, false);

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    @DisplayName("when fewer than one approval is required, then the rule cannot be built")
    void requiredBelowOneRejected(int required) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ApprovalRule(TestPins.groups("/approvers"), Set.of(), required, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100})
    @DisplayName("when one or more approvals are required, then the rule keeps the number")
    void requiredKept(int required) {
        assertEquals(required, new ApprovalRule(TestPins.groups("/approvers"), Set.of(), required, false).required());
    }

    @Test
    @DisplayName("when groups or roles are named, then the rule has approvers; with neither it has none")
    void hasApprovers() {
        assertTrue(new ApprovalRule(TestPins.groups("/approvers"), Set.of(), 1, false).hasApprovers());
        assertTrue(new ApprovalRule(Set.of(), TestPins.roles("security-lead"), 1, false).hasApprovers());
        assertFalse(new ApprovalRule(Set.of(), Set.of(), 1, true).hasApprovers());
        assertTrue(new ApprovalRule(Set.of(), Set.of(), 1, true).autoApprove());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/approvers", "/approvers/security", "/approvers/security/leads"})
    @DisplayName("when a person is in an approver group or one of its subgroups, then they are an approver")
    void groupMembersApprove(String memberOf) {
        assertTrue(RULE.isApprover(FakeSubject.user("carol", memberOf)));
    }

    @Test
    @DisplayName("when a person holds an approver realm or client role, then they are an approver")
    void roleHoldersApprove() {
        assertTrue(RULE.isApprover(FakeSubject.user("carol").withRoles("security-lead")));
        assertTrue(RULE.isApprover(FakeSubject.user("dave").withRoles("ops-console.approver")));
    }

    @Test
    @DisplayName("when a person is in no approver group and holds no approver role, then they are not an approver")
    void othersDoNotApprove() {
        assertFalse(RULE.isApprover(FakeSubject.user("bob")));
        assertFalse(RULE.isApprover(FakeSubject.user("bob", "/approvers-old", "/engineering")));
        assertFalse(RULE.isApprover(FakeSubject.user("bob").withRoles("approver", "other.security-lead")));
    }

    @Test
    @DisplayName(
            "when a service account is in an approver group or holds an approver role, then it is never an approver")
    void serviceAccountsNeverApprove() {
        assertFalse(RULE.isApprover(FakeSubject.serviceAccount("ci-bot", "/approvers")));
        assertFalse(RULE.isApprover(FakeSubject.serviceAccount("ci-bot").withRoles("security-lead")));
        assertFalse(RULE.isApprover(
                FakeSubject.serviceAccount("ci-bot", "/approvers").withRoles("ops-console.approver")));
    }
}
