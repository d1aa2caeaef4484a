package dev.cloudwarden.app.hunt;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * A hunt's answer.
 *
 * @param columns   column names, in order
 * @param rows      each row's cells: null, {@link String}, {@link Number}, {@link Boolean} or, for JSON columns, a
 *                  Jackson {@code JsonNode}; timestamps are ISO-8601 UTC text
 * @param truncated true when the query had more rows than the limit (those were not fetched)
 * @param took      from the start of the query to its last row fetched
 */
public record HuntResult(List<String> columns, List<List<Object>> rows, boolean truncated, Duration took) {
    public HuntResult {
        columns = List.copyOf(columns);
        // Cells may be null, which List.copyOf refuses.
        rows = rows.stream().map(r -> Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
