package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;
import dev.cloudwarden.engine.state.ValueState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Bytes per key per bucket against the key's learned {@link Baseline} (T4 pairs of networks, A2 principals; the
 * {@link Measure} says what is counted). Each event adds to its bucket's total; a timer at the bucket's last
 * millisecond closes it once the watermark has passed, so buckets close in time order whatever the arrival
 * order, and a sum does not depend on the order of its parts. Closing a bucket first folds the empty buckets
 * since the previous one in as zeros, then tests the total against {@link Baseline#threshold} when the key has
 * been learning for {@link VolumeConfig#learning()}, then folds it in (clipped at the threshold when it alerted).
 *
 * <p>State per key: the profile (baseline and bookkeeping) and the open buckets, each with its few largest events
 * as evidence. A key idle for the configured expiry is dropped by a timer.
 */
public final class VolumeDetector implements BehaviorDetector {
    static final String PROFILE_STATE = "volume-profile";
    static final String BUCKETS_STATE = "volume-buckets";

    /** What a volume detector counts: which events, under which key, how many bytes. */
    public interface Measure {
        /** The key, or null when the event is not counted. */
        String keyOf(Event event);

        /** Bytes the event adds (only asked when {@link #keyOf} gave a key). */
        long bytesOf(Event event);
    }

    /** A key's baseline and bookkeeping; times are epoch milliseconds, {@link Long#MIN_VALUE} for none. */
    public record Profile(long firstBucket, long lastClosed, Baseline baseline, long lastEvent, long expiryTimer)
            implements ImmutableState {
    }

    /** An open bucket: its total, its event count and its largest events (largest first). */
    public record Bucket(long bytes, long events, List<Event> largest) implements ImmutableState {
        public Bucket {
            largest = List.copyOf(largest);
        }
    }

    private static final Comparator<Event> LARGEST_FIRST = Comparator.<Event>comparingLong(e -> -bytes(e))
            .thenComparing(BehaviorRule.EVENT_ORDER);

    private final BehaviorRule rule;
    private final Measure measure;
    private final VolumeConfig config;
    private final long bucketMillis;
    private final long learningMillis;
    private final long idleMillis;

    public VolumeDetector(BehaviorRule rule, Measure measure, VolumeConfig config, Duration idleExpiry) {
        this.rule = rule;
        this.measure = measure;
        this.config = config;
        this.bucketMillis = config.bucket().toMillis();
        this.learningMillis = config.learning().toMillis();
        this.idleMillis = idleExpiry.toMillis();
    }

    @Override
    public List<BehaviorRule> rules() {
        return List.of(rule);
    }

    @Override
    public String keyOf(Event event) {
        return measure.keyOf(event);
    }

    @Override
    public void processElement(Event event, KeyedState<String> state, Consumer<Alert> out) {
        long t = event.time().toEpochMilli();
        long start = Math.floorDiv(t, bucketMillis) * bucketMillis;
        long n = measure.bytesOf(event);
        MapState<Long, Bucket> buckets = buckets(state);
        Bucket b = buckets.get(start);
        if (b == null) {
            buckets.put(start, new Bucket(n, 1, List.of(event)));
            state.timers().registerEventTimeTimer(start + bucketMillis - 1);
        } else {
            buckets.put(start, new Bucket(b.bytes() + n, b.events() + 1, largest(b.largest(), event)));
        }
        ValueState<Profile> profile = profile(state);
        Profile p = profile.value();
        if (p == null) {
            long expiry = t + idleMillis;
            state.timers().registerEventTimeTimer(expiry);
            profile.update(new Profile(start, Long.MIN_VALUE, Baseline.EMPTY, t, expiry));
        } else if (start < p.firstBucket() || t > p.lastEvent()) {
            profile.update(new Profile(Math.min(start, p.firstBucket()), p.lastClosed(), p.baseline(),
                    Math.max(t, p.lastEvent()), p.expiryTimer()));
        }
    }

    @Override
    public void onTimer(long time, KeyedState<String> state, Consumer<Alert> out) {
        ValueState<Profile> profile = profile(state);
        MapState<Long, Bucket> buckets = buckets(state);
        Profile p = profile.value();
        if (p == null) {
            return;
        }
        long start = time + 1 - bucketMillis;
        Bucket b = Math.floorMod(time + 1, bucketMillis) == 0 ? buckets.get(start) : null;
        if (b != null) {
            buckets.remove(start);
            p = close(p, start, b, state.currentKey(), out);
        }
        if (time == p.expiryTimer()) {
            if (p.lastEvent() + idleMillis <= time && buckets.isEmpty()) {
                profile.clear();
                return;
            }
            long next = Math.max(p.lastEvent() + idleMillis, time + 1);
            state.timers().registerEventTimeTimer(next);
            p = new Profile(p.firstBucket(), p.lastClosed(), p.baseline(), p.lastEvent(), next);
        }
        profile.update(p);
    }

    private Profile close(Profile p, long start, Bucket b, String key, Consumer<Alert> out) {
        Baseline base = p.lastClosed() == Long.MIN_VALUE ? p.baseline()
                : p.baseline().foldZeros((start - p.lastClosed()) / bucketMillis - 1, config.horizon());
        double threshold = base.threshold(config);
        double folded = b.bytes();
        if (start - p.firstBucket() >= learningMillis && b.bytes() > threshold) {
            out.accept(rule.alert(key, String.format(Locale.ROOT, "%s moved %s in %s (usually %s, threshold %s)",
                    key, Units.human(b.bytes()), Units.duration(bucketMillis), Units.human((long) base.mean()),
                    Units.human((long) threshold)), b.largest()));
            folded = threshold;
        }
        return new Profile(p.firstBucket(), start, base.fold(folded, config.horizon()), p.lastEvent(), p.expiryTimer());
    }

    private List<Event> largest(List<Event> kept, Event e) {
        List<Event> all = new ArrayList<>(kept.size() + 1);
        all.addAll(kept);
        all.add(e);
        all.sort(LARGEST_FIRST);
        return all.size() > config.evidence() ? all.subList(0, config.evidence()) : all;
    }

    /** Evidence is ranked by the bytes the event says it moved (either direction), whichever measure counts it. */
    private static long bytes(Event e) {
        Long in = e.traffic().bytesIn();
        Long out = e.traffic().bytesOut();
        return Math.max(in == null ? 0 : in, out == null ? 0 : out);
    }

    private static ValueState<Profile> profile(KeyedState<String> state) {
        return state.valueState(PROFILE_STATE, Profile.class);
    }

    private static MapState<Long, Bucket> buckets(KeyedState<String> state) {
        return state.mapState(BUCKETS_STATE, Long.class, Bucket.class);
    }
}
