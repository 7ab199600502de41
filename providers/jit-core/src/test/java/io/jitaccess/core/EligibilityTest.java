package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given who may ask for a policy's role")
class EligibilityTest {

    private static final Eligibility NOBODY = new Eligibility(Set.of(), Set.of(), Set.of(), Set.of());

    private static Eligibility users(String... usernames) {
        return new Eligibility(TestPins.users(usernames), Set.of(), Set.of(), Set.of());
    }

    private static Eligibility groups(String... paths) {
        return new Eligibility(Set.of(), TestPins.groups(paths), Set.of(), Set.of());
    }

    private static Eligibility roles(String... roles) {
        return new Eligibility(Set.of(), Set.of(), TestPins.roles(roles), Set.of());
    }

    private static Eligibility serviceAccounts(String... clientIds) {
        return new Eligibility(Set.of(), Set.of(), Set.of(), TestPins.clients(clientIds));
    }

    @Test
    @DisplayName("when a user is named, then that user is admitted by username and others are not")
    void namedUsers() {
        Eligibility eligibility = users("alice");

        assertTrue(eligibility.admits(FakeSubject.user("alice")));
        assertFalse(eligibility.admits(FakeSubject.user("bob")));
        assertFalse(eligibility.admits(FakeSubject.user("Alice")));
        assertFalse(eligibility.admits(FakeSubject.user("alice2")));
    }

    @Test
    @DisplayName("when someone else now has a pinned user's name, then they are not admitted: the id counts")
    void usersMatchIdNotName() {
        Eligibility pinnedToFormerAlice =
                new Eligibility(Set.of(Pin.of("alice", "id-former-alice")), Set.of(), Set.of(), Set.of());

        assertFalse(pinnedToFormerAlice.admits(FakeSubject.user("alice")));
    }

    @Test
    @DisplayName("when an entry matched nothing when it was added (void), then it admits nobody, whatever their name")
    void voidEntriesAdmitNobody() {
        Eligibility voids = new Eligibility(
                Set.of(Pin.unresolved("alice")),
                Set.of(Pin.unresolved("/engineering")),
                Set.of(Pin.unresolved("sre")),
                Set.of(Pin.unresolved("ci-bot")));

        assertFalse(voids.admits(FakeSubject.user("alice", "/engineering").withRoles("sre")));
        assertFalse(voids.admits(FakeSubject.serviceAccount("ci-bot")));
    }

    @Test
    @DisplayName("when a client was renamed to an eligible client id, then its service account is not admitted")
    void renamedClientNotAdmitted() {
        Eligibility pinned =
                new Eligibility(Set.of(), Set.of(), Set.of(), Set.of(Pin.of("deploy-bot", "client-original")));

        assertFalse(pinned.admits(FakeSubject.serviceAccount("deploy-bot")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engineering", "/engineering/sre", "/engineering/sre/oncall"})
    @DisplayName("when a group is named, then its members and the members of its subgroups are admitted")
    void groupAndSubgroupMembers(String memberOf) {
        assertTrue(groups("/engineering").admits(FakeSubject.user("alice", memberOf)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales", "/engineering-old", "/eng", "/other/engineering"})
    @DisplayName("when a group is named, then members of other groups are not admitted")
    void otherGroups(String memberOf) {
        assertFalse(groups("/engineering").admits(FakeSubject.user("alice", memberOf)));
    }

    @Test
    @DisplayName("when a subgroup is named, then members of its parent group alone are not admitted")
    void parentNotAdmittedBySubgroup() {
        Eligibility eligibility = groups("/engineering/sre");

        assertFalse(eligibility.admits(FakeSubject.user("alice", "/engineering")));
        assertFalse(eligibility.admits(FakeSubject.user("bob", "/engineering/dev")));
        assertTrue(eligibility.admits(FakeSubject.user("carol", "/engineering/sre")));
    }

    @Test
    @DisplayName(
            "when a realm or client role is named, then its holders are admitted and holders of a same-named other role are not")
    void roleHolders() {
        Eligibility eligibility = roles("sre", "ops-console.prod-maintainer");

        assertTrue(eligibility.admits(FakeSubject.user("alice").withRoles("sre")));
        assertTrue(eligibility.admits(FakeSubject.user("bob").withRoles("ops-console.prod-maintainer")));
        assertFalse(eligibility.admits(FakeSubject.user("carol").withRoles("prod-maintainer")));
        assertFalse(eligibility.admits(FakeSubject.user("dave").withRoles("other-client.sre")));
        assertFalse(eligibility.admits(FakeSubject.user("erin")));
    }

    @Test
    @DisplayName("when a service account's client is named, then that service account is admitted and others are not")
    void namedServiceAccounts() {
        Eligibility eligibility = serviceAccounts("ci-bot");

        assertTrue(eligibility.admits(FakeSubject.serviceAccount("ci-bot")));
        assertFalse(eligibility.admits(FakeSubject.serviceAccount("deploy-bot")));
    }

    @Test
    @DisplayName("when a service account is named among the users, then it is not admitted")
    void serviceAccountNamedAsUserNotAdmitted() {
        Eligibility eligibility = users("service-account-ci-bot", "ci-bot");

        assertFalse(eligibility.admits(FakeSubject.serviceAccount("ci-bot")));
    }

    @Test
    @DisplayName(
            "when a service account is in an eligible group or holds an eligible role, then it is still not admitted")
    void serviceAccountOnlyByClientId() {
        FakeSubject bot = FakeSubject.serviceAccount("ci-bot", "/engineering").withRoles("sre");
        Eligibility everythingButServiceAccounts = new Eligibility(
                TestPins.users("service-account-ci-bot"),
                TestPins.groups("/engineering"),
                TestPins.roles("sre"),
                TestPins.clients("other-bot"));

        assertFalse(everythingButServiceAccounts.admits(bot));
        assertTrue(new Eligibility(
                        Set.of(), TestPins.groups("/engineering"), TestPins.roles("sre"), TestPins.clients("ci-bot"))
                .admits(bot));
    }

    @Test
    @DisplayName(
            "when a person's username equals an eligible service account's client id, then the person is not admitted")
    void personNotAdmittedAsServiceAccount() {
        assertFalse(serviceAccounts("ci-bot").admits(FakeSubject.user("ci-bot")));
    }

    @Test
    @DisplayName("when nothing is named, then the eligibility is empty and admits nobody")
    void emptyAdmitsNobody() {
        assertTrue(NOBODY.isEmpty());
        assertFalse(NOBODY.admits(FakeSubject.user("alice", "/engineering").withRoles("sre")));
        assertFalse(NOBODY.admits(FakeSubject.serviceAccount("ci-bot")));
        assertFalse(users("alice").isEmpty());
        assertFalse(groups("/g").isEmpty());
        assertFalse(roles("r").isEmpty());
        assertFalse(serviceAccounts("c").isEmpty());
    }

    @Test
    @DisplayName("when the sets it was built from change later, then the eligibility does not")
    void setsCopied() {
        Set<Pin> users = new HashSet<>(TestPins.users("alice"));
        Eligibility eligibility = new Eligibility(users, Set.of(), Set.of(), Set.of());

        users.addAll(TestPins.users("mallory"));

        assertFalse(eligibility.admits(FakeSubject.user("mallory")));
        assertEquals(TestPins.users("alice"), eligibility.users());
        assertThrows(
                UnsupportedOperationException.class, () -> eligibility.users().add(Pin.of("mallory", "id-mallory")));
    }
}
