package dev.cloudwarden.app.web;

import dev.cloudwarden.engine.alert.Level;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formatting the templates share. Everything here returns text that the templates escape as they write it; a value
 * meant for a link is URL-encoded here and always follows a path of our own, so no field can become a scheme.
 */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** The machine-readable time for {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String level(Level l) {
        return l == null ? "none" : l.id();
    }

    public static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
