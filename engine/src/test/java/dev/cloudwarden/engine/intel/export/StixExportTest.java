package dev.cloudwarden.engine.intel.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.feed.StixBundleReader;
import dev.cloudwarden.engine.intel.feed.StixPattern;
import dev.cloudwarden.engine.intel.feed.StixPatternException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class StixExportTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123456Z");
    static final Instant T1 = Instant.parse("2024-04-30T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-04-30T11:30:00Z");

    static final List<Observable> OBSERVABLES = List.of(
            new Observable(IocType.ADDRESS, "198.51.100.7", T1, T2, 42, "inc-1", "Graboid worm on docker-1", List.of("malware:graboid", "cloudwarden.m2")),
            new Observable(IocType.ADDRESS, "2001:db8::/32", T1, null, 1, "inc-1", "Graboid worm on docker-1", List.of()),
            new Observable(IocType.DOMAIN, "Pool.Example", T1, T2, 7, "inc-1", "Graboid worm on docker-1", List.of("attack.t1496")),
            new Observable(IocType.DOMAIN, "pool.example", T2, T2, 1, "inc-2", "Miner on web-3", List.of("cloudwarden.a3")),
            new Observable(IocType.URL, "http://c2.example/it's.sh", T1, T2, 2, null, null, List.of()),
            new Observable(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4", T1, T2, 1, "inc-1", null, List.of()),
            new Observable(IocType.SHA1, "a".repeat(40), T1, T2, 1, "inc-1", null, List.of()),
            new Observable(IocType.SHA256, "b".repeat(64), T1, T2, 1, "inc-1", null, List.of()),
            new Observable(IocType.EMAIL, "ops@evil.example", T1, T2, 1, "inc-1", null, List.of()),
            new Observable(IocType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", T1, T2, 3, "inc-1", null, List.of()),
            new Observable(IocType.USER_AGENT, "Mozilla/5.0 'quoted' \\ agent", T1, T2, 5, "inc-1", null, List.of()));

    @Test
    void patternsAreQuotedEscapedAndParse() throws StixPatternException {
        assertThat(StixExport.pattern(IocType.ADDRESS, "198.51.100.7")).isEqualTo("[ipv4-addr:value = '198.51.100.7']");
        assertThat(StixExport.pattern(IocType.ADDRESS, "2001:db8::/32")).isEqualTo("[ipv6-addr:value = '2001:db8::/32']");
        assertThat(StixExport.pattern(IocType.SHA256, "b".repeat(64))).isEqualTo("[file:hashes.'SHA-256' = '" + "b".repeat(64) + "']");
        String ua = StixExport.pattern(IocType.USER_AGENT, "it's a \\ test");
        assertThat(ua).isEqualTo("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'it\\'s a \\\\ test']");
        assertThat(StixPattern.parse(ua).print()).isEqualTo(ua);
    }

    @Test
    void scoIdsFollowTheStixRecipe() {
        // STIX 2.1 section 2.9: UUIDv5 in namespace 00abedb4-... over the canonical JSON of the id properties
        assertThat(StixExport.uuid5(StixExport.SCO_NAMESPACE, "{\"value\":\"198.51.100.7\"}"))
                .hasToString(StixExport.sco(IocType.ADDRESS, "198.51.100.7").get("id").asText().substring("ipv4-addr--".length()))
                .satisfies(u -> assertThat(u.version()).isEqualTo(5));
        // RFC 4122 appendix B style check of the UUIDv5 itself: the DNS namespace and "www.example.com"
        assertThat(StixExport.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(StixExport.sco(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4").get("id").asText())
                .isEqualTo("file--" + StixExport.uuid5(StixExport.SCO_NAMESPACE, "{\"hashes\":{\"MD5\":\"79054025255fb1a26e4bc422aef54eb4\"}}"));
        assertThat(StixExport.sco(IocType.USER_AGENT, "x")).isNull();
    }

    @Test
    void theBundleHasIndicatorsObservedDataAndSightings() throws IOException {
        JsonNode b = Json.MAPPER.readTree(StixExport.bundle(OBSERVABLES, NOW));
        Map<String, Integer> counts = new HashMap<>();
        b.get("objects").forEach(o -> counts.merge(o.get("type").asText(), 1, Integer::sum));
        // pool.example twice gives one indicator and one SCO, but two observed-data and two sightings
        assertThat(counts).isEqualTo(Map.of("indicator", 10, "ipv4-addr", 1, "ipv6-addr", 1, "domain-name", 1, "url", 1,
                "file", 3, "email-addr", 1, "user-account", 1, "observed-data", 10, "sighting", 11));
        JsonNode pool = find(b, "indicator", "[domain-name:value = 'pool.example']");
        assertThat(pool.get("labels")).extracting(JsonNode::asText).containsExactly("attack.t1496", "cloudwarden.a3");
        assertThat(pool.get("valid_from").asText()).isEqualTo("2024-04-30T10:00:00.000Z");
        assertThat(pool.get("created").asText()).isEqualTo("2024-05-01T12:00:00.123Z");
        JsonNode sighting = null;
        for (JsonNode o : b.get("objects")) {
            if (o.get("type").asText().equals("sighting") && o.path("x_cloudwarden_incident_id").asText().equals("inc-2")) {
                sighting = o;
            }
        }
        assertThat(sighting).isNotNull();
        assertThat(sighting.get("sighting_of_ref").asText()).isEqualTo(pool.get("id").asText());
        assertThat(sighting.get("description").asText()).isEqualTo("Miner on web-3");
        assertThat(sighting.get("count").asInt()).isEqualTo(1);
        String od = sighting.get("observed_data_refs").get(0).asText();
        assertThat(b.get("objects")).anySatisfy(o -> {
            assertThat(o.get("id").asText()).isEqualTo(od);
            assertThat(o.get("number_observed").asInt()).isEqualTo(1);
        });
    }

    /**
     * Golden file: the exact bundle for {@link #OBSERVABLES}. A deliberate format change rewrites it with
     * {@code -Dcw.golden.update=true} and shows up in review as a diff of the JSON.
     */
    @Test
    void theBundleMatchesItsGoldenFile() throws IOException {
        String actual = StixExport.bundle(OBSERVABLES.subList(0, 4), NOW) + "\n";
        Path golden = Path.of("src/test/resources/intel/stix/golden-export.json");
        if (Boolean.getBoolean("cw.golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @Test
    void exportsAreDeterministic() {
        assertThat(StixExport.bundle(OBSERVABLES, NOW)).isEqualTo(StixExport.bundle(OBSERVABLES, NOW));
        assertThat(StixExport.bundle(OBSERVABLES, NOW)).isNotEqualTo(StixExport.bundle(OBSERVABLES.subList(0, 3), NOW));
    }

    /** The bundle schema says {@code "objects": {"minItems": 1}} and does not require the property: nothing to share, no property. */
    @Test
    void anEmptyExportLeavesObjectsOut() throws IOException {
        JsonNode b = Json.MAPPER.readTree(StixExport.bundle(List.of(), NOW));
        assertThat(b.has("objects")).isFalse();
        assertThat(b.get("type").asText()).isEqualTo("bundle");
        assertThat(b.get("id").asText()).startsWith("bundle--");
        FeedResult r = new StixBundleReader().read("empty.json", b.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).isEmpty();
        assertThat(r.indicators()).isEmpty();
    }

    @Test
    void theBundleReadsBackThroughTheReader() {
        String json = StixExport.bundle(OBSERVABLES, NOW);
        FeedResult r = new StixBundleReader().read("export.json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).isEmpty();
        assertThat(r.indicators()).extracting(Indicator::type, Indicator::value).containsExactlyInAnyOrder(
                tuple(IocType.ADDRESS, "198.51.100.7"), tuple(IocType.ADDRESS, "2001:db8::/32"), tuple(IocType.DOMAIN, "pool.example"),
                tuple(IocType.URL, "http://c2.example/it's.sh"), tuple(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4"),
                tuple(IocType.SHA1, "a".repeat(40)), tuple(IocType.SHA256, "b".repeat(64)), tuple(IocType.EMAIL, "ops@evil.example"),
                tuple(IocType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE"), tuple(IocType.USER_AGENT, "Mozilla/5.0 'quoted' \\ agent"));
        assertThat(r.indicators()).filteredOn(i -> i.value().equals("198.51.100.7")).singleElement().satisfies(i -> {
            assertThat(i.labels()).containsExactly("malware:graboid", "cloudwarden.m2");
            assertThat(i.validFrom()).isEqualTo(T1);
        });
        // the SCOs are the indicators' own values; sightings are not indicators
        assertThat(r.skippedByReason()).containsEntry("stix observed value already indicated", 10).containsEntry("stix sighting", 11);
    }

    @Test
    void badObservablesAreRefused() {
        assertThatThrownBy(() -> StixExport.bundle(List.of(new Observable(IocType.ADDRESS, "nope", T1, T2, 1, null, null, List.of())), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> new Observable(IocType.ADDRESS, "198.51.100.7", T2, T1, 1, null, null, List.of()))
                .hasMessageContaining("is before firstSeen");
        assertThatThrownBy(() -> new Observable(IocType.ADDRESS, "198.51.100.7", T1, T2, 0, null, null, List.of()))
                .hasMessageContaining("count must be at least 1");
    }

    /** Every object has the properties its STIX 2.1 JSON schema requires, ids and timestamps of the schema's forms. */
    @Test
    void objectsHaveWhatTheStixSchemasRequire() throws IOException {
        Path schemas = schemas();
        JsonNode b = Json.MAPPER.readTree(StixExport.bundle(OBSERVABLES, NOW));
        assertThat(missing(b, schemas.resolve("common/bundle.json"))).isEmpty();
        Pattern timestamp = Pattern.compile(Json.MAPPER.readTree(schemas.resolve("common/timestamp.json").toFile()).get("pattern").asText());
        Pattern id = Pattern.compile(Json.MAPPER.readTree(schemas.resolve("common/identifier.json").toFile()).get("pattern").asText());
        for (JsonNode o : b.get("objects")) {
            String type = o.get("type").asText();
            Path schema = null;
            for (String dir : List.of("sdos", "sros", "observables")) {
                if (Files.exists(schemas.resolve(dir).resolve(type + ".json"))) {
                    schema = schemas.resolve(dir).resolve(type + ".json");
                }
            }
            assertThat(schema).as("schema for " + type).isNotNull();
            assertThat(missing(o, schema)).as(o.get("id").asText()).isEmpty();
            assertThat(o.get("id").asText()).matches(id).startsWith(type + "--");
            for (String f : List.of("created", "modified", "valid_from", "first_observed", "last_observed", "first_seen", "last_seen")) {
                if (o.has(f)) {
                    assertThat(o.get(f).asText()).matches(timestamp);
                }
            }
            // custom properties follow the STIX naming rule
            o.fieldNames().forEachRemaining(f -> assertThat(f.startsWith("x_") ? f : "x_ok").matches("[a-z0-9_]{3,250}"));
        }
    }

    /** The required properties of {@code schema} (following allOf and $ref) that {@code o} lacks. */
    private static Set<String> missing(JsonNode o, Path schema) throws IOException {
        Set<String> required = new LinkedHashSet<>();
        collectRequired(schema, Json.MAPPER.readTree(schema.toFile()), required, new ArrayList<>());
        required.removeIf(o::has);
        return required;
    }

    private static void collectRequired(Path file, JsonNode s, Set<String> out, List<Path> seen) throws IOException {
        s.path("required").forEach(r -> out.add(r.asText()));
        for (JsonNode part : s.path("allOf")) {
            if (part.has("$ref") && !part.get("$ref").asText().startsWith("#")) {
                Path ref = file.getParent().resolve(part.get("$ref").asText()).normalize();
                if (!seen.contains(ref)) {
                    seen.add(ref);
                    collectRequired(ref, Json.MAPPER.readTree(ref.toFile()), out, seen);
                }
            } else {
                collectRequired(file, part, out, seen);
            }
        }
    }

    private static JsonNode find(JsonNode bundle, String type, String pattern) {
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals(type) && o.path("pattern").asText().equals(pattern)) {
                return o;
            }
        }
        throw new AssertionError("no " + type + " with " + pattern);
    }

    private static Path schemas() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String c : new String[] {"shared/datasets/intel/stix2-json-schemas/schemas", "../shared/datasets/intel/stix2-json-schemas/schemas"}) {
                Path candidate = dir.resolve(c).normalize();
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("the STIX 2.1 JSON schemas (../shared/datasets/intel/stix2-json-schemas) are not on this machine");
        return null;
    }
}
