package io.jitaccess.core;

/** An approver's answer to a request. */
public enum Verdict {
    APPROVE,
    DENY
}
