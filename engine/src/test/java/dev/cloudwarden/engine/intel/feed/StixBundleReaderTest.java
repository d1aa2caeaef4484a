package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StixBundleReaderTest {
    private final StixBundleReader reader = new StixBundleReader();

    private FeedResult read(String json) {
        return reader.read("t.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String bundle(String... objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + String.join(",", objects) + "]}";
    }

    private static String indicator(String id, String pattern, String extra) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + id + "\",\"created\":\"2020-01-01T00:00:00.000Z\","
                + "\"modified\":\"2020-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\",\"valid_from\":\"2020-01-01T00:00:00Z\","
                + "\"pattern\":\"" + pattern.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + extra + "}";
    }

    @Test
    void theOasisC2ExampleGivesOneAddress() {
        FeedResult r = reader.read("c2.json", Fixtures.bytes("stix/indicator-for-c2-ip-address.json"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.indicators()).containsExactly(new Indicator("indicator--33fe3b22-0201-47cf-85d0-97c02164528d",
                IocType.ADDRESS, "10.0.0.0", "c2.json", null, List.of(), Instant.parse("2014-05-08T09:00:00Z"), null,
                List.of(), "Test description C2 channel."));
    }

    private static final List<String> COA_MALWARE = List.of("malware:poison ivy");

    @Test
    void theOasisExamplesReadWithTheirProblemsNamed() {
        FeedResult coa = reader.read("coa.json", Fixtures.bytes("stix/indicators-for-C2-with-COA.json"));
        assertThat(coa.indicators()).extracting(Indicator::type, Indicator::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IocType.ADDRESS, "10.0.0.0"),
                org.assertj.core.groups.Tuple.tuple(IocType.SHA256, "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"));
        assertThat(coa.indicators()).allSatisfy(i -> assertThat(i.labels()).containsExactlyElementsOf(COA_MALWARE));
        assertThat(coa.problems()).isEmpty();
        assertThat(coa.skippedByReason()).containsEntry("stix course-of-action", 1).containsEntry("stix relationship mitigates", 1);

        FeedResult mail = reader.read("mail.json", Fixtures.bytes("stix/malicious-email-indicator-with-attachment.json"));
        assertThat(mail.indicators()).isEmpty();
        assertThat(mail.problems()).extracting(FeedProblem::reason).containsExactly(
                "email-message:subject MATCHES '^[IMPORTANT] Please Review Before': unsupported object path email-message:subject",
                "email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$': unsupported object path email-message:body_multipart[*].body_raw_ref.name");
        assertThat(mail.problems().get(0).location()).isEqualTo("mail.json: objects[2] (indicator--8cf9236f-1b96-493d-98be-0c1c1e8b62d7) line 29");
    }

    @Test
    void poisonIvyReportLabelsIndicatorsWithMalwareAndAttackPatterns() {
        FeedResult r = reader.read("poisonivy.json", Fixtures.bytes("stix/poisonivy.json"));
        // 25 indicators: 23 give 64 values (OR patterns give several), two have only a file name
        assertThat(r.indicators()).hasSize(64);
        assertThat(r.indicators()).extracting(Indicator::id).doesNotHaveDuplicates();
        assertThat(r.indicators()).filteredOn(i -> i.value().equals("www.webserver.dynssl.com")).singleElement()
                .satisfies(i -> {
                    assertThat(i.type()).isEqualTo(IocType.DOMAIN);
                    assertThat(i.id()).startsWith("indicator--").contains("#domain:www.webserver.dynssl.com");
                    assertThat(i.labels()).containsExactly("campaign:admin@338", "malware:pivy variant (8010cae3e8431bb11ed6dc9acabb93b7,)");
                });
        assertThat(r.problems()).extracting(FeedProblem::reason).containsExactlyInAnyOrder(
                "file:name = 'CBricksDoc': unsupported object path file:name",
                "file:name = 'CPiShellPutDoc': unsupported object path file:name",
                "domain-name:value = 'domain autuo.xicp.net': 'domain autuo.xicp.net' is not a domain name");
        assertThat(r.skippedByReason()).containsEntry("stix vulnerability", 6).containsEntry("stix identity", 1)
                .containsEntry("stix report", 1);
        assertThat(r.skipped()).isEqualTo(r.skippedByReason().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void relationshipsAddMalwareCatalogAndAttackLabels() {
        FeedResult r = read(bundle(
                indicator("1", "[domain-name:value = 'pool.example']", ",\"labels\":[\"mining\"],\"confidence\":80,"
                        + "\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"impact\"}],\"valid_until\":\"2030-01-01T00:00:00Z\""),
                "{\"type\":\"malware\",\"id\":\"malware--g\",\"name\":\"Graboid\",\"is_family\":true}",
                "{\"type\":\"malware\",\"id\":\"malware--p\",\"name\":\"Linux miner\",\"aliases\":[\"GreedyAntd\"],\"is_family\":true}",
                "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--a\",\"name\":\"APT37\"}",
                "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--r\",\"name\":\"Resource Hijacking\",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1496\"}]}",
                rel("1", "indicator--1", "malware--g"), rel("2", "indicator--1", "malware--p"),
                rel("3", "indicator--1", "intrusion-set--a"), rel("4", "indicator--1", "attack-pattern--r"),
                "{\"type\":\"relationship\",\"id\":\"relationship--5\",\"relationship_type\":\"uses\",\"source_ref\":\"malware--g\",\"target_ref\":\"attack-pattern--r\"}"));
        assertThat(r.problems()).isEmpty();
        Indicator i = r.indicators().get(0);
        assertThat(i.labels()).containsExactly("mining", "malware:graboid", "cloudwarden.m2", "malware:linux miner",
                "cloudwarden.m4", "actor:apt37", "cloudwarden.m6", "attack.t1496");
        assertThat(i.confidence()).isEqualTo(80);
        assertThat(i.killChainPhases()).containsExactly("impact");
        assertThat(i.validUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(r.skippedByReason()).isEqualTo(Map.of("stix relationship uses", 1));
    }

    private static String rel(String id, String from, String to) {
        return "{\"type\":\"relationship\",\"id\":\"relationship--" + id + "\",\"relationship_type\":\"indicates\",\"source_ref\":\""
                + from + "\",\"target_ref\":\"" + to + "\"}";
    }

    @Test
    void partialValuesAreWeakerAndLabelled() {
        FeedResult r = read(bundle(indicator("1",
                "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] AND [ipv4-addr:value = '198.51.100.3']", ",\"confidence\":90")));
        assertThat(r.indicators()).hasSize(2).allSatisfy(i -> {
            assertThat(i.confidence()).isEqualTo(StixBundleReader.PARTIAL_CONFIDENCE);
            assertThat(i.labels()).containsExactly("pattern:partial");
            assertThat(StixBundleReader.stixIdOf(i.id())).isEqualTo("indicator--1");
        });
    }

    @Test
    void observedDataBecomesLowConfidenceIndicatorsUnlessAlreadyIndicated() {
        FeedResult r = read(bundle(
                indicator("1", "[ipv4-addr:value = '198.51.100.3']", ""),
                "{\"type\":\"observed-data\",\"id\":\"observed-data--1\",\"first_observed\":\"2021-01-01T00:00:00Z\",\"last_observed\":\"2021-01-02T00:00:00Z\","
                        + "\"number_observed\":3,\"object_refs\":[\"ipv4-addr--a\",\"domain-name--b\",\"file--c\",\"user-account--d\"]}",
                "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--a\",\"value\":\"198.51.100.3\"}",
                "{\"type\":\"domain-name\",\"id\":\"domain-name--b\",\"value\":\"C2.example\"}",
                "{\"type\":\"file\",\"id\":\"file--c\",\"hashes\":{\"SHA-256\":\"" + "C".repeat(64) + "\",\"SSDEEP\":\"x\"}}",
                "{\"type\":\"user-account\",\"id\":\"user-account--d\",\"user_id\":\"AKIAIOSFODNN7EXAMPLE\"}",
                "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--z\",\"value\":\"192.0.2.1\"}",
                "{\"type\":\"observed-data\",\"id\":\"observed-data--2\",\"first_observed\":\"2021-01-01T00:00:00Z\",\"last_observed\":\"2021-01-02T00:00:00Z\","
                        + "\"number_observed\":1,\"confidence\":40,\"objects\":{\"0\":{\"type\":\"url\",\"value\":\"http://c2.example/a\"},\"1\":{\"type\":\"domain-name\",\"value\":\"c2.example\"}}}"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.indicators()).extracting(Indicator::id, Indicator::type, Indicator::value, Indicator::confidence).containsExactly(
                org.assertj.core.groups.Tuple.tuple("indicator--1", IocType.ADDRESS, "198.51.100.3", null),
                org.assertj.core.groups.Tuple.tuple("domain-name--b", IocType.DOMAIN, "c2.example", 15),
                org.assertj.core.groups.Tuple.tuple("file--c#sha256:" + "c".repeat(64), IocType.SHA256, "c".repeat(64), 15),
                org.assertj.core.groups.Tuple.tuple("user-account--d", IocType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", 15),
                org.assertj.core.groups.Tuple.tuple("observed-data--2#url:http://c2.example/a", IocType.URL, "http://c2.example/a", 40));
        assertThat(r.indicators().get(1).labels()).containsExactly("stix:observed-data");
        assertThat(r.indicators().get(1).validFrom()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(r.skippedByReason()).containsEntry("stix observed value already indicated", 1)
                .containsEntry("stix observed value repeated", 1).containsEntry("stix ipv4-addr outside observed-data", 1);
    }

    @Test
    void revokedOtherLanguagesAndDuplicatesAreSkippedAndConflictsReported() {
        FeedResult r = read(bundle(
                indicator("1", "[ipv4-addr:value = '198.51.100.1']", ",\"revoked\":true"),
                "{\"type\":\"indicator\",\"id\":\"indicator--2\",\"pattern_type\":\"yara\",\"pattern\":\"rule x {}\"}",
                indicator("3", "[ipv4-addr:value = '198.51.100.3']", ""),
                indicator("3", "[ipv4-addr:value = '198.51.100.3']", ""),
                indicator("4", "[ipv4-addr:value = '198.51.100.4']", "").replace("2020-01-01T00:00:00.000Z\",\"pattern_type", "2022-01-01T00:00:00.000Z\",\"pattern_type"),
                indicator("4", "[ipv4-addr:value = '198.51.100.40']", ""),
                indicator("5", "[ipv4-addr:value = '198.51.100.5']", ""),
                indicator("5", "[ipv4-addr:value = '198.51.100.50']", "")));
        assertThat(r.indicators()).extracting(Indicator::value).containsExactly("198.51.100.3", "198.51.100.4", "198.51.100.50");
        assertThat(r.skippedByReason()).isEqualTo(Map.of("stix revoked indicator", 1, "stix indicator with pattern_type yara", 1,
                "stix duplicate object", 1, "stix older version", 2));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("t.json: objects[7] (indicator--5) line 1");
            assertThat(p.reason()).startsWith("conflicts with objects[6]: the same id and modified time (2020-01-01T00:00:00.000Z)");
        });
    }

    @Test
    void expiredIndicatorsAreImportedWithTheirValidity() {
        FeedResult r = read(bundle(indicator("1", "[ipv4-addr:value = '198.51.100.1']", ",\"valid_until\":\"2021-01-01T00:00:00Z\""),
                indicator("2", "[ipv4-addr:value = '198.51.100.2']", ",\"valid_until\":\"2019-01-01T00:00:00Z\"")));
        assertThat(r.indicators()).hasSize(2);
        assertThat(r.expiredAt(Instant.parse("2020-06-01T00:00:00Z"))).isEqualTo(1);
        assertThat(r.expiredAt(Instant.parse("2022-06-01T00:00:00Z"))).isEqualTo(2);
        assertThat(r.problems()).singleElement().extracting(FeedProblem::reason).asString()
                .startsWith("valid_until 2019-01-01T00:00:00Z is not after valid_from 2020-01-01T00:00:00Z");
    }

    @Test
    void badObjectsAreProblemsAndTheRestImports() {
        FeedResult r = read(bundle(
                indicator("1", "[ipv4-addr:value = '198.51.100.1'", ""),
                indicator("2", "[ipv4-addr:value = '198.51.100.2']", ",\"confidence\":\"high\",\"valid_until\":\"tomorrow\""),
                "{\"type\":\"indicator\",\"id\":\"indicator--3\",\"pattern\":42}",
                "{\"id\":\"indicator--4\"}",
                "{\"type\":\"indicator\",\"id\":\"wrong--5\",\"pattern\":\"[a:b = 1]\"}",
                "[1,2]", "\"text\""));
        assertThat(r.indicators()).extracting(Indicator::value).containsExactly("198.51.100.2");
        assertThat(r.problems()).extracting(FeedProblem::reason).containsExactly(
                "the object has no \"type\"",
                "the indicator has no \"id\" of the form indicator--<uuid>",
                "expected a STIX object, found array",
                "expected a STIX object, found string",
                "invalid pattern at 33: expected ']' to close the '[' at 0, or AND/OR but found the end of the pattern",
                "valid_until is not a timestamp: 'tomorrow'; ignored",
                "confidence must be a whole number 0-100, not \"high\"; ignored",
                "the indicator has no \"pattern\" string");
    }

    @Test
    void truncatedAndNonStixInputKeepWhatWasReadBefore() {
        String whole = bundle(indicator("1", "[ipv4-addr:value = '198.51.100.1']", ""), indicator("2", "[ipv4-addr:value = '198.51.100.2']", ""));
        FeedResult r = read(whole.substring(0, whole.length() - 40));
        assertThat(r.indicators()).extracting(Indicator::value).containsExactly("198.51.100.1");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).startsWith("t.json:1:");
            assertThat(p.reason()).startsWith("malformed JSON, reading stopped: Unexpected end-of-input");
        });
        assertThat(read("42").problems()).extracting(FeedProblem::reason).containsExactly("not STIX: expected a JSON object or array, found 42");
        assertThat(read("{\"hello\":1}").problems()).extracting(FeedProblem::reason)
                .containsExactly("not STIX: expected a bundle, a TAXII envelope with \"objects\", or a STIX object");
        assertThat(read("").problems()).extracting(FeedProblem::reason).containsExactly("not STIX: expected a JSON object or array, found nothing");
    }

    @Test
    void envelopesArraysAndSingleObjectsAreRead() {
        String ind = indicator("1", "[ipv4-addr:value = '198.51.100.1']", "");
        assertThat(read("{\"more\":true,\"next\":\"2\",\"objects\":[" + ind + "]}").indicators()).hasSize(1);
        assertThat(read("[" + ind + "]").indicators()).hasSize(1);
        assertThat(read(ind).indicators()).hasSize(1);
    }

    @Test
    void limitsStopHostileInputWithAProblem() {
        String deep = "{\"objects\":[" + "[".repeat(100) + "]".repeat(100) + "]}";
        FeedResult r = read(deep);
        assertThat(r.problems()).singleElement().extracting(FeedProblem::reason).asString()
                .contains("malformed JSON, reading stopped").contains("nesting depth");
        String big = bundle(indicator("1", "[ipv4-addr:value = '198.51.100.1']", ""), indicator("2", "[ipv4-addr:value = '198.51.100.2']", ""));
        FeedResult small = new StixBundleReader(FeedLimits.defaults().withMaxBytes(big.length() - 10))
                .read("t.json", big.getBytes(StandardCharsets.UTF_8));
        assertThat(small.problems()).extracting(FeedProblem::reason).anyMatch(s -> s.startsWith("feed larger than the limit of"));
    }

    @Test
    void attackIcsBundleHasNoIndicatorsAndEveryObjectIsAccountedFor() throws IOException {
        Path ics = Fixtures.sharedIntel().resolve("mitre-attack-stix/ics-attack.json");
        FeedResult r;
        try (InputStream in = Files.newInputStream(ics)) {
            r = reader.read("ics-attack.json", in);
        }
        assertThat(r.problems()).isEmpty();
        assertThat(r.indicators()).isEmpty();
        // 1,826 objects: 95 attack-patterns, 30 malware, 16 intrusion-sets and 8 campaigns are read for labels
        assertThat(r.skipped()).isEqualTo(1826 - 95 - 30 - 16 - 8);
        assertThat(r.skippedByReason()).containsEntry("stix relationship targets", 685).containsEntry("stix relationship uses", 267)
                .containsEntry("stix x-mitre-detection-strategy", 83).containsEntry("stix x-mitre-analytic", 82)
                .containsEntry("stix course-of-action", 52).containsEntry("stix marking-definition", 1);
    }
}
