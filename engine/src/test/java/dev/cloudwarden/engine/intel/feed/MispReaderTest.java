package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class MispReaderTest {
    private final MispReader reader = new MispReader();

    private FeedResult read(String json) {
        return reader.read("misp.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String EVENT = """
            {"Event": {"info": "Graboid worm", "threat_level_id": "2", "uuid": "5c000000-0000-4000-8000-000000000001",
              "Tag": [{"name": "tlp:AMBER"}, {"name": "misp-galaxy:malpedia=\\"Graboid\\""}, {"name": "workflow:state=\\"complete\\""}],
              "Attribute": [
                {"uuid": "a1", "type": "ip-dst", "value": "198.51.100.7", "to_ids": true, "first_seen": "2019-10-01T00:00:00.000000+00:00"},
                {"uuid": "a2", "type": "ip-dst|port", "value": "198.51.100.8|2375", "to_ids": true},
                {"uuid": "a3", "type": "domain|ip", "value": "c2.example|203.0.113.5", "to_ids": true, "comment": "C2",
                 "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\\"Resource Hijacking - T1496\\""}]},
                {"uuid": "a4", "type": "hostname", "value": "Pool.Example.", "to_ids": true, "Tag": [{"name": "osint:certainty=\\"93\\""}]},
                {"uuid": "a5", "type": "url", "value": "http://c2.example/x.sh", "to_ids": true},
                {"uuid": "a6", "type": "filename|sha256", "value": "x.sh|%s", "to_ids": true},
                {"uuid": "a7", "type": "email-src", "value": "Bad@Example.com", "to_ids": true},
                {"uuid": "a8", "type": "user-agent", "value": "Docker-Client/18.09", "to_ids": true},
                {"uuid": "a9", "type": "link", "value": "https://blog.example/graboid", "to_ids": false},
                {"uuid": "a10", "type": "ip-src", "value": "8.8.8.8", "to_ids": false},
                {"uuid": "a11", "type": "md5", "value": "not-a-hash", "to_ids": true},
                {"uuid": "a12", "type": "sha1", "value": "%s", "to_ids": true, "deleted": true},
                {"uuid": "a13", "type": "uri", "value": "/x.sh", "to_ids": true},
                {"uuid": "a14", "type": "ip-dst"},
                {"uuid": "a15", "type": "url", "value": "evil.top/gate.php", "to_ids": true},
                {"uuid": "a16", "type": "url", "value": "www.evil.top", "to_ids": true}
              ],
              "Object": [{"name": "file", "Attribute": [
                {"uuid": "o1", "type": "md5", "value": "79054025255FB1A26E4BC422AEF54EB4", "to_ids": true},
                {"uuid": "o2", "type": "filename", "value": "x.sh", "to_ids": false}],
                "Tag": [{"name": "misp-galaxy:threat-actor=\\"APT37\\""}]}]
            }}""".formatted("a".repeat(64), "b".repeat(40));

    @Test
    void anEventGivesItsAttributesWithLabelsAndConfidence() {
        FeedResult r = read(EVENT);
        assertThat(r.indicators()).extracting(Indicator::id, Indicator::type, Indicator::value, Indicator::confidence).containsExactly(
                tuple("a1", IocType.ADDRESS, "198.51.100.7", 60),
                tuple("a2", IocType.ADDRESS, "198.51.100.8", 60),
                tuple("a3#domain:c2.example", IocType.DOMAIN, "c2.example", 60),
                tuple("a3#address:203.0.113.5", IocType.ADDRESS, "203.0.113.5", 60),
                tuple("a4", IocType.DOMAIN, "pool.example", 93),
                tuple("a5", IocType.URL, "http://c2.example/x.sh", 60),
                tuple("a6", IocType.SHA256, "a".repeat(64), 60),
                tuple("a7", IocType.EMAIL, "bad@example.com", 60),
                tuple("a8", IocType.USER_AGENT, "Docker-Client/18.09", 60),
                tuple("a15", IocType.URL, "http://evil.top/gate.php", 60),
                tuple("a16", IocType.DOMAIN, "www.evil.top", 60),
                tuple("o1", IocType.MD5, "79054025255fb1a26e4bc422aef54eb4", 60));
        Indicator a1 = r.indicators().get(0);
        assertThat(a1.labels()).containsExactly("tlp:amber", "malware:graboid", "cloudwarden.m2");
        assertThat(a1.validFrom()).isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(a1.description()).isEqualTo("Graboid worm");
        assertThat(r.indicators().get(2).labels()).containsExactly("tlp:amber", "malware:graboid", "cloudwarden.m2", "attack.t1496");
        assertThat(r.indicators().get(2).description()).isEqualTo("Graboid worm: C2");
        assertThat(r.indicators().get(11).labels()).containsExactly("tlp:amber", "malware:graboid", "cloudwarden.m2", "actor:apt37", "cloudwarden.m6");
        assertThat(r.skippedByReason()).isEqualTo(Map.of("misp type link", 1, "misp attribute with to_ids false", 1,
                "misp deleted attribute", 1, "misp uri without a host", 1, "misp type filename", 1));
        assertThat(r.problems()).extracting(FeedProblem::location, FeedProblem::reason).containsExactly(
                tuple("misp.json: Event.Attribute[10] (a11)", "md5: 'not-a-hash' is not an MD5 (32 hex digits)"),
                tuple("misp.json: Event.Attribute[13] (a14)", "an attribute needs a \"type\" and a \"value\""));
    }

    @Test
    void nonIdsAttributesCanBeImportedAtLowConfidence() {
        FeedResult r = reader.includingNonIds().read("misp.json", EVENT.getBytes(StandardCharsets.UTF_8));
        assertThat(r.indicators()).filteredOn(i -> i.value().equals("8.8.8.8")).singleElement().satisfies(i -> {
            assertThat(i.confidence()).isEqualTo(MispReader.NON_IDS_CONFIDENCE);
            assertThat(i.labels()).contains("misp:not-to-ids");
        });
    }

    @Test
    void theCirclFeedEventGivesItsHashes() {
        FeedResult r = reader.read("circl", Fixtures.bytes("misp/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        assertThat(r.indicators()).extracting(Indicator::type, Indicator::value).containsExactly(
                tuple(IocType.MD5, "0749bae92ca336a02c83d126e04ec628"),
                tuple(IocType.SHA1, "77b0c41b7d340b8a3d903f21347bbf06aa766b5b"),
                tuple(IocType.SHA256, "b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68"));
        assertThat(r.indicators()).allSatisfy(i -> {
            assertThat(i.confidence()).isEqualTo(35);
            assertThat(i.labels()).containsExactly("tlp:white");
            assertThat(i.description()).isEqualTo("Ransomware - Xorist: Imported via the Freetext Import Tool");
        });
        assertThat(r.skippedByReason()).isEqualTo(Map.of("misp type link", 2, "misp type comment", 1, "misp type text", 1,
                "misp type filename", 1, "misp type regkey|value", 1));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void pymispSamplesReadInEveryLayout() {
        FeedResult sighting = reader.read("s", Fixtures.bytes("misp/sighting_1.json"));
        assertThat(sighting.indicators()).hasSize(5).allSatisfy(i -> assertThat(i.labels()).containsExactly("malware:gozi"));
        FeedResult rest = reader.read("r", Fixtures.bytes("misp/malware_exist.json"));
        assertThat(rest.indicators()).extracting(Indicator::type).containsExactly(IocType.MD5, IocType.MD5, IocType.SHA1, IocType.SHA256);
        assertThat(rest.indicators()).allSatisfy(i -> assertThat(i.confidence()).isEqualTo(85));
        FeedResult bare = reader.read("b", Fixtures.bytes("misp/misp_event.json"));
        assertThat(bare.indicators()).isEmpty();
        assertThat(bare.skippedByReason()).isEqualTo(Map.of("misp attribute with to_ids false", 1, "misp type text", 1));
        assertThat(bare.problems()).isEmpty();
    }

    @Test
    void restAttributeListsAreRead() {
        FeedResult r = read("""
                {"response": {"Attribute": [
                  {"uuid": "b1", "type": "domain", "value": "pool.example", "to_ids": true, "Event": {"info": "miners", "threat_level_id": "1"},
                   "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\\"Resource Hijacking - T1496\\""}]},
                  {"uuid": "b2", "type": "ip-src", "value": "203.0.113.9", "to_ids": true}]}}""");
        assertThat(r.indicators()).extracting(Indicator::value, Indicator::confidence, Indicator::labels, Indicator::description).containsExactly(
                tuple("pool.example", 85, List.of("attack.t1496"), "miners"),
                tuple("203.0.113.9", null, List.of(), null));
    }

    @Test
    void brokenInputIsAProblem() {
        assertThat(read("{\"Event\": {\"info\": \"x\", \"Attribute\": [").problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("malformed JSON: Unexpected end-of-input"));
        assertThat(read("{\"hello\": 1}").problems()).extracting(FeedProblem::reason)
                .containsExactly("not MISP: expected {\"Event\": ...}, {\"response\": ...} or a list of events");
        assertThat(read("{\"Event\": {\"info\": \"x\", \"Attribute\": {\"a\": 1}}}").problems()).extracting(FeedProblem::reason)
                .containsExactly("expected a list of attributes");
        assertThat(read("[1]").problems()).extracting(FeedProblem::location, FeedProblem::reason)
                .containsExactly(tuple("misp.json: [0]", "expected a MISP event object"));
        assertThat(read("").problems()).extracting(FeedProblem::reason)
                .containsExactly("not MISP: expected {\"Event\": ...}, {\"response\": ...} or a list of events");
    }

    @Test
    void manifestsListEventsToFetch() {
        String json = """
                {"5c000000-0000-4000-8000-000000000001": {"info": "Graboid", "date": "2019-10-16", "timestamp": "1571270000",
                   "threat_level_id": "2", "Orgc": {"name": "CIRCL"}, "Tag": [{"name": "tlp:white"}]},
                 "5c000000-0000-4000-8000-000000000002": {"info": "old", "date": "2016-08-29", "timestamp": 1472548231},
                 "not-a-uuid": {},
                 "5c000000-0000-4000-8000-000000000003": [],
                 "5c000000-0000-4000-8000-000000000004": {"date": "yesterday", "timestamp": "soon"}}""";
        MispManifest m = MispManifest.read("manifest.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.events()).extracting(MispManifest.Entry::uuid).containsExactly("5c000000-0000-4000-8000-000000000001",
                "5c000000-0000-4000-8000-000000000002", "5c000000-0000-4000-8000-000000000004");
        MispManifest.Entry first = m.events().get(0);
        assertThat(first).isEqualTo(new MispManifest.Entry("5c000000-0000-4000-8000-000000000001", "Graboid", LocalDate.of(2019, 10, 16),
                Instant.ofEpochSecond(1571270000), 2, "CIRCL", List.of("tlp:white")));
        assertThat(m.changedSince(Instant.parse("2018-01-01T00:00:00Z"))).extracting(MispManifest.Entry::info)
                .containsExactly("Graboid", null);
        assertThat(MispManifest.eventFile(first.uuid())).isEqualTo("5c000000-0000-4000-8000-000000000001.json");
        assertThat(m.problems()).extracting(FeedProblem::reason).containsExactly("not an event uuid; entry skipped",
                "the summary is not an object; entry skipped", "date is not YYYY-MM-DD: 'yesterday'; ignored",
                "timestamp is not epoch seconds: 'soon'; ignored");
        assertThat(MispManifest.read("m", new ByteArrayInputStream("[".getBytes(StandardCharsets.UTF_8))).problems()).hasSize(1);
    }

    @Test
    void everyPymispSampleReadsWithoutAnException() throws IOException {
        Path dir = Fixtures.sharedIntel().resolve("misp-pymisp/tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int indicators = 0;
        for (Path f : files) {
            FeedResult r = reader.read(f.getFileName().toString(), Files.readAllBytes(f));
            indicators += r.indicators().size();
        }
        assertThat(files).hasSize(31);
        assertThat(indicators).isGreaterThan(400);
    }
}
