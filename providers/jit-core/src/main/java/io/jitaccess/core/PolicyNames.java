package io.jitaccess.core;

import static io.jitaccess.core.PolicyKeys.*;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries of a policy that name realm objects (its target role or group, eligible users, service accounts, groups
 * and roles, approver groups and roles), read from the stored options the way the rules read them, and the
 * ids the server pinned them to ({@code jit.pin.<key>} options, written by the server only).
 */
public final class PolicyNames {

    /** What kind of realm object the names of a key refer to. */
    public enum Kind {
        ROLE,
        USER,
        CLIENT,
        GROUP
    }

    /** The keys whose names are pinned, in the order problems are reported. */
    public static final List<String> PINNED_KEYS = List.of(
            ROLE,
            GROUP,
            ELIGIBLE_USERS,
            ELIGIBLE_SERVICE_ACCOUNTS,
            ELIGIBLE_GROUPS,
            ELIGIBLE_ROLES,
            APPROVER_GROUPS,
            APPROVER_ROLES);

    private static final String PIN_PREFIX = "jit.pin.";

    private PolicyNames() {}

    public static Kind kindOf(String key) {
        return switch (key) {
            case ROLE, ELIGIBLE_ROLES, APPROVER_ROLES -> Kind.ROLE;
            case ELIGIBLE_USERS -> Kind.USER;
            case ELIGIBLE_SERVICE_ACCOUNTS -> Kind.CLIENT;
            case GROUP, ELIGIBLE_GROUPS, APPROVER_GROUPS -> Kind.GROUP;
            default -> throw new IllegalArgumentException("not a key that names realm objects: " + key);
        };
    }

    /** The option that holds the pins of {@code key}. */
    public static String pinKey(String key) {
        return PIN_PREFIX + key;
    }

    /** Whether an option is one the server writes (pins, who saved the policy): a client's value is never kept. */
    public static boolean isServerKey(String key) {
        return key != null && key.startsWith("jit.");
    }

    /** The names of every pinned key, normalised (group paths start with one slash and end without one). */
    public static Map<String, Set<String>> of(Map<String, List<String>> config) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (String key : PINNED_KEYS) {
            Set<String> values = key.equals(ROLE) || key.equals(GROUP) ? first(config, key) : values(config, key);
            if (kindOf(key) == Kind.GROUP) {
                Set<String> paths = new LinkedHashSet<>();
                values.forEach(path -> paths.add(groupPath(path)));
                values = paths;
            }
            names.put(key, values);
        }
        return names;
    }

    /** The pins stored for each key, by name. */
    public static Map<String, Map<String, Pin>> pins(Map<String, List<String>> config) {
        Map<String, Map<String, Pin>> pins = new HashMap<>();
        for (String key : PINNED_KEYS) {
            Map<String, Pin> byName = new HashMap<>();
            for (String stored : config.getOrDefault(pinKey(key), List.of())) {
                if (stored != null && !stored.isBlank()) {
                    Pin pin = Pin.parse(stored);
                    byName.put(pin.name(), pin);
                }
            }
            pins.put(key, byName);
        }
        return pins;
    }

    /** The values of a multivalued option; values joined with "##" (how Keycloak stores some) or commas are split. */
    static Set<String> values(Map<String, List<String>> config, String key) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : config.getOrDefault(key, List.of())) {
            if (value == null) {
                continue;
            }
            for (String part : value.split("##|,")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static Set<String> first(Map<String, List<String>> config, String key) {
        return config.getOrDefault(key, List.of()).stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .findFirst()
                .map(Set::of)
                .orElse(Set.of());
    }

    static String groupPath(String path) {
        String normalized = path.startsWith("/") ? path : "/" + path;
        if (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }
}
