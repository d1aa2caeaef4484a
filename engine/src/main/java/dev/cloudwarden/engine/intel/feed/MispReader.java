package dev.cloudwarden.engine.intel.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MISP JSON into indicators: an event ({@code {"Event": {...}}}, as in MISP feeds and exports, or a bare
 * event object), the REST search answers ({@code {"response": [events]}} and {@code {"response": {"Attribute":
 * [...]}}}), or a list of events. Attributes of the event and of its objects are read alike. Feed manifests are
 * read by {@link MispManifest}.
 *
 * <p>Attribute types and what they give:
 * <table>
 *   <caption>MISP attribute types</caption>
 *   <tr><td>{@code ip-src}, {@code ip-dst}, {@code ip-src|port}, {@code ip-dst|port}</td><td>address (the port is dropped)</td></tr>
 *   <tr><td>{@code domain}, {@code hostname}, {@code hostname|port}</td><td>domain</td></tr>
 *   <tr><td>{@code domain|ip}</td><td>a domain and an address</td></tr>
 *   <tr><td>{@code url}, {@code uri} with a host</td><td>URL; a {@code url} without a scheme is read as a list
 *   line is ({@link IocDetect}): {@code evil.top/x.php} is {@code http://evil.top/x.php}, {@code www.evil.top} the
 *   domain</td></tr>
 *   <tr><td>{@code md5}, {@code sha1}, {@code sha256}, {@code filename|md5|sha1|sha256}, {@code malware-sample}</td><td>hashes</td></tr>
 *   <tr><td>{@code email}, {@code email-src}, {@code email-dst}, {@code email-reply-to}, {@code whois-registrant-email}</td><td>e-mail address</td></tr>
 *   <tr><td>{@code user-agent}</td><td>user agent</td></tr>
 * </table>
 * Other types (links, comments, file names, registry keys, YARA...) are skipped and counted by type.
 *
 * <p>{@code to_ids: false} means the author says the value is context, not for detection (a report link, a
 * benign resolver): such attributes are skipped by default; {@link #includingNonIds()} imports them with a
 * confidence of at most {@link #NON_IDS_CONFIDENCE} and the label {@code misp:not-to-ids}. Deleted attributes are
 * skipped. Confidence comes from the event's {@code threat_level_id} (1 high 85, 2 medium 60, 3 low 35, 4 undefined
 * none), overridden by an {@code osint:certainty="N"} tag. Labels come from the tags and galaxy clusters of the
 * event and the attribute: {@code tlp:*} as they are; {@code misp-galaxy:<malware kinds>="X"} (malpedia,
 * mitre-malware, tool, ransomware, botnet, rat...) as {@code malware:x}; threat actors and intrusion sets as
 * {@code actor:x}; any tag naming an ATT&CK technique ({@code misp-galaxy:mitre-attack-pattern="Resource Hijacking
 * - T1496"}) as {@code attack.t1496}; the catalog tag {@code cloudwarden.m<n>} where the family is in THREATS.md.
 * Other tags are not kept. {@code first_seen} becomes the valid-from time; MISP gives no expiry.
 */
public final class MispReader {
    /** Highest confidence of an attribute marked {@code to_ids: false} when those are imported. */
    public static final int NON_IDS_CONFIDENCE = 20;

    private static final Pattern GALAXY = Pattern.compile("misp-galaxy:([a-z0-9-]+)=\"(.*)\"");
    private static final Pattern CERTAINTY = Pattern.compile("osint:certainty=\"([0-9]{1,3})\"");
    private static final Set<String> MALWARE_GALAXIES = Set.of("malpedia", "mitre-malware", "mitre-tool", "tool", "ransomware",
            "botnet", "backdoor", "banker", "rat", "stealer", "android", "mitre-enterprise-attack-malware",
            "mitre-enterprise-attack-tool", "malware", "exploit-kit");
    private static final Set<String> ACTOR_GALAXIES = Set.of("threat-actor", "mitre-intrusion-set",
            "mitre-enterprise-attack-intrusion-set", "microsoft-activity-group", "360net", "intrusion-set");

    private final FeedLimits limits;
    private final boolean nonIds;
    private final ObjectMapper mapper;

    public MispReader() {
        this(FeedLimits.defaults(), false);
    }

    public MispReader(FeedLimits limits) {
        this(limits, false);
    }

    private MispReader(FeedLimits limits, boolean nonIds) {
        this.limits = limits;
        this.nonIds = nonIds;
        this.mapper = JsonMapper.builder(Json.factory(limits.maxDepth())).build();
    }

    /** A reader that also imports attributes marked {@code to_ids: false}, at low confidence. */
    public MispReader includingNonIds() {
        return new MispReader(limits, true);
    }

    public FeedResult read(String source, byte[] json) {
        return read(source, new ByteArrayInputStream(json));
    }

    /** Reads the whole stream (it is not closed); bad content becomes problems, never exceptions. */
    public FeedResult read(String source, InputStream json) {
        Run run = new Run(source);
        JsonNode root;
        try {
            root = readTree(mapper, json, limits);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            run.problems.add(new FeedProblem(source + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr()),
                    "malformed JSON: " + e.getOriginalMessage()));
            return run.finish();
        } catch (IOException e) {
            run.problems.add(new FeedProblem(source, e.getMessage()));
            return run.finish();
        }
        run.root(root);
        return run.finish();
    }

    static JsonNode readTree(ObjectMapper mapper, InputStream in, FeedLimits limits) throws IOException {
        JsonNode n = mapper.readTree(new LimitedInputStream(in, limits.maxBytes()));
        return n == null ? Json.NODES.missingNode() : n;
    }

    private final class Run {
        final String source;
        final List<Indicator> out = new ArrayList<>();
        final List<FeedProblem> problems = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();

        Run(String source) {
            this.source = source;
        }

        FeedResult finish() {
            return new FeedResult(source, out, problems, skipped.values().stream().mapToInt(Integer::intValue).sum(), skipped);
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        void root(JsonNode root) {
            if (root.has("Event")) {
                event(root.get("Event"), "Event");
            } else if (root.has("response")) {
                JsonNode r = root.get("response");
                if (r.isArray()) {
                    events(r, "response");
                } else if (r.has("Attribute")) {
                    attributes(r.get("Attribute"), "response.Attribute", null, List.of());
                } else {
                    problems.add(new FeedProblem(source, "a MISP response without events or \"Attribute\""));
                }
            } else if (root.isArray()) {
                events(root, "");
            } else if (root.isObject() && (root.has("Attribute") || root.has("Object") || root.has("info"))) {
                event(root, "Event");
            } else {
                problems.add(new FeedProblem(source, "not MISP: expected {\"Event\": ...}, {\"response\": ...} or a list of events"));
            }
        }

        void events(JsonNode list, String path) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String p = path.isEmpty() ? "[" + i + "]" : path + "[" + i + "]";
                if (e.has("Event")) {
                    event(e.get("Event"), p + ".Event");
                } else if (e.isObject()) {
                    event(e, p);
                } else {
                    problems.add(new FeedProblem(source + ": " + p, "expected a MISP event object"));
                }
            }
        }

        void event(JsonNode e, String path) {
            if (!e.isObject()) {
                problems.add(new FeedProblem(source + ": " + path, "expected a MISP event object"));
                return;
            }
            Context ctx = new Context(confidence(e.path("threat_level_id").asText("")), text(e, "info"));
            ctx = ctx.withTags(e);
            attributes(e.path("Attribute"), path + ".Attribute", ctx, List.of());
            JsonNode objects = e.path("Object");
            for (int i = 0; i < objects.size(); i++) {
                JsonNode o = objects.get(i);
                if (o.path("deleted").asBoolean(false)) {
                    skip("misp deleted object");
                    continue;
                }
                attributes(o.path("Attribute"), path + ".Object[" + i + "].Attribute", ctx.withTags(o), List.of());
            }
        }

        void attributes(JsonNode list, String path, Context ctx, List<String> extra) {
            if (list.isMissingNode() || list.isNull()) {
                return;
            }
            if (!list.isArray()) {
                problems.add(new FeedProblem(source + ": " + path, "expected a list of attributes"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode a = list.get(i);
                Context c = ctx;
                if (c == null) {
                    // bare attributes from the REST API carry their event's fields only partly
                    c = new Context(confidence(a.path("Event").path("threat_level_id").asText("")), text(a.path("Event"), "info"));
                }
                attribute(a, path + "[" + i + "]", c.withTags(a));
            }
        }

        void attribute(JsonNode a, String path, Context ctx) {
            String uuid = a.path("uuid").asText("");
            String where = source + ": " + path + (uuid.isEmpty() ? "" : " (" + uuid + ")");
            if (!a.isObject() || !a.path("type").isTextual() || !a.path("value").isValueNode()) {
                problems.add(new FeedProblem(where, "an attribute needs a \"type\" and a \"value\""));
                return;
            }
            if (a.path("deleted").asBoolean(false)) {
                skip("misp deleted attribute");
                return;
            }
            String type = a.get("type").asText();
            String value = a.get("value").asText();
            List<IocType> types = new ArrayList<>();
            List<String> raws = new ArrayList<>();
            String[] parts = value.split("\\|", -1);
            switch (type) {
                case "ip-src", "ip-dst" -> add(types, raws, IocType.ADDRESS, value);
                case "ip-src|port", "ip-dst|port" -> add(types, raws, IocType.ADDRESS, parts[0]);
                case "domain", "hostname" -> add(types, raws, IocType.DOMAIN, value);
                case "hostname|port" -> add(types, raws, IocType.DOMAIN, parts[0]);
                case "domain|ip" -> {
                    add(types, raws, IocType.DOMAIN, parts[0]);
                    if (parts.length > 1) {
                        add(types, raws, IocType.ADDRESS, parts[1]);
                    }
                }
                case "url" -> {
                    // MISP URLs often lack the scheme: 'www.evil.top', 'evil.top/x.php' (as http://)
                    IocDetect.Detected d = IocDetect.url(value);
                    add(types, raws, d.ok() ? d.type() : IocType.URL, d.ok() ? d.value() : value);
                }
                case "uri" -> {
                    if (value.contains("://")) {
                        add(types, raws, IocType.URL, value);
                    } else {
                        skip("misp uri without a host");
                        return;
                    }
                }
                case "md5" -> add(types, raws, IocType.MD5, value);
                case "sha1" -> add(types, raws, IocType.SHA1, value);
                case "sha256" -> add(types, raws, IocType.SHA256, value);
                case "filename|md5", "malware-sample" -> add(types, raws, IocType.MD5, parts[parts.length - 1]);
                case "filename|sha1" -> add(types, raws, IocType.SHA1, parts[parts.length - 1]);
                case "filename|sha256" -> add(types, raws, IocType.SHA256, parts[parts.length - 1]);
                case "email", "email-src", "email-dst", "email-reply-to", "whois-registrant-email" -> add(types, raws, IocType.EMAIL, value);
                case "user-agent" -> add(types, raws, IocType.USER_AGENT, value);
                default -> {
                    skip("misp type " + type);
                    return;
                }
            }
            boolean ids = a.path("to_ids").asBoolean(true);
            if (!ids && !nonIds) {
                skip("misp attribute with to_ids false");
                return;
            }
            Integer confidence = ctx.confidence;
            List<String> labels = new ArrayList<>(ctx.labels);
            if (!ids) {
                confidence = confidence == null ? NON_IDS_CONFIDENCE : Math.min(confidence, NON_IDS_CONFIDENCE);
                labels.add("misp:not-to-ids");
            }
            Instant from = null;
            if (a.path("first_seen").isTextual()) {
                try {
                    from = java.time.OffsetDateTime.parse(a.get("first_seen").asText()).toInstant();
                } catch (DateTimeParseException e) {
                    problems.add(new FeedProblem(where, "first_seen is not a timestamp: '" + a.get("first_seen").asText() + "'; ignored"));
                }
            }
            String comment = text(a, "comment");
            String description = ctx.info == null ? comment : comment == null ? ctx.info : ctx.info + ": " + comment;
            String id = uuid.isEmpty() ? null : uuid;
            for (int i = 0; i < types.size(); i++) {
                String v;
                try {
                    v = IocValues.normalize(types.get(i), raws.get(i));
                } catch (IllegalArgumentException e) {
                    problems.add(new FeedProblem(where, type + ": " + e.getMessage()));
                    continue;
                }
                String iid = id == null ? IocValues.idOf(types.get(i), v, source)
                        : types.size() == 1 ? id : id + "#" + types.get(i).id() + ":" + v;
                out.add(new Indicator(iid, types.get(i), v, source, confidence, labels, from, null, List.of(), description));
            }
        }

        void add(List<IocType> types, List<String> raws, IocType t, String raw) {
            types.add(t);
            raws.add(raw);
        }
    }

    /** What an event (and an object, and an attribute) passes down: confidence, labels, the event's info. */
    private record Context(Integer confidence, String info, List<String> labels) {
        Context(Integer confidence, String info) {
            this(confidence, info, List.of());
        }

        Context withTags(JsonNode n) {
            Set<String> l = new LinkedHashSet<>(labels);
            Integer c = confidence;
            List<String> names = new ArrayList<>();
            for (JsonNode t : n.path("Tag")) {
                names.add(t.path("name").asText(""));
            }
            for (JsonNode g : n.path("Galaxy")) {
                for (JsonNode cl : g.path("GalaxyCluster")) {
                    names.add(cl.path("tag_name").asText(""));
                }
            }
            for (String name : names) {
                Matcher cert = CERTAINTY.matcher(name);
                if (cert.matches() && Integer.parseInt(cert.group(1)) <= 100) {
                    c = Integer.parseInt(cert.group(1));
                }
                l.addAll(labelsOf(name));
            }
            return new Context(c, info, List.copyOf(l));
        }
    }

    /** The labels one MISP tag gives (see the class comment). */
    static List<String> labelsOf(String tag) {
        String t = tag.strip();
        List<String> out = new ArrayList<>();
        if (t.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
            out.add(t.toLowerCase(Locale.ROOT));
            return out;
        }
        Matcher m = GALAXY.matcher(t);
        if (m.matches()) {
            String kind = m.group(1);
            String value = m.group(2);
            if (MALWARE_GALAXIES.contains(kind)) {
                out.addAll(FamilyTags.malware(value));
            } else if (ACTOR_GALAXIES.contains(kind)) {
                out.addAll(FamilyTags.actor(value));
            }
        }
        if (t.contains("attack-pattern") || m.matches()) {
            String tech = FamilyTags.techniqueIn(t);
            if (tech != null) {
                out.add(tech);
            }
        }
        return out;
    }

    private static Integer confidence(String threatLevel) {
        return switch (threatLevel.strip()) {
            case "1" -> 85;
            case "2" -> 60;
            case "3" -> 35;
            default -> null;
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }
}
