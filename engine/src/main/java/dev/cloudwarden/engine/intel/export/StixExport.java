package dev.cloudwarden.engine.intel.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes observables as a STIX 2.1 bundle to share back: for each distinct value an {@code indicator} (a pattern
 * built from the value, quoted and escaped) and, where STIX has a cyber-observable for it, the SCO
 * ({@code ipv4-addr}, {@code ipv6-addr}, {@code domain-name}, {@code url}, {@code email-addr}, {@code file} with its
 * hash, {@code user-account} for an AWS access key id); for each observable an {@code observed-data} (first/last
 * seen, count, the SCO) and a {@code sighting} of the indicator (count, first/last seen, the observed-data, the
 * incident's title as description and its id as {@code x_cloudwarden_incident_id}). User agents have no SCO of their
 * own, so they get an indicator and a sighting only.
 *
 * <p>Ids are deterministic: SCOs take the UUIDv5 STIX 2.1 prescribes (namespace
 * {@code 00abedb4-aa42-466c-9c01-fed23315a9b7} over the canonical JSON of the id-contributing properties); the
 * other objects take a UUIDv5 over their content in CloudWarden's own namespace, so the same export twice gives the
 * same bytes. {@code created}/{@code modified} are the export time the caller gives.
 */
public final class StixExport {
    /** The namespace STIX 2.1 (section 2.9) fixes for deterministic SCO ids. */
    public static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** CloudWarden's namespace for the ids of the SDOs and SROs it writes: UUIDv5 of "cloudwarden" in the SCO namespace. */
    public static final UUID CLOUDWARDEN_NAMESPACE = uuid5(SCO_NAMESPACE, "cloudwarden");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StixExport() {
    }

    /** The bundle as JSON text (pretty-printed). */
    public static String bundle(List<Observable> observables, Instant created) {
        StringWriter w = new StringWriter();
        write(observables, created, w);
        return w.toString();
    }

    /**
     * Writes the bundle.
     *
     * @throws IllegalArgumentException when a value is not a valid value of its type
     */
    public static void write(List<Observable> observables, Instant created, Writer out) {
        ObjectNode bundle = build(observables, created);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            Json.MAPPER.writeTree(g, bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle as a tree. */
    public static ObjectNode build(List<Observable> observables, Instant created) {
        String now = time(created);
        Map<String, ObjectNode> indicators = new LinkedHashMap<>();
        Map<String, Set<String>> indicatorLabels = new LinkedHashMap<>();
        Map<String, ObjectNode> scos = new LinkedHashMap<>();
        Map<String, ObjectNode> rest = new LinkedHashMap<>();
        for (Observable o : observables) {
            String value = IocValues.normalize(o.type(), o.value());
            String pattern = pattern(o.type(), value);
            String indicatorId = "indicator--" + uuid5(CLOUDWARDEN_NAMESPACE, "indicator|" + pattern);
            ObjectNode ind = indicators.get(indicatorId);
            if (ind == null) {
                ind = sdo("indicator", indicatorId, now);
                ind.put("name", o.type().id() + " " + value);
                ind.put("pattern", pattern);
                ind.put("pattern_type", "stix");
                ind.put("pattern_version", "2.1");
                ind.put("valid_from", time(o.firstSeen()));
                indicators.put(indicatorId, ind);
                indicatorLabels.put(indicatorId, new LinkedHashSet<>());
            } else if (Instant.parse(ind.get("valid_from").asText()).isAfter(o.firstSeen())) {
                ind.put("valid_from", time(o.firstSeen()));
            }
            indicatorLabels.get(indicatorId).addAll(o.labels());

            ObjectNode sco = sco(o.type(), value);
            String observedId = null;
            if (sco != null) {
                scos.putIfAbsent(sco.get("id").asText(), sco);
                observedId = "observed-data--" + uuid5(CLOUDWARDEN_NAMESPACE, "observed-data|" + sco.get("id").asText() + "|"
                        + time(o.firstSeen()) + "|" + time(o.lastSeen()) + "|" + o.count() + "|" + o.incidentId());
                ObjectNode od = sdo("observed-data", observedId, now);
                od.put("first_observed", time(o.firstSeen()));
                od.put("last_observed", time(o.lastSeen()));
                od.put("number_observed", (int) Math.min(o.count(), 999_999_999));
                od.putArray("object_refs").add(sco.get("id").asText());
                rest.putIfAbsent(observedId, od);
            }
            String sightingId = "sighting--" + uuid5(CLOUDWARDEN_NAMESPACE, "sighting|" + indicatorId + "|" + o.incidentId() + "|"
                    + time(o.firstSeen()) + "|" + time(o.lastSeen()) + "|" + o.count());
            ObjectNode s = sdo("sighting", sightingId, now);
            s.put("sighting_of_ref", indicatorId);
            s.put("count", (int) Math.min(o.count(), 999_999_999));
            s.put("first_seen", time(o.firstSeen()));
            s.put("last_seen", time(o.lastSeen()));
            if (observedId != null) {
                s.putArray("observed_data_refs").add(observedId);
            }
            if (o.incidentTitle() != null) {
                s.put("description", o.incidentTitle());
            }
            if (o.incidentId() != null) {
                s.put("x_cloudwarden_incident_id", o.incidentId());
            }
            rest.putIfAbsent(sightingId, s);
        }
        List<ObjectNode> all = new ArrayList<>();
        for (var e : indicators.entrySet()) {
            Set<String> labels = indicatorLabels.get(e.getKey());
            if (!labels.isEmpty()) {
                ArrayNode a = e.getValue().putArray("labels");
                labels.forEach(a::add);
            }
            all.add(e.getValue());
        }
        all.addAll(scos.values());
        all.addAll(rest.values());
        StringBuilder ids = new StringBuilder();
        all.forEach(n -> ids.append(n.get("id").asText()).append('\n'));
        ObjectNode bundle = Json.NODES.objectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + uuid5(CLOUDWARDEN_NAMESPACE, "bundle|" + now + "|" + ids));
        if (!all.isEmpty()) { // the bundle schema wants one or more objects: an empty export leaves the property out
            ArrayNode objects = bundle.putArray("objects");
            all.forEach(objects::add);
        }
        return bundle;
    }

    /** The STIX pattern that matches {@code value} (already canonical) as a {@code type}: {@code [ipv4-addr:value = '198.51.100.7']}. */
    public static String pattern(IocType type, String value) {
        String v = quote(value);
        return switch (type) {
            case ADDRESS -> "[" + (value.indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr") + ":value = " + v + "]";
            case DOMAIN -> "[domain-name:value = " + v + "]";
            case URL -> "[url:value = " + v + "]";
            case MD5 -> "[file:hashes.MD5 = " + v + "]";
            case SHA1 -> "[file:hashes.'SHA-1' = " + v + "]";
            case SHA256 -> "[file:hashes.'SHA-256' = " + v + "]";
            case EMAIL -> "[email-addr:value = " + v + "]";
            case AWS_ACCESS_KEY -> "[user-account:user_id = " + v + "]";
            case USER_AGENT -> "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = " + v + "]";
        };
    }

    /** A STIX string literal: quotes around, {@code '} and {@code \} escaped with a backslash. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The SCO for a value, with its deterministic id, or null for user agents. */
    static ObjectNode sco(IocType type, String value) {
        TreeMap<String, Object> idProps = new TreeMap<>();
        String scoType;
        switch (type) {
            case ADDRESS -> {
                scoType = value.indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr";
                idProps.put("value", value);
            }
            case DOMAIN -> {
                scoType = "domain-name";
                idProps.put("value", value);
            }
            case URL -> {
                scoType = "url";
                idProps.put("value", value);
            }
            case EMAIL -> {
                scoType = "email-addr";
                idProps.put("value", value);
            }
            case MD5, SHA1, SHA256 -> {
                scoType = "file";
                idProps.put("hashes", Map.of(type == IocType.MD5 ? "MD5" : type == IocType.SHA1 ? "SHA-1" : "SHA-256", value));
            }
            case AWS_ACCESS_KEY -> {
                scoType = "user-account";
                idProps.put("user_id", value);
            }
            default -> {
                return null;
            }
        }
        ObjectNode n = Json.NODES.objectNode();
        n.put("type", scoType);
        n.put("spec_version", "2.1");
        ObjectNode props = Json.MAPPER.valueToTree(idProps);
        n.put("id", scoType + "--" + uuid5(SCO_NAMESPACE, canonical(props)));
        n.setAll(props);
        return n;
    }

    /** Compact JSON with keys sorted (the inputs here are strings and nested objects of strings, as JCS wants them). */
    private static String canonical(ObjectNode n) {
        StringBuilder sb = new StringBuilder("{");
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            var v = n.get(keys.get(i));
            sb.append(Json.NODES.textNode(keys.get(i)).toString()).append(':')
                    .append(v instanceof ObjectNode o ? canonical(o) : v.toString());
        }
        return sb.append('}').toString();
    }

    private static ObjectNode sdo(String type, String id, String now) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.put("created", now);
        n.put("modified", now);
        return n;
    }

    private static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A name-based UUID, version 5 (SHA-1), per RFC 4122. */
    public static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
