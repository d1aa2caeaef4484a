package dev.cloudwarden.app.store;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An opaque page cursor: the sort key of a page's last row in its {@link ListOrder}, so the next page starts
 * strictly after it (keyset pagination: rows added meanwhile never shift a page, no row is listed twice, and a deep
 * page costs what the first does).
 *
 * @param values one per key of the order: an {@link Instant}, a {@link Long} or a {@link String}
 */
record Cursor(String order, List<Object> values) {
    private static final char SEPARATOR = '\n';

    Cursor {
        values = List.copyOf(values);
    }

    /** The cursor of the row {@code r} is on. */
    static Cursor at(ListOrder order, ResultSet r) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (ListOrder.Key k : order.keys()) {
            values.add(switch (k.kind()) {
                case TIME -> Sql.instant(r, k.label());
                case NUMBER -> r.getLong(k.label());
                case TEXT -> r.getString(k.label());
            });
        }
        return new Cursor(order.name(), values);
    }

    String encode() {
        StringBuilder s = new StringBuilder(order);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String text = v instanceof Instant t ? Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000)
                    : v.toString();
            if (text.indexOf(SEPARATOR) >= 0 && i < values.size() - 1) {
                throw new IllegalArgumentException("a sort key other than the last holds a line break: " + text);
            }
            s.append(SEPARATOR).append(text);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #encode} wrote for a list in {@code order}. */
    static Cursor decode(String text, ListOrder order) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), order.keys().size() + 1);
        } catch (IllegalArgumentException e) {
            throw malformed(e);
        }
        if (parts.length != order.keys().size() + 1) {
            throw malformed(null);
        }
        if (!parts[0].equals(order.name())) {
            throw new IllegalArgumentException("this page cursor belongs to the order '" + parts[0]
                    + "', not '" + order.name() + "': start again from the first page");
        }
        List<Object> values = new ArrayList<>();
        try {
            for (int i = 0; i < order.keys().size(); i++) {
                String v = parts[i + 1];
                values.add(switch (order.keys().get(i).kind()) {
                    case TIME -> {
                        long micros = Long.parseLong(v);
                        yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                                Math.floorMod(micros, 1_000_000L) * 1_000L);
                    }
                    case NUMBER -> Long.parseLong(v);
                    case TEXT -> v;
                });
            }
        } catch (NumberFormatException e) {
            throw malformed(e);
        }
        return new Cursor(parts[0], values);
    }

    private static IllegalArgumentException malformed(Exception cause) {
        return new IllegalArgumentException("malformed page cursor: pass back the 'next' of the previous page unchanged",
                cause);
    }

    /** The value bound for key {@code i} as a query parameter. */
    Object parameter(int i) {
        return values.get(i) instanceof Instant t ? Sql.timestamp(t) : values.get(i);
    }
}
