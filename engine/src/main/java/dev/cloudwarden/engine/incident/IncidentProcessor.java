package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertBatch;
import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The incident operator. Linking is global (any alert may link to any open incident), so all alerts of one
 * scope share one key: the local runner uses a single key; a Flink job keys by tenant (or runs the operator
 * with parallelism one per tenant).
 *
 * <p>State per key: alerts waiting for the watermark ({@value #PENDING}, by event time); open incidents
 * ({@value #OPEN}, by id); the entity index ({@value #LINKS}, linking entity → open incident that last named
 * it); idle checks ({@value #EXPIRY}, time → incident ids). Timers: one at each pending time and one at each
 * {@code last alert + window}.
 *
 * <p>Every change leaves as an {@link IncidentUpdate} (opened, updated, merged, closed; see its state machine).
 *
 * <p>Alerts are handled when the watermark passes their time, in (time, alert id) order, so the result does
 * not depend on arrival order within the allowed lateness: an incident's first handled alert is its
 * earliest, and its id ({@link Incident#idOf} of that alert) never changes; when an alert links several
 * open incidents, the one that started first absorbs the others. An alert that arrives after the watermark
 * already passed its time is handled at once rather than dropped (it still joins an open incident it
 * links to, or starts its own); only then can the id of an incident come from an alert that is not its
 * earliest.
 */
public final class IncidentProcessor implements KeyedProcessor<String, Alert, IncidentUpdate> {
    static final String PENDING = "incident-pending";
    static final String OPEN = "incident-open";
    static final String LINKS = "incident-links";
    static final String EXPIRY = "incident-expiry";

    private final long windowMillis;
    private final int maxAlerts;
    private final EntityExtractor extractor;

    /**
     * Whether opened, updated and merged incidents are emitted too; without them only final incidents are: each
     * update is a snapshot of the whole incident (its alerts sorted), work wasted on a sink that keeps only the end.
     */
    private final boolean liveUpdates;

    public IncidentProcessor(IncidentOptions options, boolean liveUpdates) {
        this.liveUpdates = liveUpdates;
        this.windowMillis = options.window().toMillis();
        this.maxAlerts = options.maxAlertsPerIncident();
        this.extractor = new EntityExtractor(options.entities());
    }

    EntityExtractor extractor() {
        return extractor;
    }

    @Override
    public void processElement(Alert alert, KeyedState<String> state, Consumer<IncidentUpdate> out) {
        if (!AlertBatch.park(alert, state, PENDING)) {
            place(alert, state, out);
        }
    }

    @Override
    public void onTimer(long time, KeyedState<String> state, Consumer<IncidentUpdate> out) {
        for (Alert a : AlertBatch.takeDue(time, state, PENDING)) {
            place(a, state, out);
        }
        MapState<Long, OpenIncident.IdSet> expiry = expiry(state);
        OpenIncident.IdSet due = expiry.get(time);
        if (due != null) {
            expiry.remove(time);
            MapState<String, OpenIncident> open = open(state);
            for (String id : due.ids()) {
                OpenIncident inc = open.get(id);
                if (inc == null) {
                    continue; // closed early, or absorbed by an older incident
                }
                if (inc.last + windowMillis <= time) {
                    close(inc, state, out);
                } else {
                    prune(inc, time, state);
                }
            }
        }
    }

    /** Adds one alert: to the open incidents it links (merging them), or to a new incident. */
    private void place(Alert alert, KeyedState<String> state, Consumer<IncidentUpdate> out) {
        MapState<String, OpenIncident> open = open(state);
        MapState<Entity, String> links = links(state);
        long t = alert.time().toEpochMilli();
        List<Entity> entities = extractor.entities(alert);
        List<Entity> linking = entities.stream().filter(extractor::links).toList();

        String ownId = Incident.idOf(alert.id());
        if (open.contains(ownId)) {
            return; // the same alert again (overlapping inputs): already in its incident
        }
        TreeSet<OpenIncident> linked = new TreeSet<>(OpenIncident::compareAge);
        for (Entity e : linking) {
            String id = links.get(e);
            OpenIncident inc = id == null ? null : open.get(id);
            Long seen = inc == null ? null : inc.lastSeen.get(e);
            if (seen != null && Math.abs(t - seen) <= windowMillis) {
                if (inc.alertIds.contains(alert.id())) {
                    return;
                }
                linked.add(inc);
            }
        }
        OpenIncident target = linked.isEmpty() ? new OpenIncident(ownId) : linked.first();
        boolean opened = linked.isEmpty();
        for (OpenIncident other : linked) {
            if (other != target) {
                if (liveUpdates) {
                    out.accept(new IncidentUpdate(IncidentUpdate.Kind.MERGED, other.toIncident(), target.id));
                }
                target.absorb(other);
                open.remove(other.id);
                for (Entity e : other.lastSeen.keySet()) {
                    if (other.id.equals(links.get(e))) {
                        links.put(e, target.id);
                    }
                }
            }
        }
        long lastBefore = target.last;
        target.add(alert, t, entities, linking);
        for (Entity e : linking) {
            links.put(e, target.id);
        }
        open.put(target.id, target);
        if (target.alerts.size() >= maxAlerts) {
            if (opened && liveUpdates) {
                out.accept(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, target.toIncident()));
            }
            close(target, state, out);
            return;
        }
        if (target.last != lastBefore) {
            schedule(target, state);
        }
        if (liveUpdates) {
            out.accept(IncidentUpdate.of(opened ? IncidentUpdate.Kind.OPENED : IncidentUpdate.Kind.UPDATED,
                    target.toIncident()));
        }
    }

    private void schedule(OpenIncident inc, KeyedState<String> state) {
        long at = inc.last + windowMillis;
        MapState<Long, OpenIncident.IdSet> expiry = expiry(state);
        OpenIncident.IdSet ids = expiry.get(at);
        TreeSet<String> set = ids == null ? new TreeSet<>() : ids.ids();
        set.add(inc.id);
        expiry.put(at, new OpenIncident.IdSet(set));
        state.timers().registerEventTimeTimer(at);
    }

    private void close(OpenIncident inc, KeyedState<String> state, Consumer<IncidentUpdate> out) {
        MapState<Entity, String> links = links(state);
        for (Entity e : inc.lastSeen.keySet()) {
            if (inc.id.equals(links.get(e))) {
                links.remove(e);
            }
        }
        open(state).remove(inc.id);
        out.accept(IncidentUpdate.of(IncidentUpdate.Kind.CLOSED, inc.toIncident()));
    }

    /** A long-running incident forgets links it can no longer make, so its index entries stay bounded. */
    private void prune(OpenIncident inc, long time, KeyedState<String> state) {
        MapState<Entity, String> links = links(state);
        List<Entity> stale = new ArrayList<>();
        inc.lastSeen.forEach((e, seen) -> {
            if (seen + windowMillis < time) {
                stale.add(e);
            }
        });
        if (stale.isEmpty()) {
            return;
        }
        for (Entity e : stale) {
            inc.lastSeen.remove(e);
            if (inc.id.equals(links.get(e))) {
                links.remove(e);
            }
        }
        open(state).put(inc.id, inc);
    }

    private static MapState<String, OpenIncident> open(KeyedState<String> state) {
        return state.mapState(OPEN, String.class, OpenIncident.class);
    }

    private static MapState<Entity, String> links(KeyedState<String> state) {
        return state.mapState(LINKS, Entity.class, String.class);
    }

    private static MapState<Long, OpenIncident.IdSet> expiry(KeyedState<String> state) {
        return state.mapState(EXPIRY, Long.class, OpenIncident.IdSet.class);
    }
}
