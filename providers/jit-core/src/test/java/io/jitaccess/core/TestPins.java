package io.jitaccess.core;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the tests' imaginary realm pins names: a user {@code alice} has id {@code id-alice} (as {@link FakeSubject}
 * gives), a client {@code ci-bot} has id {@code client-ci-bot}, and a group or role has its name as id.
 */
final class TestPins {

    private TestPins() {}

    static String idOf(PolicyNames.Kind kind, String name) {
        return switch (kind) {
            case USER -> "id-" + name;
            case CLIENT -> "client-" + name;
            case GROUP, ROLE -> name;
        };
    }

    static Set<Pin> users(String... names) {
        return pins(PolicyNames.Kind.USER, names);
    }

    static Set<Pin> clients(String... names) {
        return pins(PolicyNames.Kind.CLIENT, names);
    }

    static Set<Pin> groups(String... names) {
        return pins(PolicyNames.Kind.GROUP, names);
    }

    static Set<Pin> roles(String... names) {
        return pins(PolicyNames.Kind.ROLE, names);
    }

    private static Set<Pin> pins(PolicyNames.Kind kind, String... names) {
        return Arrays.stream(names).map(name -> Pin.of(name, idOf(kind, name))).collect(Collectors.toUnmodifiableSet());
    }
}
