package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policies for tests, built the way the realm stores them: a config map read by {@link PolicyReader}. */
final class PolicyFixtures {

    static final String ID = "policy-1";
    static final String NAME = "Prod maintenance";

    private PolicyFixtures() {}

    /** The smallest valid policy: a target role and an approver group; everything else defaults. */
    static Builder policy() {
        return new Builder().set(PolicyKeys.ROLE, "prod-admin").set(PolicyKeys.APPROVER_GROUPS, "/approvers");
    }

    /** No keys at all. */
    static Builder emptyConfig() {
        return new Builder();
    }

    static final class Builder {

        private final Map<String, List<String>> config = new LinkedHashMap<>();

        /** Sets a key to these values (one value, or several for a multivalued key). */
        Builder set(String key, String... values) {
            config.put(key, List.of(values));
            return this;
        }

        Builder without(String key) {
            config.remove(key);
            return this;
        }

        Map<String, List<String>> config() {
            return new LinkedHashMap<>(config);
        }

        /** Reads the config; names without a pin of the test's own are pinned as {@link TestPins} pins them. */
        Policy build() {
            Map<String, List<String>> pinned = config();
            PolicyNames.of(pinned)
                    .forEach((key, names) -> pinned.computeIfAbsent(PolicyNames.pinKey(key), k -> names.stream()
                            .map(name -> Pin.of(name, TestPins.idOf(PolicyNames.kindOf(key), name))
                                    .stored())
                            .toList()));
            return PolicyReader.read(ID, NAME, pinned);
        }

        /** Reads the config, expecting it to be invalid, and returns the problems. */
        List<String> problems() {
            return invalid().problems();
        }

        InvalidPolicy invalid() {
            return assertThrows(InvalidPolicy.class, this::build);
        }
    }
}
