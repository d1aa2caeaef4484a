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
 * checkpoint durable at once, or, {@link #holding()}, only on {@link #release()}. Also the sink of the reference
 * {@code scan} reading, so both sides print alike. */
public final class RecordingConsumer implements LiveConsumer {
    public final List<String> records = new ArrayList<>();
    public final List<String> skips = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    public int checkpoints;
    private final List<Runnable> held;

    public RecordingConsumer() {
        this(null);
    }

    private RecordingConsumer(List<Runnable> held) {
        this.held = held;
    }

    /** A consumer that makes nothing durable until {@link #release()}: as one whose store is down. */
    public static RecordingConsumer holding() {
        return new RecordingConsumer(new ArrayList<>());
    }

    /** Makes every checkpoint held so far durable, in order. */
    public void release() {
        List<Runnable> now = List.copyOf(held);
        held.clear();
        now.forEach(Runnable::run);
    }

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
        rejections.add(rejection);
        records.add("rejected " + rejection.message());
    }

    @Override
    public void onSkipped(Origin origin, String reason) {
        skips.add(origin + ": " + reason);
    }

    @Override
    public void checkpoint(Runnable durable) {
        checkpoints++;
        if (held != null) {
            held.add(durable);
        } else {
            durable.run();
        }
    }

    /** What {@code scan} gives for the same input, in the same text. */
    public static List<String> scanned(dev.cloudwarden.engine.ingest.read.Input input) {
        RecordingConsumer c = new RecordingConsumer();
        new dev.cloudwarden.engine.ingest.Ingestor(dev.cloudwarden.engine.ingest.IngestOptions.defaults())
                .read(input, (IngestSink) c);
        return c.records;
    }
}
