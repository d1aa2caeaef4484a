package dev.cloudwarden.engine.behavior;

import java.util.Locale;

/** Human-readable sizes and periods for alert titles. */
public final class Units {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Units() {
    }

    /** Decimal units, one decimal place: {@code 16.8 GB}. */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** Whole hours, minutes or seconds, rounded down: {@code 1h}, {@code 22h}, {@code 15m}, {@code 30s}. */
    static String duration(long millis) {
        if (millis >= 3_600_000) {
            return millis / 3_600_000 + "h";
        }
        if (millis >= 60_000) {
            return millis / 60_000 + "m";
        }
        return millis / 1000 + "s";
    }
}
