package dev.cloudwarden.engine.intel.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads STIX 2.1 (and 2.0) JSON into indicators: a {@code bundle}, a TAXII 2.1 envelope ({@code {"objects": [...],
 * "more": ...}}), a bare array of objects, or a single object.
 *
 * <ul>
 *   <li>{@code indicator} with {@code pattern_type: stix} (or none, as in STIX 2.0): the values of its pattern
 *       ({@link PatternIocs}), with {@code valid_from}/{@code valid_until}, {@code confidence}, {@code labels},
 *       the phase names of {@code kill_chain_phases}, and its description (or name). Revoked indicators and other
 *       pattern languages (Snort, YARA, Sigma...) are skipped.</li>
 *   <li>{@code relationship} of type {@code indicates} from an indicator labels it with its target: a
 *       {@code malware} gives {@code malware:<name>}, an {@code intrusion-set}/{@code threat-actor} gives
 *       {@code actor:<name>} (with the catalog tag {@code cloudwarden.m<n>} when the name or an alias is in
 *       THREATS.md, {@link FamilyTags}), an {@code attack-pattern} gives {@code attack.t<id>} from its ATT&CK
 *       external reference, a {@code campaign} gives {@code campaign:<name>}.</li>
 *   <li>{@code observed-data}: what was seen is not a verdict that it is malicious, but sharing it says it is of
 *       interest, so its addresses, domains, URLs, e-mail addresses, file hashes and AWS access key ids (from the
 *       2.0 {@code objects} map or the 2.1 {@code object_refs}) become indicators of low confidence (the
 *       observed-data's own {@code confidence} if given, else {@link #OBSERVED_CONFIDENCE}), labelled
 *       {@code stix:observed-data}, valid from {@code first_observed}. A value the bundle also has an indicator for
 *       is left to that indicator.</li>
 *   <li>Everything else (identities, reports, sightings, relationships of other types, SCOs outside observed-data,
 *       custom objects) is skipped and counted by type in {@link FeedResult#skippedByReason()}.</li>
 *   <li>The same id twice: the later {@code modified} wins, the other counts as skipped; two different objects
 *       with one id and one {@code modified} are a conflict (a problem; the later in the file wins).</li>
 * </ul>
 * An indicator's id is its STIX id when its pattern gives one value, else {@code <stix id>#<type>:<value>} for each
 * ({@link #stixIdOf} gives the STIX id back). Problems name the object ({@code source: objects[17] (indicator--..)
 * line 40}); malformed JSON stops the reading with its line and column, keeping the objects before it.
 */
public final class StixBundleReader {
    /** Confidence of observed-data values that carry none. */
    public static final int OBSERVED_CONFIDENCE = 15;
    /** Highest confidence of a value that is only part of an AND ({@link PatternIocs.Ioc#partial()}). */
    public static final int PARTIAL_CONFIDENCE = 30;

    private static final Set<String> SCO_TYPES = Set.of("ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr",
            "file", "artifact", "user-account", "network-traffic", "mac-addr", "autonomous-system", "directory",
            "email-message", "mutex", "process", "software", "windows-registry-key", "x509-certificate");

    private final FeedLimits limits;
    private final ObjectMapper mapper;

    public StixBundleReader() {
        this(FeedLimits.defaults());
    }

    public StixBundleReader(FeedLimits limits) {
        this.limits = limits;
        this.mapper = JsonMapper.builder(Json.factory(limits.maxDepth())).build();
    }

    /** The STIX id of an indicator this reader made ({@code indicator--x#domain:a.example} gives {@code indicator--x}). */
    public static String stixIdOf(String indicatorId) {
        int hash = indicatorId.indexOf('#');
        return hash < 0 ? indicatorId : indicatorId.substring(0, hash);
    }

    public FeedResult read(String source, byte[] json) {
        return read(source, new ByteArrayInputStream(json));
    }

    /** Reads the whole stream (it is not closed); never throws for bad content, which becomes problems. */
    public FeedResult read(String source, InputStream json) {
        Run run = new Run(source);
        try (JsonParser p = mapper.createParser(new LimitedInputStream(json, limits.maxBytes()))) {
            run.top(p);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            run.problem(source + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr()),
                    "malformed JSON, reading stopped: " + e.getOriginalMessage());
        } catch (IOException e) {
            run.problem(source, e.getMessage());
        }
        return run.finish();
    }

    /** One object as read: where it was and its tree. */
    private record Obj(int index, int line, ObjectNode node) {
        String type() {
            return node.path("type").asText();
        }

        String id() {
            return node.path("id").asText();
        }
    }

    /** The state of one read. */
    private final class Run {
        final String source;
        final List<FeedProblem> problems = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final Map<String, Obj> byId = new LinkedHashMap<>();
        int count;

        Run(String source) {
            this.source = source;
        }

        void problem(String location, String reason) {
            problems.add(new FeedProblem(location, reason));
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        String where(Obj o) {
            String id = o.node.path("id").isTextual() ? " (" + o.id() + ")" : "";
            return source + ": objects[" + o.index + "]" + id + " line " + o.line;
        }

        void top(JsonParser p) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                objects(p);
            } else if (t == JsonToken.START_OBJECT) {
                ObjectNode rest = Json.NODES.objectNode();
                boolean sawObjects = false;
                int line = (int) p.currentLocation().getLineNr();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("objects") && v == JsonToken.START_ARRAY) {
                        sawObjects = true;
                        objects(p);
                    } else {
                        rest.set(name, mapper.readTree(p));
                    }
                }
                if (!sawObjects && rest.path("type").isTextual() && !rest.path("type").asText().equals("bundle")) {
                    add(new Obj(0, line, rest));
                } else if (!sawObjects && !rest.has("type")) {
                    problem(source, "not STIX: expected a bundle, a TAXII envelope with \"objects\", or a STIX object");
                }
            } else {
                problem(source, "not STIX: expected a JSON object or array, found " + (t == null ? "nothing" : shorten(p.getText())));
            }
        }

        void objects(JsonParser p) throws IOException {
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY || t == null) {
                    return;
                }
                int index = count++;
                int line = (int) p.currentTokenLocation().getLineNr();
                JsonNode n = mapper.readTree(p);
                if (!(n instanceof ObjectNode o)) {
                    problem(source + ": objects[" + index + "] line " + line, "expected a STIX object, found " + n.getNodeType().name().toLowerCase());
                    continue;
                }
                add(new Obj(index, line, o));
            }
        }

        void add(Obj o) {
            if (!o.node.path("type").isTextual() || o.type().isBlank()) {
                problem(where(o), "the object has no \"type\"");
                return;
            }
            if (!o.node.path("id").isTextual() || !o.id().startsWith(o.type() + "--")) {
                problem(where(o), "the " + o.type() + " has no \"id\" of the form " + o.type() + "--<uuid>");
                return;
            }
            Obj old = byId.get(o.id());
            if (old == null) {
                byId.put(o.id(), o);
                return;
            }
            String om = old.node.path("modified").asText("");
            String nm = o.node.path("modified").asText("");
            int cmp = compareTimes(nm, om);
            if (cmp == 0) {
                if (old.node.equals(o.node)) {
                    skip("stix duplicate object");
                    return;
                }
                problem(where(o), "conflicts with objects[" + old.index + "]: the same id and modified time ("
                        + (nm.isEmpty() ? "none" : nm) + ") but different content; the later one is kept");
            }
            skip("stix older version");
            if (cmp >= 0) {
                byId.remove(o.id());
                byId.put(o.id(), o);
            }
        }

        FeedResult finish() {
            Map<String, List<String>> labelsOf = new HashMap<>();
            Map<String, List<String>> targetLabels = new HashMap<>();
            List<Obj> indicators = new ArrayList<>();
            List<Obj> observed = new ArrayList<>();
            Set<String> referencedScos = new HashSet<>();
            for (Obj o : byId.values()) {
                switch (o.type()) {
                    case "indicator" -> indicators.add(o);
                    case "observed-data" -> {
                        observed.add(o);
                        for (JsonNode r : o.node.path("object_refs")) {
                            referencedScos.add(r.asText());
                        }
                    }
                    case "malware" -> targetLabels.put(o.id(), named(o, FamilyTags::malware));
                    case "intrusion-set", "threat-actor" -> targetLabels.put(o.id(), named(o, FamilyTags::actor));
                    case "campaign" -> targetLabels.put(o.id(), List.of("campaign:" + IocDetect.lower(o.node.path("name").asText("").strip())));
                    case "attack-pattern" -> targetLabels.put(o.id(), techniques(o));
                    case "relationship" -> {
                        if (!o.node.path("relationship_type").asText().equals("indicates")) {
                            skip("stix relationship " + o.node.path("relationship_type").asText("(no type)"));
                        }
                    }
                    default -> {
                        if (!SCO_TYPES.contains(o.type())) {
                            skip("stix " + o.type());
                        }
                    }
                }
            }
            for (Obj o : byId.values()) {
                if (o.type().equals("relationship") && o.node.path("relationship_type").asText().equals("indicates")) {
                    List<String> l = targetLabels.get(o.node.path("target_ref").asText());
                    if (l != null && !l.isEmpty()) {
                        labelsOf.computeIfAbsent(o.node.path("source_ref").asText(), k -> new ArrayList<>()).addAll(l);
                    }
                } else if (SCO_TYPES.contains(o.type()) && !referencedScos.contains(o.id())) {
                    skip("stix " + o.type() + " outside observed-data");
                }
            }
            List<Indicator> out = new ArrayList<>();
            Set<String> indicated = new HashSet<>();
            for (Obj o : indicators) {
                indicator(o, labelsOf.getOrDefault(o.id(), List.of()), out, indicated);
            }
            Set<String> seen = new HashSet<>();
            for (Obj o : observed) {
                observedData(o, out, indicated, seen);
            }
            int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
            return new FeedResult(source, out, problems, total, skipped);
        }

        List<String> named(Obj o, java.util.function.Function<String, List<String>> labeller) {
            Set<String> out = new LinkedHashSet<>(labeller.apply(o.node.path("name").asText("")));
            for (JsonNode a : o.node.path("aliases")) {
                for (String l : labeller.apply(a.asText(""))) {
                    if (l.startsWith("cloudwarden.")) {
                        out.add(l);
                    }
                }
            }
            return List.copyOf(out);
        }

        List<String> techniques(Obj o) {
            List<String> out = new ArrayList<>();
            for (JsonNode r : o.node.path("external_references")) {
                String src = r.path("source_name").asText("");
                if (src.startsWith("mitre-") || src.equals("attack")) {
                    String t = FamilyTags.technique(r.path("external_id").asText(""));
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        void indicator(Obj o, List<String> related, List<Indicator> out, Set<String> indicated) {
            ObjectNode n = o.node;
            if (n.path("revoked").asBoolean(false)) {
                skip("stix revoked indicator");
                return;
            }
            String patternType = n.path("pattern_type").asText("stix");
            if (!patternType.equals("stix")) {
                skip("stix indicator with pattern_type " + patternType);
                return;
            }
            if (!n.path("pattern").isTextual()) {
                problem(where(o), "the indicator has no \"pattern\" string");
                return;
            }
            StixPattern pattern;
            try {
                pattern = StixPattern.parse(n.path("pattern").asText());
            } catch (StixPatternException e) {
                problem(where(o), "invalid pattern " + e.getMessage());
                return;
            }
            PatternIocs.Extraction x = PatternIocs.extract(pattern);
            for (String why : x.problems()) {
                problem(where(o), why);
            }
            Instant from = time(o, "valid_from");
            Instant until = time(o, "valid_until");
            if (from != null && until != null && !until.isAfter(from)) {
                problem(where(o), "valid_until " + until + " is not after valid_from " + from + "; imported as expired");
            }
            Integer confidence = confidence(o);
            Set<String> labels = new LinkedHashSet<>();
            for (JsonNode l : n.path("labels")) {
                if (l.isTextual() && !l.asText().isBlank()) {
                    labels.add(l.asText().strip());
                }
            }
            labels.addAll(related);
            List<String> phases = new ArrayList<>();
            for (JsonNode k : n.path("kill_chain_phases")) {
                if (k.path("phase_name").isTextual()) {
                    phases.add(k.path("phase_name").asText());
                }
            }
            String description = text(n, "description");
            if (description == null) {
                description = text(n, "name");
            }
            if (x.iocs().isEmpty()) {
                if (x.problems().isEmpty()) {
                    problem(where(o), "the pattern has no value CloudWarden can match");
                }
                return;
            }
            for (PatternIocs.Ioc ioc : x.iocs()) {
                String id = x.iocs().size() == 1 ? o.id() : o.id() + "#" + ioc.type().id() + ":" + ioc.value();
                List<String> l = new ArrayList<>(labels);
                Integer c = confidence;
                if (ioc.partial()) {
                    l.add("pattern:partial");
                    c = c == null ? PARTIAL_CONFIDENCE : Math.min(c, PARTIAL_CONFIDENCE);
                }
                out.add(new Indicator(id, ioc.type(), ioc.value(), source, c, l, from, until, phases, description));
                indicated.add(ioc.type().id() + ":" + ioc.value());
            }
        }

        void observedData(Obj o, List<Indicator> out, Set<String> indicated, Set<String> seen) {
            ObjectNode n = o.node;
            Integer confidence = confidence(o);
            if (confidence == null) {
                confidence = OBSERVED_CONFIDENCE;
            }
            Instant first = time(o, "first_observed");
            List<String[]> values = new ArrayList<>(); // id, type, raw value
            JsonNode embedded = n.path("objects");
            embedded.fields().forEachRemaining(e -> sco(o.id() + "#", e.getValue(), values));
            for (JsonNode r : n.path("object_refs")) {
                Obj sco = byId.get(r.asText());
                if (sco == null) {
                    problem(where(o), "object_refs names " + r.asText() + ", which is not in this bundle");
                } else {
                    sco(sco.id(), sco.node, values);
                }
            }
            for (String[] v : values) {
                IocType type = IocType.valueOf(v[1]);
                String value;
                try {
                    value = IocValues.normalize(type, v[2]);
                } catch (IllegalArgumentException e) {
                    problem(where(o), e.getMessage());
                    continue;
                }
                String key = type.id() + ":" + value;
                if (indicated.contains(key)) {
                    skip("stix observed value already indicated");
                    continue;
                }
                if (!seen.add(key)) {
                    skip("stix observed value repeated");
                    continue;
                }
                String id = v[0].endsWith("#") ? v[0] + key : v[0];
                out.add(new Indicator(id, type, value, source, confidence, List.of("stix:observed-data"), first, null,
                        List.of(), text(n, "description")));
            }
        }

        /** The values of one SCO; {@code id} ends with '#' for embedded objects (the value is appended). */
        void sco(String id, JsonNode s, List<String[]> values) {
            String type = s.path("type").asText("");
            String value = s.path("value").asText(null);
            switch (type) {
                case "ipv4-addr", "ipv6-addr" -> add(values, id, IocType.ADDRESS, value);
                case "domain-name" -> add(values, id, IocType.DOMAIN, value);
                case "url" -> add(values, id, IocType.URL, value);
                case "email-addr" -> add(values, id, IocType.EMAIL, value);
                case "user-account" -> {
                    for (String f : List.of("user_id", "account_login")) {
                        String v = s.path(f).asText("");
                        if (IocDetect.isAccessKey(v)) {
                            add(values, id, IocType.AWS_ACCESS_KEY, v);
                            break;
                        }
                    }
                }
                case "file", "artifact" -> s.path("hashes").fields().forEachRemaining(h -> {
                    String alg = h.getKey().toUpperCase(java.util.Locale.ROOT).replace("-", "");
                    IocType t = switch (alg) {
                        case "MD5" -> IocType.MD5;
                        case "SHA1" -> IocType.SHA1;
                        case "SHA256" -> IocType.SHA256;
                        default -> null;
                    };
                    if (t != null) {
                        add(values, id.endsWith("#") ? id : id + "#", t, h.getValue().asText(null));
                    }
                });
                default -> {
                    // network-traffic and the rest: their addresses are objects of their own, read above
                }
            }
        }

        void add(List<String[]> values, String id, IocType type, String raw) {
            if (raw != null) {
                values.add(new String[] {id, type.name(), raw});
            }
        }

        Instant time(Obj o, String field) {
            JsonNode v = o.node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            try {
                return Instant.parse(v.asText());
            } catch (DateTimeParseException e) {
                problem(where(o), field + " is not a timestamp: '" + shorten(v.asText()) + "'; ignored");
                return null;
            }
        }

        Integer confidence(Obj o) {
            JsonNode c = o.node.get("confidence");
            if (c == null || c.isNull()) {
                return null;
            }
            if (!c.isIntegralNumber() || c.asInt() < 0 || c.asInt() > 100) {
                problem(where(o), "confidence must be a whole number 0-100, not " + shorten(c.toString()) + "; ignored");
                return null;
            }
            return c.asInt();
        }
    }

    private static int compareTimes(String a, String b) {
        try {
            return Instant.parse(a).compareTo(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return a.compareTo(b);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String shorten(String v) {
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }
}
