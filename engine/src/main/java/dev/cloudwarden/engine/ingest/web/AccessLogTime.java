package dev.cloudwarden.engine.ingest.web;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** The Common Log Format time, {@code [10/Oct/2000:13:55:36 -0700]} (Apache {@code %t}, nginx {@code $time_local}). */
public final class AccessLogTime {
    // English month names whatever the JVM's locale: servers log them in English. Strict, so that 31/Feb is
    // refused rather than read as 28/Feb.
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private AccessLogTime() {
    }

    /** @param bracketed the field with its brackets */
    public static Instant parse(String bracketed) throws RecordRejectedException {
        if (bracketed.length() < 3 || bracketed.charAt(0) != '[' || bracketed.charAt(bracketed.length() - 1) != ']') {
            throw notATime(bracketed);
        }
        try {
            return OffsetDateTime.parse(bracketed.substring(1, bracketed.length() - 1), FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            throw notATime(bracketed);
        }
    }

    private static RecordRejectedException notATime(String text) {
        return new RecordRejectedException("timestamp '" + (text.length() > 40 ? text.substring(0, 37) + "..." : text)
                + "' is not an access-log time (expected e.g. [10/Oct/2000:13:55:36 -0700])");
    }
}
