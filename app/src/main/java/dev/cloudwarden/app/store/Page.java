package dev.cloudwarden.app.store;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param next the opaque cursor of the following page (pass it back unchanged); null on the last page
 */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
