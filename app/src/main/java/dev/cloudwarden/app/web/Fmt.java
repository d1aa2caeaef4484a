package dev.cloudwarden.app.web;

import dev.cloudwarden.app.output.CharEscapes;
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

    /** A query parameter's value, encoded (a space is {@code +}). */
    public static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One segment of a path, encoded (a space is {@code %20}: {@code +} is a plus sign in a path). */
    public static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /**
     * Text from logs, rules or users as a page shows it: characters that reorder or hide text are shown as their
     * code points ({@code [U+202E]}), so {@code invoice\u202Egnp.exe} cannot pass for {@code invoiceexe.png} and a
     * zero-width character cannot hide in a name. HTML escaping is the template's job, not this.
     */
    public static String visible(String text) {
        return CharEscapes.replace(text, c -> hiding((char) c),
                c -> String.format(java.util.Locale.ROOT, "[U+%04X]", c));
    }

    /** Bidirectional controls (embeddings, overrides, isolates, marks) and zero-width characters. */
    private static boolean hiding(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                || c == '\u061C' || c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF';
    }
}
