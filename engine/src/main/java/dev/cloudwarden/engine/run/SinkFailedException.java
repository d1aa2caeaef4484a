package dev.cloudwarden.engine.run;

import java.io.IOException;

/**
 * A sink could not take what the run produced (disk full, closed pipe, store down): the run stops, since going on
 * would lose alerts. The message names the sink and the cause.
 */
public final class SinkFailedException extends RuntimeException {
    private final String sink;

    public SinkFailedException(String sink, IOException cause) {
        super(sink + " failed: " + cause.getMessage(), cause);
        this.sink = sink;
    }

    /** Which sink failed: {@code alerts} or {@code incidents}. */
    public String sink() {
        return sink;
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
