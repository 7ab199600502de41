package io.jitaccess.core;

import static io.jitaccess.core.PolicyKeys.*;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given a policy's stored configuration")
class PolicyReaderTest {

    /** Every key set, several values per multivalued key. */
    private static PolicyFixtures.Builder full() {
        return PolicyFixtures.emptyConfig()
                .set(ROLE, "ops-console.prod-maintainer")
                .set(DESCRIPTION, "Maintenance of production")
                .set(ELIGIBLE_USERS, "alice", "bob")
                .set(ELIGIBLE_GROUPS, "engineering/sre/", "/oncall")
                .set(ELIGIBLE_ROLES, "sre", "ops-console.viewer")
                .set(ELIGIBLE_SERVICE_ACCOUNTS, "ci-bot")
                .set(APPROVER_GROUPS, "/approvers")
                .set(APPROVER_ROLES, "security-lead")
                .set(REQUIRED_APPROVALS, "2")
                .set(AUTO_APPROVE, "false")
                .set(DEFAULT_DURATION, "PT30M")
                .set(MAX_DURATION, "PT4H")
                .set(REQUESTER_MFA_MAX_AGE, "300")
                .set(APPROVER_MFA_MAX_AGE, "600")
                .set(JUSTIFICATION_REQUIRED, "true")
                .set(JUSTIFICATION_PATTERN, "(?s).{10,}")
                .set(JUSTIFICATION_HINT, "At least ten characters")
                .set(TICKET_REQUIRED, "true")
                .set(TICKET_PATTERN, "[A-Z]+-\\d+")
                .set(TICKET_HINT, "A ticket such as OPS-123")
                .set(ALLOWED_DAYS, "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .set(ALLOWED_FROM, "07:00")
                .set(ALLOWED_TO, "20:00")
                .set(TIME_ZONE, "Europe/Paris")
                .set(ALLOWED_NETWORKS, "10.0.0.0/8", "2001:db8::/32")
                .set(MAX_ACTIVE_GRANTS, "2")
                .set(MAX_PENDING_REQUESTS, "5")
                .set(PENDING_TTL, "PT8H")
                .set(END_SESSIONS_ON_REVOKE, "false");
    }

    @Test
    @DisplayName("when every option is set and valid, then the policy holds exactly those values")
    void fullConfig() {
        Policy policy = full().build();

        assertAll(
                () -> assertEquals(PolicyFixtures.ID, policy.id()),
                () -> assertEquals(PolicyFixtures.NAME, policy.name()),
                () -> assertEquals(
                        Pin.of("ops-console.prod-maintainer", "ops-console.prod-maintainer"),
                        policy.target().pin()),
                () -> assertEquals("Maintenance of production", policy.description()),
                () -> assertEquals(
                        new Eligibility(
                                TestPins.users("alice", "bob"),
                                TestPins.groups("/engineering/sre", "/oncall"),
                                TestPins.roles("sre", "ops-console.viewer"),
                                TestPins.clients("ci-bot")),
                        policy.eligibility()),
                () -> assertEquals(
                        new ApprovalRule(TestPins.groups("/approvers"), TestPins.roles("security-lead"), 2, false),
                        policy.approval()),
                () -> assertEquals(new DurationRule(Duration.ofMinutes(30), Duration.ofHours(4)), policy.duration()),
                () -> assertEquals(300, policy.requesterMfaMaxAgeSeconds()),
                () -> assertEquals(600, policy.approverMfaMaxAgeSeconds()),
                () -> assertTextRule(
                        policy.justification(), "justification", true, "(?s).{10,}", "At least ten characters", 2000),
                () -> assertTextRule(policy.ticket(), "ticket", true, "[A-Z]+-\\d+", "A ticket such as OPS-123", 200),
                () -> assertEquals(
                        new AllowedHours(
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                Optional.of(LocalTime.of(7, 0)),
                                Optional.of(LocalTime.of(20, 0)),
                                ZoneId.of("Europe/Paris")),
                        policy.hours()),
                () -> assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), ranges(policy)),
                () -> assertEquals(2, policy.maxActiveGrants()),
                () -> assertEquals(5, policy.maxPendingRequests()),
                () -> assertEquals(Duration.ofHours(8), policy.pendingTtl()),
                () -> assertFalse(policy.endSessionsOnRevoke()));
    }

    @Test
    @DisplayName("when only the role and an approver group are set, then every other option takes its default")
    void defaults() {
        Policy policy = PolicyFixtures.policy().build();

        assertAll(
                () -> assertEquals(
                        Pin.of("prod-admin", "prod-admin"), policy.target().pin()),
                () -> assertEquals("", policy.description()),
                () -> assertTrue(policy.eligibility().isEmpty()),
                () -> assertEquals(1, policy.approval().required()),
                () -> assertFalse(policy.approval().autoApprove()),
                () -> assertEquals(
                        TestPins.groups("/approvers"), policy.approval().groups()),
                () -> assertEquals(Duration.ofHours(1), policy.duration().maxDuration()),
                () -> assertEquals(Duration.ofHours(1), policy.duration().defaultDuration()),
                () -> assertEquals(0, policy.requesterMfaMaxAgeSeconds()),
                () -> assertEquals(300, policy.approverMfaMaxAgeSeconds()),
                () -> assertTextRule(policy.justification(), "justification", true, null, "", 2000),
                () -> assertTextRule(policy.ticket(), "ticket", false, null, "", 200),
                () -> assertEquals(AllowedHours.ALWAYS, policy.hours()),
                () -> assertTrue(policy.networks().ranges().isEmpty()),
                () -> assertEquals(1, policy.maxActiveGrants()),
                () -> assertEquals(3, policy.maxPendingRequests()),
                () -> assertEquals(Duration.ofHours(24), policy.pendingTtl()),
                () -> assertTrue(policy.endSessionsOnRevoke()));
    }

    @Test
    @DisplayName("when the maximum duration is below one hour and no default is set, then the default is the maximum")
    void defaultFollowsShortMaximum() {
        DurationRule rule =
                PolicyFixtures.policy().set(MAX_DURATION, "PT30M").build().duration();

        assertEquals(new DurationRule(Duration.ofMinutes(30), Duration.ofMinutes(30)), rule);
    }

    @Test
    @DisplayName("when the maximum duration is above one hour and no default is set, then the default is one hour")
    void defaultIsOneHourUnderLongMaximum() {
        DurationRule rule =
                PolicyFixtures.policy().set(MAX_DURATION, "PT8H").build().duration();

        assertEquals(new DurationRule(Duration.ofHours(1), Duration.ofHours(8)), rule);
    }

    @Test
    @DisplayName("when the policy has no name, then it is called (unnamed)")
    void unnamed() {
        Map<String, List<String>> config = PolicyFixtures.policy().config();

        assertEquals("(unnamed)", PolicyReader.read("p", null, config).name());
        assertEquals("(unnamed)", PolicyReader.read("p", "  ", config).name());
    }

    @Test
    @DisplayName("when the config holds keys the reader does not know, then they are ignored")
    void unknownKeysIgnored() {
        Policy plain = full().build();
        Policy withExtras = full().set("realm", "acme")
                .set("providerId", "jit-policy")
                .set("parentId", "acme")
                .set("providerType", "io.jitaccess.PolicyProvider")
                .set("roles", "not-the-role-key")
                .set("maxduration", "not a duration")
                .build();

        assertSamePolicy(plain, withExtras);
    }

    @Test
    @DisplayName("when multivalued options list their values in another order, then the policy is the same")
    void orderIrrelevant() {
        Policy forward = full().build();
        Map<String, List<String>> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(full().config().keySet());
        Collections.reverse(keys);
        for (String key : keys) {
            List<String> values = new ArrayList<>(full().config().get(key));
            Collections.reverse(values);
            reversed.put(key, values);
        }

        PolicyFixtures.Builder reversedBuilder = PolicyFixtures.emptyConfig();
        reversed.forEach((key, values) -> reversedBuilder.set(key, values.toArray(String[]::new)));
        assertSamePolicy(forward, reversedBuilder.build());
    }

    @Test
    @DisplayName("when multivalued options are joined with ## or commas in one value, then they are split")
    void joinedValuesSplit() {
        Policy joined = full().set(ELIGIBLE_USERS, "bob##alice")
                .set(ELIGIBLE_GROUPS, "/oncall##engineering/sre/")
                .set(ELIGIBLE_ROLES, "ops-console.viewer## sre ")
                .set(ALLOWED_DAYS, "MONDAY##TUESDAY##WEDNESDAY", "THURSDAY,FRIDAY")
                .set(ALLOWED_NETWORKS, "2001:db8::/32##10.0.0.0/8")
                .build();

        assertSamePolicy(full().build(), joined);
    }

    @Test
    @DisplayName("when group paths lack the leading slash or have a trailing one, then they are normalized")
    void groupPathsNormalized() {
        Policy policy = PolicyFixtures.policy()
                .set(ELIGIBLE_GROUPS, "engineering", "/sales/", "ops/sre/", "/")
                .set(APPROVER_GROUPS, "approvers/")
                .build();

        assertEquals(
                TestPins.groups("/engineering", "/sales", "/ops/sre", "/"),
                policy.eligibility().groups());
        assertEquals(TestPins.groups("/approvers"), policy.approval().groups());
    }

    @Test
    @DisplayName(
            "when a single-valued option has blank values before the real one, then the first non-blank value counts, stripped")
    void firstNonBlankValue() {
        Policy policy = PolicyFixtures.policy()
                .set(MAX_DURATION, "", "  ", " PT2H ", "PT3H")
                .build();

        assertEquals(Duration.ofHours(2), policy.duration().maxDuration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "on"})
    @DisplayName("when a switch is true, TRUE or on, then it is on")
    void switchOn(String value) {
        Policy policy = PolicyFixtures.policy()
                .set(TICKET_REQUIRED, value)
                .set(AUTO_APPROVE, value)
                .build();

        assertTrue(policy.ticket().required());
        assertTrue(policy.approval().autoApprove());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "off"})
    @DisplayName("when a switch is false, FALSE or off, then it is off")
    void switchOff(String value) {
        Policy policy = PolicyFixtures.policy()
                .set(JUSTIFICATION_REQUIRED, value)
                .set(END_SESSIONS_ON_REVOKE, value)
                .build();

        assertFalse(policy.justification().required());
        assertFalse(policy.endSessionsOnRevoke());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "ture", "1", "yes please"})
    @DisplayName("when a switch is anything else, then the policy is invalid rather than silently off")
    void switchTypo(String value) {
        InvalidPolicy invalid = assertThrows(
                InvalidPolicy.class,
                () -> PolicyFixtures.policy().set(JUSTIFICATION_REQUIRED, value).build());

        assertTrue(
                invalid.problems().get(0).contains("must be true or false"),
                invalid.problems().toString());
    }

    @Test
    @DisplayName("when automatic approval is on, then no approvers are needed")
    void autoApproveWithoutApprovers() {
        Policy policy = PolicyFixtures.policy()
                .without(APPROVER_GROUPS)
                .set(AUTO_APPROVE, "true")
                .build();

        assertTrue(policy.approval().autoApprove());
        assertFalse(policy.approval().hasApprovers());
    }

    @Test
    @DisplayName("when the target is a group, then the policy grants its membership, pinned by path as typed")
    void groupTarget() {
        Policy policy =
                PolicyFixtures.policy().without(ROLE).set(GROUP, "oncall/db/").build();

        assertAll(
                () -> assertEquals(Target.Kind.GROUP, policy.target().kind()),
                () -> assertTrue(policy.target().isGroup()),
                () -> assertEquals("group", policy.target().noun()),
                () -> assertEquals(
                        TestPins.groups("/oncall/db").iterator().next(),
                        policy.target().pin()));
    }

    @Test
    @DisplayName("when the target is a role, then it is not a group")
    void roleTarget() {
        Policy policy = PolicyFixtures.policy().build();

        assertEquals(Target.role(Pin.of("prod-admin", "prod-admin")), policy.target());
        assertEquals("role", policy.target().noun());
    }

    @Test
    @DisplayName("when approvers are only roles, then the policy is valid")
    void approverRolesOnly() {
        Policy policy = PolicyFixtures.policy()
                .without(APPROVER_GROUPS)
                .set(APPROVER_ROLES, "security-lead")
                .build();

        assertEquals(TestPins.roles("security-lead"), policy.approval().roles());
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                invalid("missing role", b -> b.without(ROLE), "Choose the target role or the target group."),
                invalid("blank role", b -> b.set(ROLE, "  "), "Choose the target role or the target group."),
                invalid(
                        "both a role and a group",
                        b -> b.set(GROUP, "/oncall"),
                        "Choose a target role or a target group, not both: a policy grants one of them."),
                invalid(
                        "pattern RE2 cannot run (a backreference)",
                        b -> b.set(TICKET_PATTERN, "([A-Z])\\1-[0-9]+"),
                        "Ticket pattern is not a valid regular expression: invalid escape sequence."),
                invalid(
                        "no approvers and no auto-approve",
                        b -> b.without(APPROVER_GROUPS),
                        "Name approver groups or roles, or turn on automatic approval."),
                invalid(
                        "no approvers, auto-approve off",
                        b -> b.without(APPROVER_GROUPS).set(AUTO_APPROVE, "false"),
                        "Name approver groups or roles, or turn on automatic approval."),
                invalid(
                        "default above max",
                        b -> b.set(DEFAULT_DURATION, "PT2H").set(MAX_DURATION, "PT1H"),
                        "The default duration (2 h) is longer than the maximum (1 h)."),
                invalid(
                        "default above default max",
                        b -> b.set(DEFAULT_DURATION, "PT90M"),
                        "The default duration (1 h 30 min) is longer than the maximum (1 h)."),
                invalid(
                        "unreadable max duration",
                        b -> b.set(MAX_DURATION, "abc"),
                        "Maximum duration must be an ISO-8601 duration such as PT30M or PT4H, not 'abc'."),
                invalid(
                        "unreadable max duration with default",
                        b -> b.set(MAX_DURATION, "4h").set(DEFAULT_DURATION, "PT1H"),
                        "Maximum duration must be an ISO-8601 duration such as PT30M or PT4H, not '4h'."),
                invalid(
                        "zero max duration",
                        b -> b.set(MAX_DURATION, "PT0S"),
                        "Maximum duration must be longer than zero."),
                invalid(
                        "negative default duration",
                        b -> b.set(DEFAULT_DURATION, "-PT5M"),
                        "Default duration must be longer than zero."),
                invalid(
                        "unreadable default duration",
                        b -> b.set(DEFAULT_DURATION, "30"),
                        "Default duration must be an ISO-8601 duration such as PT30M or PT4H, not '30'."),
                invalid(
                        "overflowing duration",
                        b -> b.set(MAX_DURATION, "PT9999999999999999H"),
                        "Maximum duration must be an ISO-8601 duration such as PT30M or PT4H, not 'PT9999999999999999H'."),
                invalid(
                        "negative pending ttl",
                        b -> b.set(PENDING_TTL, "P-1D"),
                        "Pending request lifetime must be longer than zero."),
                invalid(
                        "unreadable pending ttl",
                        b -> b.set(PENDING_TTL, "tomorrow"),
                        "Pending request lifetime must be an ISO-8601 duration such as PT30M or PT4H, not 'tomorrow'."),
                invalid(
                        "bad justification regex",
                        b -> b.set(JUSTIFICATION_PATTERN, "[a-z"),
                        "Justification pattern is not a valid regular expression: missing closing ]."),
                invalid(
                        "bad ticket regex",
                        b -> b.set(TICKET_PATTERN, "(OPS-\\d+"),
                        "Ticket pattern is not a valid regular expression: missing closing )."),
                invalid(
                        "CIDR prefix out of range",
                        b -> b.set(ALLOWED_NETWORKS, "10.0.0.0/8", "10.0.0.0/33"),
                        "Allowed networks: '10.0.0.0/33' has a prefix length outside 0-32."),
                invalid(
                        "host name as network",
                        b -> b.set(ALLOWED_NETWORKS, "localhost"),
                        "Allowed networks: 'localhost' is not an IP range in CIDR notation such as 10.0.0.0/8 or 2001:db8::/32."),
                invalid(
                        "bad day",
                        b -> b.set(ALLOWED_DAYS, "MONDAY", "Funday"),
                        "'Funday' is not a day of the week (MONDAY to SUNDAY)."),
                invalid(
                        "abbreviated day",
                        b -> b.set(ALLOWED_DAYS, "Mon"),
                        "'Mon' is not a day of the week (MONDAY to SUNDAY)."),
                invalid(
                        "bad start time",
                        b -> b.set(ALLOWED_FROM, "25:00").set(ALLOWED_TO, "06:00"),
                        "Allowed from must be a time of day such as 07:00, not '25:00'."),
                invalid(
                        "bad end time",
                        b -> b.set(ALLOWED_FROM, "07:00").set(ALLOWED_TO, "8pm"),
                        "Allowed until must be a time of day such as 07:00, not '8pm'."),
                invalid(
                        "bad zone",
                        b -> b.set(TIME_ZONE, "Mars/Olympus_Mons"),
                        "'Mars/Olympus_Mons' is not a time zone such as Europe/Paris or UTC."),
                invalid(
                        "only start of hours",
                        b -> b.set(ALLOWED_FROM, "07:00"),
                        "Give both ends of the allowed hours, or neither."),
                invalid(
                        "only end of hours",
                        b -> b.set(ALLOWED_TO, "20:00"),
                        "Give both ends of the allowed hours, or neither."),
                invalid(
                        "hours start where they end",
                        b -> b.set(ALLOWED_FROM, "09:00").set(ALLOWED_TO, "09:00"),
                        "The allowed hours start and end at the same time."),
                invalid(
                        "non-numeric required approvals",
                        b -> b.set(REQUIRED_APPROVALS, "two"),
                        "Required approvals must be a whole number, not 'two'."),
                invalid(
                        "zero required approvals",
                        b -> b.set(REQUIRED_APPROVALS, "0"),
                        "Required approvals must be between 1 and 100."),
                invalid(
                        "too many required approvals",
                        b -> b.set(REQUIRED_APPROVALS, "101"),
                        "Required approvals must be between 1 and 100."),
                invalid(
                        "fractional max active grants",
                        b -> b.set(MAX_ACTIVE_GRANTS, "1.5"),
                        "Maximum active grants must be a whole number, not '1.5'."),
                invalid(
                        "zero max active grants",
                        b -> b.set(MAX_ACTIVE_GRANTS, "0"),
                        "Maximum active grants must be between 1 and 1000."),
                invalid(
                        "too many max pending",
                        b -> b.set(MAX_PENDING_REQUESTS, "1001"),
                        "Maximum pending requests must be between 1 and 1000."),
                invalid(
                        "overflowing integer",
                        b -> b.set(MAX_PENDING_REQUESTS, "99999999999"),
                        "Maximum pending requests must be a whole number, not '99999999999'."),
                invalid(
                        "negative requester MFA age",
                        b -> b.set(REQUESTER_MFA_MAX_AGE, "-1"),
                        "Requester MFA freshness must be between 0 and 2147483647."),
                invalid(
                        "non-numeric approver MFA age",
                        b -> b.set(APPROVER_MFA_MAX_AGE, "5m"),
                        "Approver MFA freshness must be a whole number, not '5m'."));
    }

    private static Arguments invalid(
            String what, java.util.function.UnaryOperator<PolicyFixtures.Builder> change, String problem) {
        return Arguments.of(what, change, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    @DisplayName("when an option is invalid, then reading fails with an InvalidPolicy that names the problem")
    void invalidOption(String what, java.util.function.UnaryOperator<PolicyFixtures.Builder> change, String problem) {
        InvalidPolicy invalid = change.apply(PolicyFixtures.policy()).invalid();

        assertTrue(invalid.problems().contains(problem), () -> "expected <" + problem + "> in " + invalid.problems());
        assertTrue(
                invalid.getMessage().startsWith("Policy '" + PolicyFixtures.NAME + "' is invalid: "),
                invalid.getMessage());
        assertTrue(invalid.getMessage().contains(problem), invalid.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    @DisplayName("when an option is invalid, then no problem message contains a brace, which MessageFormat would eat")
    void noBracesInProblems(
            String what, java.util.function.UnaryOperator<PolicyFixtures.Builder> change, String problem) {
        for (String message : change.apply(PolicyFixtures.policy()).problems()) {
            assertFalse(message.contains("{") || message.contains("}"), message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x{2,1}", "a{1001}", "[{]{2,1}", "(?<{name}>x)"})
    @DisplayName("when a bad regular expression contains braces, then the problem message still contains none")
    void noBracesFromBadRegex(String regex) {
        List<String> problems = PolicyFixtures.policy()
                .set(JUSTIFICATION_PATTERN, regex)
                .set(TICKET_PATTERN, regex)
                .problems();

        assertEquals(2, problems.size(), problems::toString);
        for (String message : problems) {
            assertFalse(message.contains("{") || message.contains("}"), message);
        }
    }

    @Test
    @DisplayName("when many options are invalid at once, then every problem is listed, in reading order")
    void allProblemsCollected() {
        List<String> problems = PolicyFixtures.emptyConfig()
                .set(REQUIRED_APPROVALS, "two")
                .set(DEFAULT_DURATION, "PT8H")
                .set(MAX_DURATION, "PT4H")
                .set(REQUESTER_MFA_MAX_AGE, "-5")
                .set(TICKET_PATTERN, "(")
                .set(ALLOWED_DAYS, "MONDAY", "Caturday")
                .set(ALLOWED_FROM, "07:00")
                .set(TIME_ZONE, "Nowhere/Land")
                .set(ALLOWED_NETWORKS, "10.0.0.0/8", "example.com", "::/129")
                .set(MAX_ACTIVE_GRANTS, "0")
                .set(PENDING_TTL, "PT0S")
                .problems();

        assertEquals(
                List.of(
                        "Choose the target role or the target group.",
                        "Required approvals must be a whole number, not 'two'.",
                        "Name approver groups or roles, or turn on automatic approval.",
                        "The default duration (8 h) is longer than the maximum (4 h).",
                        "Requester MFA freshness must be between 0 and 2147483647.",
                        "Ticket pattern is not a valid regular expression: missing closing ).",
                        "'Caturday' is not a day of the week (MONDAY to SUNDAY).",
                        "'Nowhere/Land' is not a time zone such as Europe/Paris or UTC.",
                        "Give both ends of the allowed hours, or neither.",
                        "Allowed networks: 'example.com' is not an IP range in CIDR notation such as 10.0.0.0/8 or 2001:db8::/32.",
                        "Allowed networks: '::/129' has a prefix length outside 0-128.",
                        "Maximum active grants must be between 1 and 1000.",
                        "Pending request lifetime must be longer than zero."),
                problems);
    }

    @Test
    @DisplayName("when both durations are unreadable, then both problems are listed and the comparison is skipped")
    void bothDurationsUnreadable() {
        List<String> problems = PolicyFixtures.policy()
                .set(MAX_DURATION, "forever")
                .set(DEFAULT_DURATION, "PT-1H")
                .problems();

        assertEquals(
                List.of(
                        "Maximum duration must be an ISO-8601 duration such as PT30M or PT4H, not 'forever'.",
                        "Default duration must be longer than zero."),
                problems);
    }

    @Test
    @DisplayName("when the config is valid, then reading it twice gives the same policy")
    void deterministic() {
        assertDoesNotThrow(() -> assertSamePolicy(full().build(), full().build()));
    }

    // --- helpers ---

    private static List<String> ranges(Policy policy) {
        return policy.networks().ranges().stream().map(Cidr::toString).toList();
    }

    private static void assertTextRule(
            TextRule rule, String field, boolean required, String pattern, String hint, int maxLength) {
        assertEquals(field, rule.field());
        assertEquals(required, rule.required());
        assertEquals(Optional.ofNullable(pattern), rule.pattern().map(Pattern::pattern));
        assertEquals(hint, rule.hint());
        assertEquals(maxLength, rule.maxLength());
    }

    /** Policies hold Patterns and Cidrs, which have no equals: compare them by their text. */
    private static void assertSamePolicy(Policy expected, Policy actual) {
        assertAll(
                () -> assertEquals(expected.id(), actual.id()),
                () -> assertEquals(expected.name(), actual.name()),
                () -> assertEquals(expected.target(), actual.target()),
                () -> assertEquals(expected.description(), actual.description()),
                () -> assertEquals(expected.eligibility(), actual.eligibility()),
                () -> assertEquals(expected.approval(), actual.approval()),
                () -> assertEquals(expected.duration(), actual.duration()),
                () -> assertEquals(expected.requesterMfaMaxAgeSeconds(), actual.requesterMfaMaxAgeSeconds()),
                () -> assertEquals(expected.approverMfaMaxAgeSeconds(), actual.approverMfaMaxAgeSeconds()),
                () -> assertEquals(textRule(expected.justification()), textRule(actual.justification())),
                () -> assertEquals(textRule(expected.ticket()), textRule(actual.ticket())),
                () -> assertEquals(expected.hours(), actual.hours()),
                () -> assertEquals(Set.copyOf(ranges(expected)), Set.copyOf(ranges(actual))),
                () -> assertEquals(expected.maxActiveGrants(), actual.maxActiveGrants()),
                () -> assertEquals(expected.maxPendingRequests(), actual.maxPendingRequests()),
                () -> assertEquals(expected.pendingTtl(), actual.pendingTtl()),
                () -> assertEquals(expected.endSessionsOnRevoke(), actual.endSessionsOnRevoke()));
    }

    private static List<Object> textRule(TextRule rule) {
        return List.of(
                rule.field(),
                rule.required(),
                rule.pattern().map(Pattern::pattern),
                rule.hint(),
                rule.maxLength(),
                rule.missing(),
                rule.invalid());
    }
}
