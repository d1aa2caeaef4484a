package dev.cloudwarden.engine.ingest.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.web.Tokens.Token;

import java.time.Instant;
import java.util.List;

/**
 * Apache and nginx access logs: the Common Log Format ({@code host ident user [time] "request" status
 * bytes}) and the Combined one, which adds {@code "referer" "user-agent"}. Fields after those (nginx's
 * {@code "$http_x_forwarded_for"}, custom additions) are left in the line only: their meaning depends on
 * each server's configuration.
 */
final class CommonLogLine {
    private CommonLogLine() {
    }

    /** True when the fields have the Common Log Format's shape (the time is not checked). */
    static boolean hasShape(List<Token> t) {
        return t.size() >= 7 && t.get(0).kind() == ' ' && t.get(3).kind() == '[' && t.get(4).kind() == '"'
                && isStatus(t.get(5).text());
    }

    /** Fills {@code raw} with Sigma's names for the fields; returns the event time. */
    static Instant read(List<Token> t, ObjectNode raw) throws RecordRejectedException {
        if (t.size() < 7) {
            throw new RecordRejectedException("expected at least 7 fields (host ident user [time] \"request\" status "
                    + "bytes), found " + t.size());
        }
        if (t.get(3).kind() != '[') {
            throw new RecordRejectedException("expected the [time] as the 4th field, found '" + t.get(3).text() + "'");
        }
        Instant time = AccessLogTime.parse(t.get(3).text());
        if (t.get(4).kind() != '"') {
            throw new RecordRejectedException("expected the quoted request line as the 5th field, found '"
                    + t.get(4).text() + "'");
        }
        if (!isStatus(t.get(5).text())) {
            throw new RecordRejectedException("status '" + t.get(5).text() + "' is not a 3-digit HTTP status");
        }
        String bytes = t.get(6).text();
        if (!bytes.equals("-") && !isCount(bytes)) {
            throw new RecordRejectedException("response size '" + bytes + "' is not a byte count or '-'");
        }
        raw.put("c-ip", t.get(0).text());
        putUnlessDash(raw, "cs-ident", t.get(1));
        putUnlessDash(raw, "cs-username", t.get(2));
        String bracketed = t.get(3).text();
        raw.put("date", bracketed.substring(1, bracketed.length() - 1));
        RequestLine.put(t.get(4).text(), raw);
        raw.put("sc-status", Integer.parseInt(t.get(5).text()));
        if (!bytes.equals("-")) {
            raw.put("sc-bytes", Long.parseLong(bytes));
        }
        if (t.size() >= 9 && t.get(7).kind() == '"' && t.get(8).kind() == '"') {
            putUnlessDash(raw, "cs-referer", t.get(7));
            putUnlessDash(raw, "cs-user-agent", t.get(8));
        }
        return time;
    }

    private static void putUnlessDash(ObjectNode raw, String name, Token t) {
        if (!t.isDash() && !t.text().isEmpty()) {
            raw.put(name, t.text());
        }
    }

    static boolean isStatus(String s) {
        return s.length() == 3 && isCount(s);
    }

    static boolean isCount(String s) {
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
