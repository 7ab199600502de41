package io.jitaccess.core;

import java.time.Duration;
import java.time.Instant;

/** A request that passed every rule: what to store, when it lapses, and whether it is approved at once. */
public record AdmittedRequest(
        Duration duration, String justification, String ticket, Instant expiresAt, boolean autoApproved) {}
