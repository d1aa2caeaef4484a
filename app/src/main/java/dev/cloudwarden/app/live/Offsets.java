package dev.cloudwarden.app.live;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Where live inputs keep their positions. A commit replaces all positions of one input at once (all or nothing), so
 * after a crash an input finds exactly the positions of its last completed checkpoint. Implementations: a JSON file
 * ({@link JsonFileOffsets}); serve keeps them in its store's {@code ingest_offsets} table.
 */
public interface Offsets {
    /** The committed positions of {@code input}, by {@link Position#id()}; empty for an input never committed. */
    Map<String, Position> load(String input) throws IOException;

    /** Replaces the positions of {@code input} with {@code positions}, atomically. Safe to call from any thread. */
    void commit(String input, Collection<Position> positions) throws IOException;
}
