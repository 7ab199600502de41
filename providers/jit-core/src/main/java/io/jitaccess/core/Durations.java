package io.jitaccess.core;

import java.time.Duration;

/** Durations as people read them: {@code 2 h 30 min}. */
public final class Durations {

    private Durations() {}

    public static String human(Duration duration) {
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append(" d ");
        }
        if (hours > 0) {
            out.append(hours).append(" h ");
        }
        if (minutes > 0) {
            out.append(minutes).append(" min ");
        }
        if (rest > 0 || out.length() == 0) {
            out.append(rest).append(" s ");
        }
        return out.toString().strip();
    }
}
