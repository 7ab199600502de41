package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given the hours in which a policy accepts requests")
class AllowedHoursTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static AllowedHours window(Set<DayOfWeek> days, String from, String to, ZoneId zone) {
        return new AllowedHours(days, Optional.of(LocalTime.parse(from)), Optional.of(LocalTime.parse(to)), zone);
    }

    private static AllowedHours daysOnly(Set<DayOfWeek> days, ZoneId zone) {
        return new AllowedHours(days, Optional.empty(), Optional.empty(), zone);
    }

    @Test
    @DisplayName("the fixed dates these tests use fall on the weekdays they assume")
    void calendarAssumptions() {
        assertEquals(DayOfWeek.MONDAY, LocalDate.parse("2026-03-02").getDayOfWeek());
        assertEquals(DayOfWeek.SUNDAY, LocalDate.parse("2026-03-29").getDayOfWeek());
        assertEquals(DayOfWeek.SUNDAY, LocalDate.parse("2026-10-25").getDayOfWeek());
        assertEquals(
                ZoneOffset.ofHours(1),
                ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, PARIS).getOffset());
        assertEquals(
                ZoneOffset.ofHours(2),
                ZonedDateTime.of(2026, 3, 30, 12, 0, 0, 0, PARIS).getOffset());
        assertEquals(
                ZoneOffset.ofHours(2),
                ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, PARIS).getOffset());
        assertEquals(
                ZoneOffset.ofHours(1),
                ZonedDateTime.of(2026, 10, 26, 12, 0, 0, 0, PARIS).getOffset());
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-02T12:00:00Z, true", // Monday
        "2026-03-03T00:00:00Z, true", // Tuesday
        "2026-03-04T23:59:59Z, true", // Wednesday
        "2026-03-05T12:00:00Z, true", // Thursday
        "2026-03-06T23:59:59Z, true", // Friday
        "2026-03-07T00:00:00Z, false", // Saturday
        "2026-03-08T12:00:00Z, false", // Sunday
        "2026-03-01T23:59:59Z, false" // Sunday
    })
    @DisplayName("when only weekdays are allowed, then every hour of a weekday is admitted and no hour of a weekend")
    void daysFilter(String instant, boolean admitted) {
        assertEquals(admitted, daysOnly(WEEKDAYS, UTC).admits(Instant.parse(instant)));
    }

    @Test
    @DisplayName("when no day is named, then every day is allowed")
    void noDaysMeansEveryDay() {
        AllowedHours hours = daysOnly(Set.of(), UTC);

        assertEquals(EnumSet.allOf(DayOfWeek.class), hours.days());
        assertTrue(hours.isUnlimited());
        assertTrue(hours.admits(Instant.parse("2026-03-07T12:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-01T12:00:00Z, true", // Sunday 12:00 UTC is Monday 01:00 in Auckland
        "2026-03-02T12:00:00Z, false", // Monday 12:00 UTC is Tuesday 01:00 in Auckland
        "2026-03-01T10:59:59Z, false" // still Sunday 23:59:59 in Auckland
    })
    @DisplayName("when a day is allowed, then the day is taken in the policy's time zone, not in UTC")
    void dayInZone(String instant, boolean admitted) {
        assertEquals(
                admitted,
                daysOnly(EnumSet.of(DayOfWeek.MONDAY), ZoneId.of("Pacific/Auckland"))
                        .admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-02T08:59:59.999Z, false",
        "2026-03-02T09:00:00Z,     true",
        "2026-03-02T12:30:00Z,     true",
        "2026-03-02T16:59:59.999Z, true",
        "2026-03-02T17:00:00Z,     false",
        "2026-03-02T23:00:00Z,     false",
        "2026-03-02T00:00:00Z,     false"
    })
    @DisplayName("when the window is 09:00–17:00, then the start is admitted and the end is not")
    void windowEndExclusive(String instant, boolean admitted) {
        assertEquals(admitted, window(Set.of(), "09:00", "17:00", UTC).admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-06T21:59:59Z, false", // Friday evening, before the window
        "2026-03-06T22:00:00Z, true", // Friday 22:00
        "2026-03-06T23:59:59Z, true",
        "2026-03-07T00:00:00Z, true", // Saturday early morning: still Friday's night
        "2026-03-07T03:00:00Z, true",
        "2026-03-07T05:59:59Z, true",
        "2026-03-07T06:00:00Z, false", // the window ends
        "2026-03-07T12:00:00Z, false",
        "2026-03-07T22:00:00Z, false", // Saturday's own night is not allowed
        "2026-03-08T03:00:00Z, false",
        "2026-03-06T03:00:00Z, false", // Friday early morning belongs to Thursday's night
        "2026-03-05T23:00:00Z, false", // Thursday evening
        "2026-03-06T12:00:00Z, false" // Friday noon, between the two parts
    })
    @DisplayName(
            "when the window runs overnight 22:00–06:00 on Fridays, then the early morning belongs to the day before")
    void overnightBelongsToStartDay(String instant, boolean admitted) {
        assertEquals(
                admitted,
                window(EnumSet.of(DayOfWeek.FRIDAY), "22:00", "06:00", UTC).admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-08T23:00:00Z, true", // Sunday evening
        "2026-03-09T03:00:00Z, true", // Monday early morning: Sunday's night
        "2026-03-08T03:00:00Z, false", // Sunday early morning: Saturday's night
        "2026-03-09T23:00:00Z, false" // Monday evening
    })
    @DisplayName(
            "when an overnight window is allowed on Sundays, then it runs into Monday morning across the week boundary")
    void overnightAcrossWeekBoundary(String instant, boolean admitted) {
        assertEquals(
                admitted,
                window(EnumSet.of(DayOfWeek.SUNDAY), "22:00", "06:00", UTC).admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @CsvSource({
        // before the spring change, Paris is UTC+1
        "2026-03-27T05:00:00Z, false", // Friday 06:00
        "2026-03-27T05:59:59Z, false", // Friday 06:59:59
        "2026-03-27T06:00:00Z, true", // Friday 07:00
        "2026-03-27T18:59:59Z, true", // Friday 19:59:59
        "2026-03-27T19:00:00Z, false", // Friday 20:00
        "2026-03-28T10:00:00Z, false", // Saturday
        "2026-03-29T10:00:00Z, false", // Sunday, the day of the change
        // after the spring change, Paris is UTC+2
        "2026-03-30T04:59:59Z, false", // Monday 06:59:59
        "2026-03-30T05:00:00Z, true", // Monday 07:00
        "2026-03-30T06:00:00Z, true", // Monday 08:00
        "2026-03-30T17:59:59Z, true", // Monday 19:59:59
        "2026-03-30T18:00:00Z, false", // Monday 20:00
        "2026-03-30T18:30:00Z, false", // Monday 20:30 (19:30 if the offset were fixed at +1)
        // before the autumn change, Paris is UTC+2
        "2026-10-23T04:59:59Z, false", // Friday 06:59:59
        "2026-10-23T05:00:00Z, true", // Friday 07:00
        "2026-10-23T17:59:59Z, true", // Friday 19:59:59
        "2026-10-23T18:00:00Z, false", // Friday 20:00
        "2026-10-24T10:00:00Z, false", // Saturday
        "2026-10-25T10:00:00Z, false", // Sunday, the day of the change
        // after the autumn change, Paris is UTC+1
        "2026-10-26T05:00:00Z, false", // Monday 06:00 (07:00 if the offset were fixed at +2)
        "2026-10-26T05:59:59Z, false", // Monday 06:59:59
        "2026-10-26T06:00:00Z, true", // Monday 07:00
        "2026-10-26T18:59:59Z, true", // Monday 19:59:59
        "2026-10-26T19:00:00Z, false" // Monday 20:00
    })
    @DisplayName(
            "when the window is weekdays 07:00–20:00 Europe/Paris, then it follows daylight saving time on both sides of each change")
    void parisAcrossDst(String instant, boolean admitted) {
        assertEquals(admitted, window(WEEKDAYS, "07:00", "20:00", PARIS).admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-28T20:59:59Z, false", // Saturday 21:59:59 CET
        "2026-03-28T21:00:00Z, true", // Saturday 22:00 CET
        "2026-03-29T00:59:59Z, true", // Sunday 01:59:59 CET, just before the clocks jump
        "2026-03-29T01:00:00Z, true", // Sunday 03:00 CEST, just after
        "2026-03-29T03:59:59Z, true", // Sunday 05:59:59 CEST
        "2026-03-29T04:00:00Z, false" // Sunday 06:00 CEST
    })
    @DisplayName(
            "when an overnight window spans the night the clocks jump forward, then it ends at 06:00 local summer time")
    void overnightAcrossDstNight(String instant, boolean admitted) {
        assertEquals(
                admitted,
                window(EnumSet.of(DayOfWeek.SATURDAY), "22:00", "06:00", PARIS).admits(Instant.parse(instant)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "2026-03-07T03:00:00Z",
                "2026-03-29T01:30:00Z",
                "2026-12-31T23:59:59.999999999Z",
                "2100-06-15T12:00:00Z"
            })
    @DisplayName("when the hours are ALWAYS, then every instant is admitted")
    void alwaysAdmitsEverything(String instant) {
        assertTrue(AllowedHours.ALWAYS.isUnlimited());
        assertTrue(AllowedHours.ALWAYS.admits(Instant.parse(instant)));
        assertDoesNotThrow(() -> AllowedHours.ALWAYS.check(Instant.parse(instant)));
    }

    @Test
    @DisplayName("when the window starts and ends at the same time, then the hours cannot be built")
    void sameStartAndEndRejected() {
        assertThrows(IllegalArgumentException.class, () -> window(WEEKDAYS, "09:00", "09:00", UTC));
        assertThrows(IllegalArgumentException.class, () -> window(WEEKDAYS, "00:00", "00:00", UTC));
    }

    @Test
    @DisplayName("when only one end of the window is given, then the hours cannot be built")
    void oneEndRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AllowedHours(WEEKDAYS, Optional.of(LocalTime.of(9, 0)), Optional.empty(), UTC));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AllowedHours(WEEKDAYS, Optional.empty(), Optional.of(LocalTime.of(17, 0)), UTC));
    }

    @ParameterizedTest
    @EnumSource(DayOfWeek.class)
    @DisplayName("when a window or a day filter is set, then the hours are not unlimited")
    void notUnlimited(DayOfWeek day) {
        assertFalse(daysOnly(EnumSet.complementOf(EnumSet.of(day)), UTC).isUnlimited());
        assertFalse(window(Set.of(), "00:00", "23:59", UTC).isUnlimited());
    }

    @Test
    @DisplayName("when a request comes outside the window, then check() refuses with OUTSIDE_HOURS naming the window")
    void checkRefusesOutside() {
        AllowedHours hours = window(WEEKDAYS, "07:00", "20:00", PARIS);

        Refusal refusal = assertThrows(Refusal.class, () -> hours.check(Instant.parse("2026-03-30T18:00:00Z")));

        assertEquals(Refusal.Reason.OUTSIDE_HOURS, refusal.reason());
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.reason().kind());
        assertEquals(
                "Requests for this role are accepted only Mon, Tue, Wed, Thu, Fri 07:00–20:00 (Europe/Paris).",
                refusal.getMessage());
    }

    @Test
    @DisplayName("when a request comes inside the window, then check() lets it through")
    void checkAcceptsInside() {
        AllowedHours hours = window(WEEKDAYS, "07:00", "20:00", PARIS);

        assertDoesNotThrow(() -> hours.check(Instant.parse("2026-03-30T05:00:00Z")));
    }

    @Test
    @DisplayName("the description names days, window and zone as people read them")
    void describe() {
        assertEquals("at any time", AllowedHours.ALWAYS.describe());
        assertEquals(
                "every day 22:00–06:00 (UTC)",
                window(Set.of(), "22:00", "06:00", UTC).describe());
        assertEquals(
                "Sat, Sun (Europe/Paris)",
                daysOnly(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY), PARIS)
                        .describe());
        Refusal refusal = assertThrows(Refusal.class, () -> daysOnly(EnumSet.of(DayOfWeek.SATURDAY), UTC)
                .check(Instant.parse("2026-03-02T12:00:00Z")));
        assertEquals("Requests for this role are accepted only Sat (UTC).", refusal.getMessage());
    }
}
