package dev.cloudwarden.bench;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.TimeOrderedReader;
import dev.cloudwarden.engine.ingest.read.Input;

import java.util.List;
import java.util.function.Consumer;

/** Reading benchmark inputs as {@code scan} reads them: merged by event time. */
final class BenchInputs {
    private BenchInputs() {
    }

    /** Hands every event to {@code onEvent} and returns how many there were; a rejection fails the benchmark. */
    static long read(List<Input> inputs, IngestOptions options, Consumer<Event> onEvent) {
        long[] n = {0};
        new TimeOrderedReader(new Ingestor(options)).read(TimeOrderedReader.lanes(inputs), new IngestSink() {
            @Override
            public void onEvent(Event event) {
                n[0]++;
                onEvent.accept(event);
            }

            @Override
            public void onRejected(Rejection rejection) {
                throw new IllegalStateException(rejection.message());
            }
        });
        return n[0];
    }
}
