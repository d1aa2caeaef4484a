package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps what one read gave, in order: for reads of bounded input held in memory anyway (an HTTP request
 * body, a test's file), where the caller decides what to do with the whole once the read is over.
 */
public class CollectingSink implements IngestSink {
    public final List<Event> events = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    /** Records that were read and meant nothing to detect (a digest file, an envelope's control message), with why. */
    public final List<String> skipped = new ArrayList<>();

    @Override
    public void onEvent(Event event) {
        events.add(event);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void onSkipped(Origin origin, String reason) {
        skipped.add(origin + ": " + reason);
    }
}
