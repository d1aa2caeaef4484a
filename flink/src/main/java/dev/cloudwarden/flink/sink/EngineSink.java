package dev.cloudwarden.flink.sink;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;

/**
 * The engine's own sinks ({@link AlertSink}, {@link IncidentSink}: the platform store's upserts, a file) behind a
 * Flink sink. Each writer opens its sink on the task and flushes it before every checkpoint completes, so what a
 * checkpoint covers is written; after a failure the job replays from that checkpoint and writes some alerts and
 * updates again, which the store's upserts on deterministic ids absorb (one row per id, counts only grow): the store
 * ends as if each had been written once.
 */
public final class EngineSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Opens the engine sink on the task (the store's JDBC address travels, not the connection). */
    public interface Opener<S> extends Serializable {
        S open() throws IOException;
    }

    private interface Write<S, T> extends Serializable {
        void write(S sink, T value) throws IOException;
    }

    private interface Flush<S> extends Serializable {
        void flush(S sink) throws IOException;
    }

    private final Opener<?> opener;
    private final Write<Object, T> write;
    private final Flush<Object> flush;

    @SuppressWarnings("unchecked")
    private <S> EngineSink(Opener<S> opener, Write<S, T> write, Flush<S> flush) {
        this.opener = opener;
        this.write = (Write<Object, T>) write;
        this.flush = (Flush<Object>) flush;
    }

    public static EngineSink<Alert> alerts(Opener<? extends AlertSink> opener) {
        return new EngineSink<Alert>(opener, AlertSink::accept, AlertSink::flush);
    }

    /** A group's first match, for sinks that show alerts while their group still counts. */
    public static EngineSink<Alert> openedGroups(Opener<? extends AlertSink> opener) {
        return new EngineSink<Alert>(opener, AlertSink::opened, AlertSink::flush);
    }

    public static EngineSink<IncidentUpdate> incidents(Opener<? extends IncidentSink> opener) {
        return new EngineSink<IncidentUpdate>(opener, IncidentSink::accept, IncidentSink::flush);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Object sink = opener.open();
        return new SinkWriter<>() {
            @Override
            public void write(T value, Context ctx) throws IOException {
                write.write(sink, value);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                flush.flush(sink);
            }

            @Override
            public void close() throws Exception {
                flush.flush(sink);
                if (sink instanceof AutoCloseable c) {
                    c.close();
                }
            }
        };
    }
}
