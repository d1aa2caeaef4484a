package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentUpdate;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run over a finished, small input produced, kept in memory: for tests, rule tests and tools that
 * judge a handful of events. Anything reading real input streams into sinks instead.
 *
 * @param alerts  the alerts as the alert sink received them
 * @param updates every incident update, in order
 */
public record RunResults(List<Alert> alerts, List<IncidentUpdate> updates, RunStats stats) {
    /** Runs {@code events}, in their order, through a run of {@code config} to the end. */
    public static RunResults of(RunConfig config, Iterable<Event> events) {
        List<Alert> alerts = new ArrayList<>();
        List<IncidentUpdate> updates = new ArrayList<>();
        try (DetectionRun run = new DetectionRun(config, alerts::add, updates::add)) {
            for (Event e : events) {
                run.accept(e);
            }
            run.finish();
            return new RunResults(List.copyOf(alerts), List.copyOf(updates), run.stats());
        }
    }

    /** The final incidents, in the order they closed. */
    public List<Incident> incidents() {
        return updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED).map(IncidentUpdate::incident).toList();
    }
}
