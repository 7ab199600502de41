package io.jitaccess.core;

/** What a requester typed: the duration (ISO-8601, blank for the default), why, and the ticket. */
public record RequestDraft(String duration, String justification, String ticket) {}
