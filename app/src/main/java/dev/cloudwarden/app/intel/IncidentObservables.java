package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;
import dev.cloudwarden.engine.intel.export.Observable;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The observables of an incident (as {@code scan --incidents} writes it, {@code cloudwarden.incident/1}), to share
 * back as STIX: every value a threat-intel alert of the incident matched (the alert's {@code matched} observable),
 * counted per alert, first and last seen at those alerts' times; and the incident's public addresses (and, when
 * asked, its access key ids), counted once per alert of the incident over its first to last time. Private, loopback,
 * link-local and other special addresses are never shared. Labels are the incident's ATT&CK techniques
 * ({@code attack.t1496}) and catalog ids ({@code cloudwarden.m2}).
 */
public final class IncidentObservables {
    private IncidentObservables() {
    }

    /**
     * @param incident    one incident object
     * @param accessKeys  also share the incident's access key ids (they are the user's own keys, stolen or not)
     * @throws IllegalArgumentException when the object is not an incident (the codec's reason)
     */
    public static List<Observable> of(JsonNode incident, boolean accessKeys) {
        Incident i = IncidentCodec.read(incident).incident();
        String id = i.id();
        List<String> labels = new ArrayList<>();
        i.techniques().forEach(t -> labels.add("attack." + t.toLowerCase(Locale.ROOT)));
        for (List<String> dim : List.of(i.classification().initialAccess(), i.classification().actions(),
                i.classification().malware())) {
            dim.forEach(c -> labels.add("cloudwarden." + c.toLowerCase(Locale.ROOT)));
        }
        String title = "CloudWarden incident " + id + " (" + i.severity().id()
                + (labels.isEmpty() ? "" : "; " + String.join(", ", labels)) + ")";
        Map<String, Observable> out = new LinkedHashMap<>();
        for (Alert a : i.alerts()) {
            for (dev.cloudwarden.engine.alert.Observable matched : a.observables()) {
                IocType type = dev.cloudwarden.engine.alert.Observable.MATCHED.equals(matched.role())
                        ? typeOf(matched.type()) : null;
                if (type == null) {
                    continue;
                }
                String value;
                try {
                    value = IocValues.normalize(type, matched.value());
                } catch (IllegalArgumentException e) {
                    continue; // matched as seen in a log, but not a value an indicator can hold
                }
                Observable seen = new Observable(type, value, a.time(), a.time(), 1, id, title, labels);
                out.merge(type.id() + " " + value, seen, IncidentObservables::plus);
            }
        }
        for (Entity e : i.entities()) {
            IocType type = e.type() == EntityType.IP && isPublic(e.value()) ? IocType.ADDRESS
                    : e.type() == EntityType.ACCESS_KEY && accessKeys ? IocType.AWS_ACCESS_KEY : null;
            if (type == null) {
                continue;
            }
            String value;
            try {
                value = IocValues.normalize(type, e.value());
            } catch (IllegalArgumentException ex) {
                continue;
            }
            out.putIfAbsent(type.id() + " " + value, new Observable(type, value, i.first(), i.last(), i.size(), id, title,
                    labels));
        }
        return new ArrayList<>(out.values());
    }

    static boolean isPublic(String address) {
        IPAddress a = new IPAddressString(address).getAddress();
        if (a == null) {
            return false;
        }
        if (a.isIPv6() && a.isIPv4Convertible()) {
            a = a.toIPv4();
        }
        return !(a.isLocal() || a.isLoopback() || a.isMulticast() || a.isAnyLocal() || a.isLinkLocal()
                || (a.isIPv4() && (a.toIPv4().isPrivate() || a.toIPv4().getSegment(0).getSegmentValue() == 100
                && (a.toIPv4().getSegment(1).getSegmentValue() & 0xC0) == 64)));
    }

    private static Observable plus(Observable a, Observable b) {
        return new Observable(a.type(), a.value(), a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(), a.count() + b.count(), a.incidentId(),
                a.incidentTitle(), a.labels());
    }

    private static IocType typeOf(String id) {
        for (IocType t : IocType.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
