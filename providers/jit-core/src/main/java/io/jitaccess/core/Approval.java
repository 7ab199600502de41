package io.jitaccess.core;

import java.time.Instant;

/** One approver's recorded decision on a request. */
public record Approval(String approverId, String approverName, Verdict verdict, String comment, Instant decidedAt) {}
