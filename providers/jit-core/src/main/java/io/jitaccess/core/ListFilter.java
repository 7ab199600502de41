package io.jitaccess.core;

/**
 * The admin API's list filters: who (user name), which role (name and client), which status, and a time range in
 * epoch milliseconds ({@code from <= time < to}). Any of them may be null: not filtered.
 */
public record ListFilter(String user, String role, String client, String status, Long from, Long to) {}
