package io.jitaccess.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When requests are accepted: days of the week and a daily window in a time zone. A window whose end is
 * before its start runs past midnight and belongs to the day it started on. Wall-clock times follow the
 * zone's daylight-saving rules.
 */
public record AllowedHours(Set<DayOfWeek> days, Optional<LocalTime> from, Optional<LocalTime> to, ZoneId zone) {

    public static final AllowedHours ALWAYS =
            new AllowedHours(EnumSet.allOf(DayOfWeek.class), Optional.empty(), Optional.empty(), ZoneId.of("UTC"));

    public AllowedHours {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (from.isPresent() != to.isPresent()) {
            throw new IllegalArgumentException("a daily window needs both a start and an end");
        }
        if (from.isPresent() && from.get().equals(to.get())) {
            throw new IllegalArgumentException("a daily window cannot start and end at the same time");
        }
    }

    public boolean isUnlimited() {
        return days.size() == 7 && from.isEmpty();
    }

    public boolean admits(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (from.isEmpty()) {
            return days.contains(today);
        }
        LocalTime start = from.get();
        LocalTime end = to.get();
        if (start.isBefore(end)) {
            return days.contains(today) && !time.isBefore(start) && time.isBefore(end);
        }
        // overnight window: the evening part belongs to today, the early-morning part to yesterday
        if (!time.isBefore(start)) {
            return days.contains(today);
        }
        return time.isBefore(end) && days.contains(today.minus(1));
    }

    /** A sentence for refusals and for the login page. */
    public String describe() {
        if (isUnlimited()) {
            return "at any time";
        }
        String when = days.size() == 7
                ? "every day"
                : days.stream()
                        .map(d -> d.name().substring(0, 1)
                                + d.name().substring(1, 3).toLowerCase(java.util.Locale.ROOT))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
        String window = from.map(f -> " " + f + "–" + to.get()).orElse("");
        return when + window + " (" + zone.getId() + ")";
    }

    /** @throws Refusal OUTSIDE_HOURS */
    public void check(Instant now) {
        if (!admits(now)) {
            throw new Refusal(
                    Refusal.Reason.OUTSIDE_HOURS, "Requests for this role are accepted only " + describe() + ".");
        }
    }
}
