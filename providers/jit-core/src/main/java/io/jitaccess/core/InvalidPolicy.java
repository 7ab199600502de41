package io.jitaccess.core;

import java.util.List;

/** A policy's configuration cannot be used; {@link #problems()} says why, one sentence each. */
public final class InvalidPolicy extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidPolicy(String policyName, List<String> problems) {
        super("Policy '" + policyName + "' is invalid: " + String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
