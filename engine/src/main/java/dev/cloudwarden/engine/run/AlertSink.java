package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;

import java.io.IOException;

/**
 * Where a run's alerts go (a file, stdout, a store, a Kafka topic), after grouping and suppression, as event time
 * advances. A sink that throws stops the run ({@link SinkFailedException}).
 */
@FunctionalInterface
public interface AlertSink {
    AlertSink NONE = alert -> {
    };

    void accept(Alert alert) throws IOException;

    /**
     * A group of matches has opened (grouping on): its first match, with a count of 1. The grouped alert, with the
     * same id, comes to {@link #accept} when the group closes. A sink that shows alerts while they are still counting
     * (the service's store) takes this; files and streams of final alerts ignore it.
     */
    default void opened(Alert alert) throws IOException {
    }

    /** End of the run: everything accepted is written. */
    default void flush() throws IOException {
    }

    /** Both sinks, in this order, for every call. */
    static AlertSink both(AlertSink first, AlertSink second) {
        return new AlertSink() {
            @Override
            public void accept(Alert alert) throws IOException {
                first.accept(alert);
                second.accept(alert);
            }

            @Override
            public void opened(Alert alert) throws IOException {
                first.opened(alert);
                second.opened(alert);
            }

            @Override
            public void flush() throws IOException {
                first.flush();
                second.flush();
            }
        };
    }
}
