package io.jitaccess.core;

import static io.jitaccess.core.PolicyKeys.*;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a policy from its stored configuration (key → values). Keys it does not know are ignored, and the
 * order of multivalued values does not matter. Every problem is collected, so an admin sees them all at once.
 * Messages contain no braces: Keycloak passes validation messages through {@code MessageFormat}.
 */
public final class PolicyReader {

    /** Approver MFA freshness when a policy does not set it: a decision needs a second factor of this moment. */
    public static final long DEFAULT_APPROVER_MFA_MAX_AGE = 300;

    private final Map<String, List<String>> config;
    private final Map<String, Set<String>> names;
    private final Map<String, Map<String, Pin>> pins;
    private final List<String> problems = new ArrayList<>();

    private PolicyReader(Map<String, List<String>> config) {
        this.config = config;
        this.names = PolicyNames.of(config);
        this.pins = PolicyNames.pins(config);
    }

    /** @throws InvalidPolicy listing every problem */
    public static Policy read(String id, String name, Map<String, List<String>> config) {
        return new PolicyReader(config).policy(id, name);
    }

    private Policy policy(String id, String name) {
        String policyName = name == null || name.isBlank() ? "(unnamed)" : name;
        Target target = target();
        Eligibility eligibility = new Eligibility(
                pinned(ELIGIBLE_USERS),
                pinned(ELIGIBLE_GROUPS),
                pinned(ELIGIBLE_ROLES),
                pinned(ELIGIBLE_SERVICE_ACCOUNTS));
        int required = integer(REQUIRED_APPROVALS, 1, 1, 100);
        boolean autoApprove = bool(AUTO_APPROVE, false);
        ApprovalRule approval =
                new ApprovalRule(pinned(APPROVER_GROUPS), pinned(APPROVER_ROLES), Math.max(1, required), autoApprove);
        if (!autoApprove && !approval.hasApprovers()) {
            problems.add("Name approver groups or roles, or turn on automatic approval.");
        }
        Duration max = duration(MAX_DURATION, Duration.ofHours(1));
        Duration dflt = duration(
                DEFAULT_DURATION, max != null && max.compareTo(Duration.ofHours(1)) < 0 ? max : Duration.ofHours(1));
        DurationRule durations = null;
        if (max != null && dflt != null) {
            if (dflt.compareTo(max) > 0) {
                problems.add("The default duration (" + Durations.human(dflt) + ") is longer than the maximum ("
                        + Durations.human(max) + ").");
            } else {
                durations = new DurationRule(dflt, max);
            }
        }
        long requesterMfa = integer(REQUESTER_MFA_MAX_AGE, 0, 0, Integer.MAX_VALUE);
        long approverMfa = integer(APPROVER_MFA_MAX_AGE, (int) DEFAULT_APPROVER_MFA_MAX_AGE, 0, Integer.MAX_VALUE);
        TextRule justification = TextRule.justification(
                bool(JUSTIFICATION_REQUIRED, true),
                pattern(JUSTIFICATION_PATTERN),
                single(JUSTIFICATION_HINT).orElse(""));
        TextRule ticket = TextRule.ticket(
                bool(TICKET_REQUIRED, false),
                pattern(TICKET_PATTERN),
                single(TICKET_HINT).orElse(""));
        AllowedHours hours = hours();
        AllowedNetworks networks = networks();
        int maxActive = integer(MAX_ACTIVE_GRANTS, 1, 1, 1000);
        int maxPending = integer(MAX_PENDING_REQUESTS, 3, 1, 1000);
        Duration ttl = duration(PENDING_TTL, Duration.ofHours(24));
        boolean endSessions = bool(END_SESSIONS_ON_REVOKE, true);
        if (!problems.isEmpty()) {
            throw new InvalidPolicy(policyName, problems);
        }
        return new Policy(
                id,
                policyName,
                target,
                single(DESCRIPTION).orElse(""),
                eligibility,
                approval,
                durations,
                requesterMfa,
                approverMfa,
                justification,
                ticket,
                hours,
                networks,
                maxActive,
                maxPending,
                ttl,
                endSessions);
    }

    /** The role or the group the policy grants: exactly one of the two. */
    private Target target() {
        Pin role = pinned(ROLE).stream().findFirst().orElse(null);
        Pin group = pinned(GROUP).stream().findFirst().orElse(null);
        if (role != null && group != null) {
            problems.add("Choose a target role or a target group, not both: a policy grants one of them.");
            return null;
        }
        if (role == null && group == null) {
            problems.add("Choose the target role or the target group.");
            return null;
        }
        return role != null ? Target.role(role) : Target.group(group);
    }

    private Optional<String> single(String key) {
        return config.getOrDefault(key, List.of()).stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .findFirst();
    }

    /** The entries of a key that names realm objects, each with the id it was pinned to (void when none was). */
    private Set<Pin> pinned(String key) {
        Set<Pin> entries = new LinkedHashSet<>();
        for (String name : names.get(key)) {
            entries.add(pins.get(key).getOrDefault(name, Pin.unresolved(name)));
        }
        return entries;
    }

    private Set<String> set(String key) {
        return PolicyNames.values(config, key);
    }

    private boolean bool(String key, boolean dflt) {
        Optional<String> text = single(key);
        if (text.isEmpty()) {
            return dflt;
        }
        String value = text.get().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("on")) {
            return true;
        }
        if (value.equals("false") || value.equals("off")) {
            return false;
        }
        problems.add(label(key) + " must be true or false, not '" + text.get() + "'.");
        return dflt;
    }

    private int integer(String key, int dflt, int min, int max) {
        Optional<String> text = single(key);
        if (text.isEmpty()) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                problems.add(label(key) + " must be between " + min + " and " + max + ".");
                return dflt;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(label(key) + " must be a whole number, not '" + text.get() + "'.");
            return dflt;
        }
    }

    private Duration duration(String key, Duration dflt) {
        Optional<String> text = single(key);
        if (text.isEmpty()) {
            return dflt;
        }
        try {
            Duration value = Duration.parse(text.get());
            if (value.isNegative() || value.isZero()) {
                problems.add(label(key) + " must be longer than zero.");
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            problems.add(label(key) + " must be an ISO-8601 duration such as PT30M or PT4H, not '" + text.get() + "'.");
            return null;
        }
    }

    private Optional<Pattern> pattern(String key) {
        return single(key).map(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                problems.add(label(key) + " is not a valid regular expression: " + e.getDescription() + ".");
                return null;
            }
        });
    }

    private AllowedHours hours() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : set(ALLOWED_DAYS)) {
            try {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("'" + day + "' is not a day of the week (MONDAY to SUNDAY).");
            }
        }
        Optional<LocalTime> from = time(ALLOWED_FROM);
        Optional<LocalTime> to = time(ALLOWED_TO);
        ZoneId zone = ZoneId.of("UTC");
        Optional<String> zoneText = single(TIME_ZONE);
        if (zoneText.isPresent()) {
            try {
                zone = ZoneId.of(zoneText.get());
            } catch (DateTimeException e) {
                problems.add("'" + zoneText.get() + "' is not a time zone such as Europe/Paris or UTC.");
            }
        }
        if (from.isPresent() != to.isPresent()) {
            problems.add("Give both ends of the allowed hours, or neither.");
            return AllowedHours.ALWAYS;
        }
        if (from.isPresent() && from.get().equals(to.get())) {
            problems.add("The allowed hours start and end at the same time.");
            return AllowedHours.ALWAYS;
        }
        return new AllowedHours(days, from, to, zone);
    }

    private Optional<LocalTime> time(String key) {
        return single(key).map(text -> {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(label(key) + " must be a time of day such as 07:00, not '" + text + "'.");
                return null;
            }
        });
    }

    private AllowedNetworks networks() {
        List<Cidr> ranges = new ArrayList<>();
        for (String text : set(ALLOWED_NETWORKS)) {
            Cidr range = parse(ALLOWED_NETWORKS, text, Cidr::parse);
            if (range != null) {
                ranges.add(range);
            }
        }
        return new AllowedNetworks(ranges);
    }

    private <T> T parse(String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(label(key) + ": " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
            return null;
        }
    }

    private static String label(String key) {
        return switch (key) {
            case REQUIRED_APPROVALS -> "Required approvals";
            case DEFAULT_DURATION -> "Default duration";
            case MAX_DURATION -> "Maximum duration";
            case REQUESTER_MFA_MAX_AGE -> "Requester MFA freshness";
            case APPROVER_MFA_MAX_AGE -> "Approver MFA freshness";
            case JUSTIFICATION_PATTERN -> "Justification pattern";
            case TICKET_PATTERN -> "Ticket pattern";
            case ALLOWED_FROM -> "Allowed from";
            case ALLOWED_TO -> "Allowed until";
            case ALLOWED_NETWORKS -> "Allowed networks";
            case MAX_ACTIVE_GRANTS -> "Maximum active grants";
            case MAX_PENDING_REQUESTS -> "Maximum pending requests";
            case PENDING_TTL -> "Pending request lifetime";
            default -> key;
        };
    }
}
