package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.net.Addresses;
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
 * A4, hosting scam or malware sites: one server suddenly serving many virtual hosts it never served. Keyed by
 * the server a load balancer's access log names as the request's target ({@code 10.0.1.10:80}); the virtual host
 * is the Host the request named (ALB logs write it into the request URL). Logs that name no target (a plain
 * Apache or nginx log, a forward proxy's log full of destinations) are not used: a vhost only means something
 * together with the server that served it.
 *
 * <p>Each host's first time served is the earliest by event time (a minimum, whatever the arrival order). A
 * timer at that time counts, once the watermark has passed it, the hosts first served within
 * {@link VhostBurstConfig#window()} before it and after the server's learning period; at
 * {@link VhostBurstConfig#minNewHosts()} it alerts, then stays quiet for one window.
 */
public final class VhostBurstDetector implements BehaviorDetector {
    public static final BehaviorRule RULE = new BehaviorRule(BehaviorRule.PREFIX + "vhost_burst",
            "Burst of new virtual hosts on one server", Level.HIGH,
            List.of("attack.t1583", "attack.t1608", "cloudwarden.a4"));
    static final String SERVER_STATE = "vhost-server";
    static final String HOSTS_STATE = "vhost-hosts";

    /** When the server was first and last seen, its pending expiry timer, until when it stays quiet, its host count. */
    public record Server(long first, long last, long expiryTimer, long quietUntil, int hosts) implements ImmutableState {
        Server seen(long t) {
            return new Server(Math.min(t, first), Math.max(t, last), expiryTimer, quietUntil, hosts);
        }
    }

    /** A virtual host of a server: the first request it served (the earliest) and when it was last served. */
    public record Vhost(Event first, long last) implements ImmutableState {
    }

    private final VhostBurstConfig config;
    private final long learningMillis;
    private final long windowMillis;
    private final long idleMillis;

    public VhostBurstDetector(VhostBurstConfig config, Duration idleExpiry) {
        this.config = config;
        this.learningMillis = config.learning().toMillis();
        this.windowMillis = config.window().toMillis();
        this.idleMillis = idleExpiry.toMillis();
    }

    @Override
    public List<BehaviorRule> rules() {
        return List.of(RULE);
    }

    @Override
    public String keyOf(Event e) {
        if (e.source() != SourceType.WEB_ACCESS || e.dst().ip() == null) {
            return null;
        }
        return e.dst().port() == null ? e.dst().ip() : e.dst().ip() + ":" + e.dst().port();
    }

    @Override
    public void processElement(Event e, KeyedState<String> state, Consumer<Alert> out) {
        long t = e.time().toEpochMilli();
        ValueState<Server> serverState = server(state);
        Server s = serverState.value();
        if (s == null) {
            state.timers().registerEventTimeTimer(t + idleMillis);
            s = new Server(t, t, t + idleMillis, Long.MIN_VALUE, 0);
            serverState.update(s);
        } else if (t < s.first() || t > s.last()) {
            s = s.seen(t);
            serverState.update(s);
        }
        String host = vhost(e);
        if (host == null) {
            return;
        }
        MapState<String, Vhost> hosts = hosts(state);
        Vhost v = hosts.get(host);
        if (v == null) {
            if (s.hosts() >= config.maxHosts()) {
                return;
            }
            hosts.put(host, new Vhost(e, t));
            serverState.update(new Server(s.first(), s.last(), s.expiryTimer(), s.quietUntil(), s.hosts() + 1));
            state.timers().registerEventTimeTimer(t);
        } else if (BehaviorRule.EVENT_ORDER.compare(e, v.first()) < 0) {
            hosts.put(host, new Vhost(e, Math.max(t, v.last())));
            state.timers().registerEventTimeTimer(t);
        } else if (t > v.last()) {
            hosts.put(host, new Vhost(v.first(), t));
        }
    }

    @Override
    public void onTimer(long time, KeyedState<String> state, Consumer<Alert> out) {
        ValueState<Server> serverState = server(state);
        Server s = serverState.value();
        if (s == null) {
            return;
        }
        MapState<String, Vhost> hosts = hosts(state);
        long learnedAt = s.first() + learningMillis;
        if (time >= learnedAt && time >= s.quietUntil()) {
            List<Event> fresh = new ArrayList<>();
            for (String h : hosts.keys()) {
                long first = hosts.get(h).first().time().toEpochMilli();
                if (first >= learnedAt && first <= time && first > time - windowMillis) {
                    fresh.add(hosts.get(h).first());
                }
            }
            if (fresh.size() >= config.minNewHosts()) {
                fresh.sort(BehaviorRule.EVENT_ORDER);
                List<Event> evidence = fresh.subList(Math.max(0, fresh.size() - config.evidence()), fresh.size());
                out.accept(RULE.alert(state.currentKey(), String.format(Locale.ROOT,
                        "%s served %d new hosts within %s (%s ...)", state.currentKey(), fresh.size(),
                        Units.duration(windowMillis), String.join(", ", evidence.stream().limit(3)
                                .map(VhostBurstDetector::vhost).toList())), evidence));
                s = new Server(s.first(), s.last(), s.expiryTimer(), time + windowMillis, s.hosts());
            }
        }
        if (time == s.expiryTimer()) {
            if (s.last() + idleMillis <= time) {
                serverState.clear();
                hosts.clear();
                return;
            }
            List<String> stale = new ArrayList<>();
            for (String h : hosts.keys()) {
                if (hosts.get(h).last() + idleMillis <= time) {
                    stale.add(h);
                }
            }
            stale.forEach(hosts::remove);
            long next = s.last() + idleMillis;
            state.timers().registerEventTimeTimer(next);
            s = new Server(s.first(), s.last(), next, s.quietUntil(), s.hosts() - stale.size());
        }
        serverState.update(s);
    }

    /** The virtual host a served request named, lower-cased; null for errors, addresses and requests without one. */
    static String vhost(Event e) {
        String host = e.dst().host();
        if (host == null || e.outcome().status() != Outcome.Status.SUCCESS || Addresses.looksLikeIp(host)) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static ValueState<Server> server(KeyedState<String> state) {
        return state.valueState(SERVER_STATE, Server.class);
    }

    private static MapState<String, Vhost> hosts(KeyedState<String> state) {
        return state.mapState(HOSTS_STATE, String.class, Vhost.class);
    }
}
