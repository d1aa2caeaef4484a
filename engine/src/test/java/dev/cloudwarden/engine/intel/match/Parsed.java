package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines read through the real ingestor (format detection included), as scan reads them. */
final class Parsed {
    static final Instant REFERENCE_TIME = Instant.parse("2026-03-20T00:00:00Z");

    private Parsed() {
    }

    static List<Event> events(String name, String content) {
        List<Event> events = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes(name, content.getBytes(StandardCharsets.UTF_8),
                REFERENCE_TIME), new IngestSink() {
            @Override
            public void onEvent(Event event) {
                events.add(event);
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejected.add(rejection);
            }
        });
        assertThat(rejected).extracting(Rejection::message).isEmpty();
        return events;
    }

    static Event event(String name, String line) {
        List<Event> events = events(name, line + "\n");
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
