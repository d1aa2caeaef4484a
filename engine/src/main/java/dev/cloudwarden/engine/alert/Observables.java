package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;

import java.util.List;
import java.util.TreeSet;

/**
 * The observables of an alert: what its detector matched, then what its events name in their normalized parts
 * (addresses and host names by direction, the actor's principal, access key and user agent, a DNS query's name,
 * the resources touched). Sorted and without repeats, so the same alert always lists the same observables.
 */
public final class Observables {
    private Observables() {
    }

    public static List<Observable> of(Alert alert) {
        TreeSet<Observable> out = new TreeSet<>(alert.observables());
        for (Event e : alert.events()) {
            addAll(e, out);
        }
        return List.copyOf(out);
    }

    private static void addAll(Event e, TreeSet<Observable> out) {
        add(out, "ip", e.src().ip(), "src");
        add(out, "host", e.src().host(), "src");
        add(out, "ip", e.dst().ip(), "dst");
        // a resolver log's destination is the name asked for, not a host that was reached
        add(out, e.source() == SourceType.ROUTE53_RESOLVER ? "domain" : "host", e.dst().host(),
                e.source() == SourceType.ROUTE53_RESOLVER ? "query" : "dst");
        add(out, "principal", e.actor().principal(), "actor");
        add(out, "access_key", e.actor().accessKeyId(), "actor");
        add(out, "user_agent", e.userAgent(), "actor");
        for (Resource r : e.resources()) {
            add(out, "resource", r.type() == null ? r.id() : r.type() + ":" + r.id(), "target");
        }
    }

    private static void add(TreeSet<Observable> out, String type, String value, String role) {
        if (value != null && !value.isEmpty()) {
            out.add(new Observable(type, value, role));
        }
    }
}
