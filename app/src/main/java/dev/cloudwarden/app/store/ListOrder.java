package dev.cloudwarden.app.store;

import java.util.List;

/**
 * The order a list is read and paged in: columns, all descending and never null, the last one unique (an id), so
 * the order is total and a page's last row says exactly where the next page starts ({@link Cursor}).
 *
 * @param name what a cursor records of its order, so a cursor of one order is refused by another
 */
record ListOrder(String name, List<Key> keys) {
    /** How a key's values are read from a row and written into a cursor. */
    enum Kind { TIME, NUMBER, TEXT }

    /**
     * One column of the order.
     *
     * @param expression the column in the query ({@code i.score})
     * @param label      the column's name in the result row ({@code score})
     */
    record Key(String expression, String label, Kind kind) {
    }

    ListOrder {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an order needs a key");
        }
        keys = List.copyOf(keys);
    }

    /** Newest first by a time, then by id: the alerts' order. */
    static ListOrder newest(String time, String id) {
        return new ListOrder("newest", List.of(new Key(time, "time", Kind.TIME), new Key(id, "id", Kind.TEXT)));
    }

    String orderBy() {
        return String.join(", ", keys.stream().map(k -> k.expression() + " DESC").toList());
    }
}
