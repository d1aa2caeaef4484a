package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.state.BoundedLateness;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Drives one {@link IncidentBuilder} directly, as a run does, with the watermark the options' lateness behind the
 * latest alert: for tests of the operator's state and counters. Only final incidents are handed out.
 */
final class DrivenBuilder {
    private final IncidentBuilder builder;
    private final BoundedLateness lateness;

    DrivenBuilder(IncidentOptions options) {
        this.builder = new IncidentBuilder(options);
        this.lateness = new BoundedLateness(options.allowedLateness());
    }

    void accept(Alert alert, Consumer<Incident> out) {
        builder.add(alert, closed(out));
        advanceTo(alert.time(), out);
    }

    void advanceTo(Instant time, Consumer<Incident> out) {
        builder.advanceWatermark(lateness.observe(time.toEpochMilli()), closed(out));
    }

    void finish(Consumer<Incident> out) {
        builder.advanceWatermark(Long.MAX_VALUE, closed(out));
    }

    long lateAlerts() {
        return builder.lateAlerts();
    }

    IncidentBuilder.StateSize stateSize() {
        return builder.stateSize();
    }

    private static Consumer<IncidentUpdate> closed(Consumer<Incident> out) {
        return u -> {
            if (u.kind() == IncidentUpdate.Kind.CLOSED) {
                out.accept(u.incident());
            }
        };
    }
}
