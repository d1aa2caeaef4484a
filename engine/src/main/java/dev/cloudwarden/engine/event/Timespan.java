package dev.cloudwarden.engine.event;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sigma's way of writing a span of time, a positive count and one unit: {@code 30s}, {@code 15m}, {@code 2h},
 * {@code 90d}, {@code 1w}. Correlation timespans use it, and so do the service's settings, so people write times one
 * way everywhere.
 */
public final class Timespan {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhdw])");

    private Timespan() {
    }

    /** The span, or empty when the text is not a positive count and one of s, m, h, d, w. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }
}
