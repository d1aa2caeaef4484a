package dev.cloudwarden.app.live;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Rejection;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps what an input hands over as text (events as the engine's JSON with origin and raw record) and makes every
 * checkpoint durable at once. Also the sink of the reference {@code scan} reading, so both sides print alike. */
public final class RecordingConsumer implements LiveConsumer {
    public final List<String> records = new ArrayList<>();
    public final List<String> skips = new ArrayList<>();
    public int checkpoints;

    public static String text(Event e) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            EventJson.write(e, g, true, true);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    @Override
    public void onEvent(Event event) {
        records.add(text(event));
    }

    @Override
    public void onRejected(Rejection rejection) {
        records.add("rejected " + rejection.message());
    }

    @Override
    public void onSkipped(Origin origin, String reason) {
        skips.add(origin + ": " + reason);
    }

    @Override
    public void checkpoint(Runnable durable) {
        checkpoints++;
        durable.run();
    }

    /** What {@code scan} gives for the same input, in the same text. */
    public static List<String> scanned(dev.cloudwarden.engine.ingest.read.Input input) {
        RecordingConsumer c = new RecordingConsumer();
        new dev.cloudwarden.engine.ingest.Ingestor(dev.cloudwarden.engine.ingest.IngestOptions.defaults())
                .read(input, (IngestSink) c);
        return c.records;
    }
}
