package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.incident.IncidentUpdate;

import java.io.IOException;

/**
 * Where a run's incident updates go: every opening, update, merge and close
 * ({@link IncidentUpdate}'s state machine), as event time advances. A sink that only wants final incidents keeps
 * the {@link IncidentUpdate.Kind#CLOSED} ones. A sink that throws stops the run ({@link SinkFailedException}).
 */
@FunctionalInterface
public interface IncidentSink {
    IncidentSink NONE = update -> {
    };

    void accept(IncidentUpdate update) throws IOException;

    default void flush() throws IOException {
    }

    /** Whether the sink takes opened, updated and merged incidents; a run spares the snapshots when it does not. */
    default boolean wantsLiveUpdates() {
        return true;
    }

    /** A sink of the final incidents only. */
    static IncidentSink closedOnly(IncidentSink sink) {
        return new IncidentSink() {
            @Override
            public void accept(IncidentUpdate update) throws IOException {
                if (update.kind() == IncidentUpdate.Kind.CLOSED) {
                    sink.accept(update);
                }
            }

            @Override
            public boolean wantsLiveUpdates() {
                return false;
            }

            @Override
            public void flush() throws IOException {
                sink.flush();
            }
        };
    }

    /** Both sinks, in this order; live updates are produced when either wants them. */
    static IncidentSink both(IncidentSink first, IncidentSink second) {
        return new IncidentSink() {
            @Override
            public void accept(IncidentUpdate update) throws IOException {
                first.accept(update);
                second.accept(update);
            }

            @Override
            public void flush() throws IOException {
                first.flush();
                second.flush();
            }

            @Override
            public boolean wantsLiveUpdates() {
                return first.wantsLiveUpdates() || second.wantsLiveUpdates();
            }
        };
    }
}
