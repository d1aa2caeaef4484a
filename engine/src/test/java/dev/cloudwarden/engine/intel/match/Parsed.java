package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.CollectingSink;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines read through the real ingestor (format detection included), as scan reads them. */
final class Parsed {
    static final Instant REFERENCE_TIME = Instant.parse("2026-03-20T00:00:00Z");

    private Parsed() {
    }

    static List<Event> events(String name, String content) {
        CollectingSink sink = new CollectingSink();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes(name, content.getBytes(StandardCharsets.UTF_8),
                REFERENCE_TIME), sink);
        assertThat(sink.rejections).extracting(Rejection::message).isEmpty();
        return sink.events;
    }

    static Event event(String name, String line) {
        List<Event> events = events(name, line + "\n");
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
