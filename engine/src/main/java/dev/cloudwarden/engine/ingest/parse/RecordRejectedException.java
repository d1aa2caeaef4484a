package dev.cloudwarden.engine.ingest.parse;

/**
 * A record that cannot become an event. The message is the reason, written for the person reading the
 * log ("eventTime missing", "not a timestamp: 'yesterday'"); the caller adds file and line.
 */
public final class RecordRejectedException extends Exception {
    public RecordRejectedException(String reason) {
        super(reason, null, false, false); // rejections are expected data, not bugs: no stack trace
    }
}
