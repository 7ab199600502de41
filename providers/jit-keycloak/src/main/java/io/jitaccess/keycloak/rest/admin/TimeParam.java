package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.keycloak.rest.ApiError;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A time query parameter: ISO-8601 instant ({@code 2026-11-24T10:00:00Z}) or epoch milliseconds. */
final class TimeParam {

    private TimeParam() {}

    static long parse(String name, String value, long dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        String text = value.strip();
        try {
            if (text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
                return Long.parseLong(text);
            }
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw ApiError.of(
                    400,
                    "invalid_input",
                    name + " must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, or epoch milliseconds.");
        }
    }
}
