package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.state.InMemoryKeyedState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local runner of the behavioral detectors: routes each event to every detector that keys it, each with its
 * own {@link InMemoryKeyedState}, on the detection run's watermark. An event at or before the watermark is late:
 * detectors do not see it, and it is counted ({@link #lateInputs()}). Detectors decide in timers, so alerts come
 * out when the watermark passes the end of what they judge (an hour's bucket, a contact), and at the latest at
 * the end of input, which also releases all state.
 *
 * <p>A Flink job runs the same {@link BehaviorDetector}s, one keyed stream each ({@code keyBy(keyOf)}).
 * Not thread-safe; one instance per run.
 */
public final class BehaviorEngine implements EventDetector {
    /**
     * How far before the watermark a behavioral alert can be dated: a volume baseline judges an hour's bucket
     * when the watermark passes its end and dates the alert inside it; a beacon is judged over its contacts.
     */
    private static final Duration ALERT_DELAY = Duration.ofHours(2);

    private final List<Runner> runners = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long lateEvents;

    private record Runner(BehaviorDetector detector, InMemoryKeyedState<String> state) {
    }

    public BehaviorEngine(BehaviorConfig config) {
        this(detectors(config));
    }

    public BehaviorEngine(List<BehaviorDetector> detectors) {
        for (BehaviorDetector d : detectors) {
            runners.add(new Runner(d, new InMemoryKeyedState<>(Comparator.naturalOrder())));
        }
    }

    /** The detectors a configuration turns on (none when it is disabled), in catalog order: T4, A2, A4, M6. */
    public static List<BehaviorDetector> detectors(BehaviorConfig c) {
        if (!c.enabled()) {
            return List.of();
        }
        return List.of(PairVolume.detector(c.pairVolume(), c.idleExpiry()),
                PrincipalDownload.detector(c.principalDownload(), c.idleExpiry()),
                new VhostBurstDetector(c.vhostBurst(), c.idleExpiry()),
                new StorageC2Detector(c.storageC2(), c.idleExpiry()));
    }

    @Override
    public String name() {
        return "behavior";
    }

    @Override
    public Duration alertDelay() {
        return ALERT_DELAY;
    }

    public boolean isEmpty() {
        return runners.isEmpty();
    }

    @Override
    public void process(Event event, RuleMatches matches, Consumer<Alert> out) {
        boolean late = event.time().toEpochMilli() <= watermark;
        boolean keyed = false;
        for (Runner r : runners) {
            String key = r.detector.keyOf(event);
            if (key != null) {
                keyed = true;
                if (!late) {
                    r.state.processElement(key, event, r.detector, out);
                }
            }
        }
        if (late && keyed) {
            lateEvents++;
        }
    }

    @Override
    public void advanceWatermark(long watermark, Consumer<Alert> out) {
        if (watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        for (Runner r : runners) {
            r.state.advanceWatermark(watermark, r.detector, out);
        }
    }

    /** Events a detector would have looked at that came later than the allowed lateness. */
    @Override
    public long lateInputs() {
        return lateEvents;
    }

    public List<BehaviorDetector> detectors() {
        return runners.stream().map(Runner::detector).toList();
    }

    /** Keys, stored items and timers over all detectors: what the state costs. */
    public StateSize stateSize() {
        int keys = 0;
        int entries = 0;
        int timers = 0;
        for (Runner r : runners) {
            keys += r.state.keyCount();
            entries += r.state.entryCount();
            timers += r.state.timerCount();
        }
        return new StateSize(keys, entries, timers);
    }

    /** @see #stateSize() */
    public record StateSize(int keys, int entries, int timers) {
    }
}
