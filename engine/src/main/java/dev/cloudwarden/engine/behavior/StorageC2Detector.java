package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;
import dev.cloudwarden.engine.state.ValueState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * M6, cloud storage as C2 (RokRat, Karae): a server reaching a storage API it never used, and reaching it at a
 * regular beat. Keyed by the querying host's address in Route 53 Resolver query logs; every query of the host
 * (any name) tells when the host was first seen, which starts its learning period.
 *
 * <ul>
 *   <li><b>First seen</b> (medium): a storage destination ({@link StorageC2Config#storageDomains()}) first
 *       contacted after the host's learning period. Destinations contacted during learning are the host's own:
 *       they never alert, beaconing included (a nightly sync to the company's Box is regular too).</li>
 *   <li><b>Beacon</b> (high): contacts with a first-seen destination whose last
 *       {@link StorageC2Config#beaconContacts()} intervals have a coefficient of variation of at most
 *       {@link StorageC2Config#maxCv()}. Once per destination.</li>
 * </ul>
 * A destination's first contact is the earliest by event time (a minimum, whatever the arrival order), decided by
 * the timer at that time; contacts wait in a time-sorted list and are tested when the watermark has passed them.
 */
public final class StorageC2Detector implements BehaviorDetector {
    public static final BehaviorRule FIRST_SEEN = new BehaviorRule(BehaviorRule.PREFIX + "storage_api_first_seen",
            "Server reached a cloud-storage API it never used", Level.MEDIUM,
            List.of("attack.t1102", "attack.t1567.002", "cloudwarden.m6"));
    public static final BehaviorRule BEACON = new BehaviorRule(BehaviorRule.PREFIX + "storage_api_beacon",
            "Server beacons to a new cloud-storage API", Level.HIGH,
            List.of("attack.t1102", "attack.t1567.002", "cloudwarden.m6"));
    static final String HOST_STATE = "storage-c2-host";
    static final String DESTINATIONS_STATE = "storage-c2-destinations";

    /** When the host was first and last seen, and its pending expiry timer. */
    public record Host(long first, long last, long expiryTimer) implements ImmutableState {
    }

    /** Where a destination stands with one host. */
    public enum Status { UNDECIDED, BASELINE, NEW, BEACON_REPORTED }

    /**
     * One storage destination of a host: its first contact, and while a beacon may still be found, its contacts
     * in event order (those the watermark has passed are merged by the minimum gap and trimmed).
     */
    public record Destination(Status status, Event first, List<Event> contacts) implements ImmutableState {
        public Destination {
            contacts = List.copyOf(contacts);
        }
    }

    private final StorageC2Config config;
    private final long learningMillis;
    private final long idleMillis;

    public StorageC2Detector(StorageC2Config config, Duration idleExpiry) {
        this.config = config;
        this.learningMillis = config.learning().toMillis();
        this.idleMillis = idleExpiry.toMillis();
    }

    @Override
    public List<BehaviorRule> rules() {
        return List.of(FIRST_SEEN, BEACON);
    }

    @Override
    public String keyOf(Event e) {
        return e.source() == SourceType.ROUTE53_RESOLVER && e.dst().host() != null ? e.src().ip() : null;
    }

    @Override
    public void processElement(Event e, KeyedState<String> state, Consumer<Alert> out) {
        long t = e.time().toEpochMilli();
        ValueState<Host> hostState = host(state);
        Host h = hostState.value();
        if (h == null) {
            state.timers().registerEventTimeTimer(t + idleMillis);
            hostState.update(new Host(t, t, t + idleMillis));
        } else if (t < h.first() || t > h.last()) {
            hostState.update(new Host(Math.min(t, h.first()), Math.max(t, h.last()), h.expiryTimer()));
        }
        String dest = config.destinationOf(e.dst().host());
        if (dest == null) {
            return;
        }
        MapState<String, Destination> dests = destinations(state);
        Destination d = dests.get(dest);
        if (d == null) {
            dests.put(dest, new Destination(Status.UNDECIDED, e, List.of(e)));
            state.timers().registerEventTimeTimer(t);
        } else if (d.status() == Status.UNDECIDED || d.status() == Status.NEW) {
            Event first = BehaviorRule.EVENT_ORDER.compare(e, d.first()) < 0 ? e : d.first();
            dests.put(dest, new Destination(d.status(), first, insert(d.contacts(), e)));
            state.timers().registerEventTimeTimer(t);
        }
    }

    @Override
    public void onTimer(long time, KeyedState<String> state, Consumer<Alert> out) {
        ValueState<Host> hostState = host(state);
        Host h = hostState.value();
        if (h == null) {
            return;
        }
        MapState<String, Destination> dests = destinations(state);
        List<String> names = new ArrayList<>();
        dests.keys().forEach(names::add);
        names.sort(null);
        for (String name : names) {
            Destination d = decide(dests.get(name), h, time, state.currentKey(), out);
            dests.put(name, d);
        }
        if (time == h.expiryTimer()) {
            if (h.last() + idleMillis <= time) {
                hostState.clear();
                dests.clear();
            } else {
                long next = h.last() + idleMillis;
                state.timers().registerEventTimeTimer(next);
                hostState.update(new Host(h.first(), h.last(), next));
            }
        }
    }

    private Destination decide(Destination d, Host h, long time, String host, Consumer<Alert> out) {
        Status status = d.status();
        if (status == Status.UNDECIDED && d.first().time().toEpochMilli() <= time) {
            boolean learned = d.first().time().toEpochMilli() - h.first() >= learningMillis;
            status = learned ? Status.NEW : Status.BASELINE;
            if (learned) {
                out.accept(FIRST_SEEN.alert(host, String.format(Locale.ROOT, "%s resolved %s, first time in %s of history",
                        host, d.first().dst().host(), Units.duration(d.first().time().toEpochMilli() - h.first())),
                        List.of(d.first())));
            }
        }
        if (status != Status.NEW) {
            return new Destination(status, d.first(), status == Status.UNDECIDED ? d.contacts() : List.of());
        }
        List<Event> settled = new ArrayList<>();
        List<Event> pending = new ArrayList<>();
        for (Event c : d.contacts()) {
            if (c.time().toEpochMilli() > time) {
                pending.add(c);
            } else if (settled.isEmpty() || c.time().toEpochMilli() - last(settled) >= config.minGap().toMillis()) {
                settled.add(c);
            }
        }
        int n = config.beaconContacts();
        if (settled.size() >= n) {
            List<Event> beat = settled.subList(settled.size() - n, settled.size());
            double[] stats = intervals(beat);
            if (stats[0] <= config.maxInterval().toMillis() && stats[1] <= config.maxCv()) {
                out.accept(BEACON.alert(host, String.format(Locale.ROOT, "%s contacted %s every %ds (CV %.2f over %d contacts)",
                        host, d.first().dst().host(), Math.round(stats[0] / 1000), stats[1], n), beat));
                return new Destination(Status.BEACON_REPORTED, d.first(), List.of());
            }
        }
        List<Event> kept = new ArrayList<>(settled.subList(Math.max(0, settled.size() - (n - 1)), settled.size()));
        kept.addAll(pending);
        if (kept.size() > config.maxContacts()) {
            kept = kept.subList(kept.size() - config.maxContacts(), kept.size());
        }
        return new Destination(status, d.first(), kept);
    }

    /** Mean interval in milliseconds and coefficient of variation of consecutive contacts. */
    static double[] intervals(List<Event> contacts) {
        int k = contacts.size() - 1;
        double sum = 0;
        double[] gaps = new double[k];
        for (int i = 0; i < k; i++) {
            gaps[i] = contacts.get(i + 1).time().toEpochMilli() - contacts.get(i).time().toEpochMilli();
            sum += gaps[i];
        }
        double mean = sum / k;
        double ss = 0;
        for (double g : gaps) {
            ss += (g - mean) * (g - mean);
        }
        return new double[]{mean, mean == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(ss / k) / mean};
    }

    private static long last(List<Event> events) {
        return events.get(events.size() - 1).time().toEpochMilli();
    }

    /** Adds {@code e} in event order, keeping the latest {@code maxContacts}. */
    private List<Event> insert(List<Event> sorted, Event e) {
        List<Event> all = new ArrayList<>(sorted.size() + 1);
        all.addAll(sorted);
        int i = all.size();
        while (i > 0 && BehaviorRule.EVENT_ORDER.compare(all.get(i - 1), e) > 0) {
            i--;
        }
        all.add(i, e);
        return all.size() > config.maxContacts() ? all.subList(all.size() - config.maxContacts(), all.size()) : all;
    }

    private static ValueState<Host> host(KeyedState<String> state) {
        return state.valueState(HOST_STATE, Host.class);
    }

    private static MapState<String, Destination> destinations(KeyedState<String> state) {
        return state.mapState(DESTINATIONS_STATE, String.class, Destination.class);
    }
}
