package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;
import dev.cloudwarden.engine.intel.export.Observable;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The observables of an incident (as {@code scan --incidents} writes it, one JSON object per line), to share back
 * as STIX: every value a threat-intel alert of the incident matched ({@code Threat intel: <type> <value> listed by
 * ...}), counted per alert, first and last seen at those alerts' times; and the incident's public addresses (and,
 * when asked, its access key ids), counted once per alert of the incident over its first to last time. A value the
 * alert title had to cut or whose control characters it replaced is left out, as the title no longer holds it. Private,
 * loopback, link-local and other special addresses are never shared. Labels are the incident's ATT&CK techniques
 * ({@code attack.t1496}) and catalog ids ({@code cloudwarden.m2}).
 */
public final class IncidentObservables {
    /** IntelDetector cuts values in titles to this length and appends "...". */
    private static final int MAX_TITLE_VALUE = 120;
    private static final Pattern INTEL_TITLE = Pattern.compile("^Threat intel: ([a-z0-9-]+) (.+?) listed by .*$", Pattern.DOTALL);

    private IncidentObservables() {
    }

    /**
     * @param incident    one incident object
     * @param accessKeys  also share the incident's access key ids (they are the user's own keys, stolen or not)
     * @throws IllegalArgumentException when the object is not an incident (no id, first or last time)
     */
    public static List<Observable> of(JsonNode incident, boolean accessKeys) {
        String id = text(incident, "id");
        Instant first = time(incident, "first");
        Instant last = time(incident, "last");
        List<String> labels = new ArrayList<>();
        incident.path("techniques").forEach(t -> labels.add("attack." + t.asText().toLowerCase(Locale.ROOT)));
        for (String dim : List.of("initial_access", "actions", "malware")) {
            incident.path(dim).forEach(c -> labels.add("cloudwarden." + c.asText().toLowerCase(Locale.ROOT)));
        }
        String title = "CloudWarden incident " + id + " (" + incident.path("severity").asText("unknown")
                + (labels.isEmpty() ? "" : "; " + String.join(", ", labels)) + ")";
        int alerts = Math.max(1, incident.path("alerts").size());
        Map<String, Observable> out = new LinkedHashMap<>();
        for (JsonNode a : incident.path("alerts")) {
            Matcher m = INTEL_TITLE.matcher(a.path("rule").asText(""));
            if (!m.matches()) {
                continue;
            }
            IocType type = typeOf(m.group(1));
            Instant at = a.hasNonNull("time") ? parse(a.path("time").asText(), first) : first;
            if (type == null) {
                continue;
            }
            String shown = m.group(2);
            if ((shown.length() == MAX_TITLE_VALUE + 3 && shown.endsWith("...")) || (type == IocType.USER_AGENT && shown.indexOf('?') >= 0)) {
                continue; // the title cut the value, or replaced its control characters by '?': not the value itself
            }
            String value;
            try {
                value = IocValues.normalize(type, shown);
            } catch (IllegalArgumentException e) {
                continue; // a value the title had to cut or escape: not the value itself
            }
            Observable seen = new Observable(type, value, at, at, 1, id, title, labels);
            out.merge(type.id() + " " + value, seen, IncidentObservables::plus);
        }
        for (JsonNode e : incident.path("entities")) {
            String s = e.asText("");
            int colon = s.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String kind = s.substring(0, colon);
            String value = s.substring(colon + 1);
            IocType type = kind.equals("ip") && isPublic(value) ? IocType.ADDRESS
                    : kind.equals("access-key") && accessKeys ? IocType.AWS_ACCESS_KEY : null;
            if (type == null) {
                continue;
            }
            try {
                value = IocValues.normalize(type, value);
            } catch (IllegalArgumentException ex) {
                continue;
            }
            out.putIfAbsent(type.id() + " " + value, new Observable(type, value, first, last, alerts, id, title, labels));
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

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("not an incident: no '" + field + "'");
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an incident: '" + field + "' is not a time");
        }
    }

    private static Instant parse(String t, Instant fallback) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
