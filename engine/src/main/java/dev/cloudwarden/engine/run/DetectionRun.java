package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.IncidentBuilder;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import dev.cloudwarden.engine.state.BoundedLateness;
import dev.cloudwarden.engine.state.InMemoryKeyedState;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The detection run every runtime calls: events in, from any source (files, stdin, an HTTP body, a Kafka record),
 * in the order they come; alerts and incident updates out through sinks as event time advances.
 *
 * <p><b>The path of an event.</b> The registered detectors ({@link Detectors}) see it in order: the stateless ones
 * (Sigma rules, intel) first, possibly on worker threads ({@link RunConfig#threads()}), then the stateful ones
 * (correlations, behavioral baselines) in arrival order: on the caller's thread, or with several detection threads
 * on one settling thread of their own, which then also calls the sinks (one thread at a time either way). Every alert they raise is checked against the
 * suppressions; what is not silenced feeds the incidents (when it is selected to form them) and the grouping, and
 * grouped alerts go to the {@link AlertSink}. Incident changes go to the {@link IncidentSink}.
 *
 * <p><b>Event time.</b> The run holds the one lateness bound ({@link RunConfig#allowedLateness()}): the watermark
 * trails the latest event time seen by it, every stateful detector advances on it, and grouping and incidents
 * advance on it less the longest delay with which a detector dates its alerts ({@link EventDetector#alertDelay()}),
 * so they see alerts in event-time order. Nothing is held longer than a window or period needs: the run never
 * holds all of its alerts.
 *
 * <p><b>Deterministic.</b> Alert and incident ids depend on the input alone: the same events in the same order give
 * the same ids, with one thread or many.
 *
 * <p>{@link #accept} and {@link #finish} are called from one thread. A sink that throws stops the run with a
 * {@link SinkFailedException}.
 */
public final class DetectionRun implements AutoCloseable {
    private final RunConfig config;
    private final StreamOperators operators;
    private final List<EventDetector> detectors;
    private final List<EventDetector> stateless = new ArrayList<>();
    private final List<EventDetector> stateful = new ArrayList<>();
    private final BoundedLateness lateness;
    private final long alertDelayMillis;
    private final AlertSink alertSink;
    private final IncidentSink incidentSink;
    private final AlertGrouper grouper;
    private final InMemoryKeyedState<String> groups = new InMemoryKeyedState<>(Comparator.naturalOrder());
    private final IncidentBuilder incidents;
    private final ParallelMatching parallel;
    private final RunStats stats = new RunStats();
    private final RuleMatches matches = new RuleMatches();
    private final List<Alert> found = new ArrayList<>();
    private final Consumer<Alert> collect = found::add;
    private final Consumer<Alert> route = this::route;
    private final Consumer<AlertGrouper.Update> emitGrouped = this::emitGrouped;
    private final Consumer<IncidentUpdate> incidentOut = this::incidentUpdate;
    private long watermark = Long.MIN_VALUE;
    private boolean finished;
    private volatile Set<String> disabled = Set.of();

    public DetectionRun(RunConfig config, AlertSink alerts, IncidentSink incidents) {
        this.config = config;
        this.operators = new StreamOperators(config);
        this.detectors = operators.all();
        for (EventDetector d : detectors) {
            (d.isStateless() ? stateless : stateful).add(d);
        }
        this.lateness = new BoundedLateness(config.allowedLateness());
        this.alertDelayMillis = operators.alertDelay().toMillis();
        this.alertSink = alerts;
        this.incidentSink = incidents;
        this.grouper = operators.grouper();
        this.incidents = config.incidents() == null ? null : new IncidentBuilder(config.incidents().options(),
                incidents.wantsLiveUpdates());
        this.parallel = config.threads() > 1 && !stateless.isEmpty()
                ? new ParallelMatching(stateless, config.threads(), this::settle) : null;
    }

    /**
     * Rules whose alerts are dropped from now on, by rule id (a Sigma rule's or correlation's key, a behavioral or
     * intel rule's id); replaces the set given before. A running service calls this from any thread when an analyst
     * turns a rule off or on. The rules still run: a correlation counting a disabled rule's matches still counts them
     * (it is a rule of its own, disabled on its own), and turning a rule on again needs no rebuild of the run.
     */
    public void disableRules(Set<String> ruleIds) {
        disabled = Set.copyOf(ruleIds);
    }

    /** The record fields the detectors test, for the reader to pick up while parsing. */
    public ReadAhead readAhead() {
        return operators.readAhead();
    }

    /** One event, in the order the source gives them. */
    public void accept(Event event) {
        if (finished) {
            throw new IllegalStateException("the run has finished");
        }
        if (parallel != null) {
            parallel.accept(event);
            return;
        }
        matches.clear();
        found.clear();
        for (EventDetector d : stateless) {
            d.process(event, matches, collect);
        }
        settle(event, matches, found);
    }

    /**
     * Settles every event accepted so far: with worker threads, events wait in a batch until it fills, so a live
     * source calls this when its input goes quiet (the service after each request body, a Kafka poll that came back
     * empty). Alerts and incidents still wait for event time as usual. Cheap when nothing is waiting.
     */
    public void flush() {
        if (parallel != null && !finished) {
            parallel.drain();
        }
    }

    /**
     * A live source has been quiet for {@code quietFor} (wall time): event time is taken to have moved on with the
     * clock. The watermark of the stateful detectors advances by the quiet time, up to the latest event seen, so once
     * the source has been quiet for the allowed lateness every correlation and baseline has seen everything (the
     * lateness bound, read in wall time: what comes later than that is late, as always). Alerts raised so far are
     * released to grouping and incidents up to the latest event time at once, not after the detectors' alert delay
     * (up to hours); an alert a detector raises later, dated before that, is handled as a late alert (incidents take
     * it anyway; grouping opens a group for it), never dropped. A file run never calls this: it follows event time
     * alone.
     *
     * @return true when nothing seen so far waits for event time any more
     */
    public boolean idle(Duration quietFor) {
        flush();
        long latest = lateness.latest();
        if (finished || latest == Long.MIN_VALUE) {
            return true;
        }
        long target = Math.min(latest, saturatedAdd(lateness.watermark(), quietFor.toMillis()));
        if (target > watermark) {
            advance(target, Math.max(Long.MIN_VALUE + 1, target - alertDelayMillis));
        }
        if (grouper != null) {
            groups.advanceWatermark(latest, grouper, emitGrouped);
        }
        if (incidents != null) {
            incidents.advanceWatermark(latest, incidentOut);
        }
        flushSinks();
        return watermark >= latest;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /**
     * End of input: every decision waiting for event time is taken, open groups leave as alerts, open incidents
     * close, and the sinks are flushed.
     */
    public void finish() {
        if (finished) {
            return;
        }
        if (parallel != null) {
            parallel.drain();
        }
        finished = true;
        advance(Long.MAX_VALUE, Long.MAX_VALUE);
        flushSinks();
        close();
    }

    @Override
    public void close() {
        if (parallel != null) {
            parallel.close();
        }
    }

    public RunStats stats() {
        return stats;
    }

    public RunConfig config() {
        return config;
    }

    /** The running detector of a type (for its counters, e.g. intel sightings), if the run has one. */
    public <T extends EventDetector> Optional<T> detector(Class<T> type) {
        return detectors.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Inputs each stateful detector left out as late, by detector name; only those with some. */
    public Map<String, Long> lateInputs() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (EventDetector d : detectors) {
            if (d.lateInputs() > 0) {
                out.put(d.name(), d.lateInputs());
            }
        }
        if (incidents != null && incidents.lateAlerts() > 0) {
            out.put("incidents", incidents.lateAlerts());
        }
        return out;
    }

    /** The stateful part, in arrival order: on the caller's thread, or on {@link ParallelMatching}'s settling thread. */
    private void settle(Event event, RuleMatches eventMatches, List<Alert> statelessAlerts) {
        stats.events++;
        long t = event.time().toEpochMilli();
        if (t <= watermark) {
            stats.lateEvents++;
        }
        for (Alert a : statelessAlerts) {
            route(a);
        }
        for (EventDetector d : stateful) {
            d.process(event, eventMatches, route);
        }
        long next = lateness.observe(t);
        if (next > watermark) {
            advance(next, next == Long.MIN_VALUE ? next : Math.max(Long.MIN_VALUE + 1, next - alertDelayMillis));
        }
    }

    private void advance(long eventWatermark, long alertWatermark) {
        watermark = eventWatermark;
        for (EventDetector d : stateful) {
            d.advanceWatermark(eventWatermark, route);
        }
        if (grouper != null) {
            groups.advanceWatermark(alertWatermark, grouper, emitGrouped);
        }
        if (incidents != null) {
            incidents.advanceWatermark(alertWatermark, incidentOut);
        }
    }

    private void route(Alert alert) {
        stats.matches++;
        stats.matchesByLevel.merge(levelId(alert), 1L, Long::sum);
        Set<String> off = disabled;
        if (!off.isEmpty() && off.contains(alert.ruleId())) {
            stats.disabledMatches++;
            return;
        }
        Suppression s = operators.silencing(alert);
        if (s != null) {
            stats.suppressed.merge(s, 1L, Long::sum);
            return;
        }
        if (incidents != null && operators.formsIncidents(alert)) {
            incidents.add(alert, incidentOut);
        }
        if (grouper == null) {
            emit(alert);
        } else {
            groups.processElement(grouper.keyOf(alert), alert, grouper, emitGrouped);
        }
    }

    private void emitGrouped(AlertGrouper.Update update) {
        if (update.closed()) {
            emit(update.alert());
            return;
        }
        try {
            alertSink.opened(update.alert());
        } catch (IOException e) {
            throw new SinkFailedException("alerts", e);
        }
    }

    private void emit(Alert alert) {
        stats.alerts++;
        stats.alertsByLevel.merge(levelId(alert), 1L, Long::sum);
        try {
            alertSink.accept(alert);
        } catch (IOException e) {
            throw new SinkFailedException("alerts", e);
        }
    }

    private void incidentUpdate(IncidentUpdate u) {
        switch (u.kind()) {
            case OPENED -> stats.incidentsOpened++;
            case CLOSED -> stats.incidentsClosed++;
            case MERGED -> stats.incidentsMerged++;
            default -> {
            }
        }
        try {
            incidentSink.accept(u);
        } catch (IOException e) {
            throw new SinkFailedException("incidents", e);
        }
    }

    private void flushSinks() {
        try {
            alertSink.flush();
        } catch (IOException e) {
            throw new SinkFailedException("alerts", e);
        }
        try {
            incidentSink.flush();
        } catch (IOException e) {
            throw new SinkFailedException("incidents", e);
        }
    }

    private static String levelId(Alert a) {
        return a.level() == null ? "none" : a.level().id();
    }
}
