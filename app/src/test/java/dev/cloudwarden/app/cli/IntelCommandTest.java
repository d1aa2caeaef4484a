package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.intel.taxii.TaxiiTestServer;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IntelCommandTest {
    static TaxiiTestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = new TaxiiTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Path sample(String name) {
        try {
            return Path.of(IntelCommandTest.class.getResource("/intel/stix/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    CliRun intel(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "intel";
        System.arraycopy(args, 0, all, 1, 1);
        all[2] = "--store";
        all[3] = dir.resolve("store.duckdb").toString();
        System.arraycopy(args, 1, all, 4, args.length - 1);
        return CliRun.of(all);
    }

    CliRun importing(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "import";
        all[1] = "--problems";
        all[2] = dir.resolve("problems.ndjson").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return intel(all);
    }

    @Test
    void imports_a_stix_bundle_and_updates_on_reimport() {
        CliRun first = importing(sample("indicators-for-C2-with-COA.json").toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("indicators-for-C2-with-COA.json (stix): 2 indicators: 2 imported, 0 updated, 0 unchanged, 0 expired");
        CliRun again = importing(sample("indicators-for-C2-with-COA.json").toString());
        assertThat(again.out()).contains("0 imported, 0 updated, 2 unchanged");
        CliRun list = intel("list", "--format", "json");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines()).hasSize(2).anySatisfy(l -> assertThat(l)
                .contains("\"type\":\"address\",\"value\":\"10.0.0.0\"", "\"source\":\"indicators-for-C2-with-COA.json\""));
        assertThat(intel("list", "--format", "json", "--type", "sha256").out().lines()).singleElement().asString()
                .contains("ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
    }

    @Test
    void rejected_objects_are_reported_with_locations_and_exit_3_while_the_rest_is_imported() throws IOException {
        CliRun r = importing(sample("poisonivy.json").toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).contains("poisonivy.json (stix): 64 indicators: 64 imported").contains("3 problems");
        assertThat(r.err()).contains("problem: poisonivy.json: objects[42] (indicator--4e4c4ad7-4909-456a-b6fa-e24a6f682a40) line 597");
        assertThat(Files.readAllLines(dir.resolve("problems.ndjson"))).hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("{\"source\":\"poisonivy.json\",\"location\":"));
    }

    @Test
    void only_the_first_problems_are_printed() {
        CliRun r = importing("--max-errors", "1", sample("poisonivy.json").toString());
        assertThat(r.err()).contains("... and 2 more problems (all in");
    }

    @Test
    void a_missing_source_is_an_input_error_and_the_others_still_import() {
        CliRun r = importing(dir.resolve("nope.json").toString(), sample("indicator-for-c2-ip-address.json").toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(r.out()).contains("nope.json (file): not imported").contains("indicator-for-c2-ip-address.json (stix): 1 indicators: 1 imported");
        assertThat(r.err()).contains("error: ").contains("no such file or folder");
    }

    @Test
    void labels_are_added_and_names_replace_the_default() {
        CliRun r = importing("--label", "cloudwarden.m2", "--name", "lab", sample("indicator-for-c2-ip-address.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(intel("list", "--format", "json", "--source", "lab").out()).contains("\"labels\":[\"cloudwarden.m2\"]");
    }

    @Test
    void pulls_a_taxii_collection_then_only_what_was_added_since() {
        String src = server.source("reports");
        CliRun first = importing("--user", TaxiiTestServer.USER, "--password", TaxiiTestServer.PASSWORD, src);
        assertThat(first.out()).contains("taxii:" + server.apiRoot() + "collections/reports (taxii): 67 indicators: 67 imported")
                .contains("next pull after " + TaxiiTestServer.FIRST_ADDED.plusSeconds(server.reports().size() - 1));
        CliRun second = importing("--user", TaxiiTestServer.USER, "--password", TaxiiTestServer.PASSWORD, src);
        assertThat(second.out()).contains("(taxii): 0 indicators: 0 imported");
        assertThat(server.requests()).anyMatch(q -> q.contains("/reports/objects/?added_after="));
        CliRun full = importing("--token", TaxiiTestServer.TOKEN, "--full", src);
        assertThat(full.out()).contains("67 indicators: 0 imported, 0 updated, 67 unchanged");
        CliRun stats = intel("stats", "--format", "json");
        assertThat(stats.out()).contains("\"kind\":\"taxii\"", "\"added_after\":\"2024-01-01T00:");
    }

    @Test
    void taxii_can_be_named_by_api_root_and_collection() {
        CliRun r = importing("--taxii", server.apiRoot().toString(), "--collection", "malformed", "--token", TaxiiTestServer.TOKEN);
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).contains("(taxii): 2 indicators: 2 imported").contains("problems");
        assertThat(r.err()).contains("problem: ");
    }

    @Test
    void refused_credentials_are_an_error_that_says_what_to_do() {
        CliRun r = importing("--user", "analyst", "--password", "nope", server.source("reports"));
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(r.err()).contains("HTTP 401 Unauthorized: the server wants credentials (--user/--password or --token)");
        assertThat(intel("stats").out()).contains("0 indicators: 0 current");
    }

    @Test
    void garbage_and_timeouts_fail_the_source_not_the_run() {
        long start = System.nanoTime();
        CliRun r = importing("--token", TaxiiTestServer.TOKEN, "--timeout", "PT0.5S", server.source("garbage"),
                server.source("slow"), sample("indicator-for-c2-ip-address.json").toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(r.err()).contains("garbage/objects/?limit=1000: the response is not JSON")
                .containsPattern("slow/objects/\\?limit=1000: (no complete response within|timed out)");
        assertThat(r.out()).contains("indicator-for-c2-ip-address.json (stix): 1 indicators: 1 imported");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
    }

    @Test
    void expire_marks_indicators_past_their_validity() throws IOException {
        Path bundle = dir.resolve("expiring.json");
        Files.writeString(bundle, """
                {"type":"bundle","id":"bundle--7f0b1b0e-0000-4000-8000-000000000000","objects":[
                 {"type":"indicator","spec_version":"2.1","id":"indicator--7f0b1b0e-0000-4000-8000-000000000001",
                  "created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","pattern_type":"stix",
                  "pattern":"[domain-name:value = 'short.example']","valid_from":"2024-01-01T00:00:00Z",
                  "valid_until":"2099-01-01T00:00:00Z"},
                 {"type":"indicator","spec_version":"2.1","id":"indicator--7f0b1b0e-0000-4000-8000-000000000002",
                  "created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","pattern_type":"stix",
                  "pattern":"[domain-name:value = 'long.example']","valid_from":"2024-01-01T00:00:00Z"},
                 {"type":"indicator","spec_version":"2.1","id":"indicator--7f0b1b0e-0000-4000-8000-000000000003",
                  "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","pattern_type":"stix",
                  "pattern":"[domain-name:value = 'gone.example']","valid_from":"2020-01-01T00:00:00Z",
                  "valid_until":"2020-02-01T00:00:00Z"}]}""", StandardCharsets.UTF_8);
        assertThat(importing(bundle.toString()).out()).contains("3 indicators: 3 imported, 0 updated, 0 unchanged, 1 expired");
        CliRun e = intel("expire", "--as-of", "2099-06-01T00:00:00Z");
        assertThat(e.out()).contains("1 indicators expired as of 2099-06-01T00:00:00Z");
        assertThat(intel("list", "--format", "json").out().lines()).singleElement().asString().contains("long.example");
        assertThat(intel("list", "--format", "json", "--all").out().lines()).hasSize(3);
        assertThat(intel("expire", "--purge").out()).contains("2 expired indicators deleted");
        assertThat(intel("expire", "--as-of", "yesterday").exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
    }

    @Test
    void list_json_is_one_indicator_object_per_line() {
        importing("--label", "cloudwarden.a3", sample("indicators-for-C2-with-COA.json").toString());
        CliRun list = intel("list", "--format", "json", "--type", "address");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().map(ScanAndRulesCommandTest.CliRunJson::parse)).singleElement().satisfies(i -> {
            assertThat(i.get("type").asText()).isEqualTo("address");
            assertThat(i.get("value").asText()).isEqualTo("10.0.0.0");
            assertThat(i.get("source").asText()).isEqualTo("indicators-for-C2-with-COA.json");
            assertThat(i.get("labels")).extracting(com.fasterxml.jackson.databind.JsonNode::asText).contains("cloudwarden.a3");
            assertThat(i.get("id").asText()).startsWith("indicator--");
        });
        assertThat(list.err()).contains("1 indicators");
        assertThat(intel("list", "--format", "table", "--type", "address").out()).startsWith("TYPE ").contains("10.0.0.0");
    }

    @Test
    void feed_values_are_escaped_on_the_terminal() throws IOException {
        Path bundle = dir.resolve("hostile.json");
        Files.writeString(bundle, """
                {"type":"bundle","id":"bundle--7f0b1b0e-0000-4000-8000-00000000000a","objects":[
                 {"type":"indicator","spec_version":"2.1","id":"indicator--7f0b1b0e-0000-4000-8000-00000000000b",
                  "created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","pattern_type":"stix",
                  "labels":["\\u001b]0;pwned\\u0007evil\\u202e"],
                  "pattern":"[domain-name:value = 'x.example']","valid_from":"2024-01-01T00:00:00Z"}]}""",
                StandardCharsets.UTF_8);
        importing("--name", "hostile\u001b[31m", bundle.toString());
        CliRun table = intel("list", "--format", "table");
        assertThat(table.out()).doesNotContain("\u001b").doesNotContain("\u202e").contains("\\x1b]0;pwned\\x07evil\\u202e");
        assertThat(intel("stats").out()).doesNotContain("\u001b");
        assertThat(intel("list", "--format", "json").out()).doesNotContain("\u001b").containsIgnoringCase("\\u001b]0;pwned");
    }

    static Path mispFeed() {
        try {
            return Path.of(IntelCommandTest.class.getResource("/intel/misp/feed").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void imports_a_misp_feed_folder_and_reports_the_event_the_manifest_lists_but_the_feed_lacks() {
        CliRun r = importing(mispFeed().toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).contains("feed (misp): 71 indicators: 71 imported").contains("1 problems");
        assertThat(r.err()).contains("the manifest lists event 0b6f0c2e-5a1a-4f6e-9d7e-3c2b1a0f9e8d but its file is missing");
        assertThat(intel("list", "--format", "json", "--type", "md5").out())
                .contains("\"value\":\"0749bae92ca336a02c83d126e04ec628\"", "\"confidence\":35", "tlp:white");
        assertThat(intel("list", "--format", "json", "--type", "domain").out()).contains("actor:sofacy");
    }

    @Test
    void imports_a_misp_feed_over_http_and_single_misp_events() {
        CliRun r = importing("--token", TaxiiTestServer.TOKEN, "--name", "circl", server.base() + "misp/manifest.json");
        assertThat(r.out()).contains("circl (misp): 71 indicators: 71 imported");
        assertThat(r.err()).contains("misp/0b6f0c2e-5a1a-4f6e-9d7e-3c2b1a0f9e8d.json").contains("HTTP 404");
        CliRun one = importing(mispFeed().resolve("57c4445b-c548-4654-af0b-4be3950d210f.json").toString());
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains("57c4445b-c548-4654-af0b-4be3950d210f.json (misp): 3 indicators: 3 imported")
                .contains("6 objects skipped");
    }

    @Test
    void imports_plain_lists_and_csv_with_bad_lines_and_duplicates_counted() throws IOException {
        Path list = dir.resolve("pools.txt");
        Files.writeString(list, "# mining pools\npool.minexmr.com\n203.0.113.5\n203.0.113.5\nhttp://evil.example/x\nnot valid!!\n198.51.100.0/24\n");
        Path csv = dir.resolve("c2.csv");
        Files.writeString(csv, "value,type,labels,confidence\n203.0.113.9,address,cloudwarden.m2,90\n\"evil.example\",domain,\"malware:x,c2\",50\nbad,address,,\n");
        CliRun r = importing("--label", "lab", list.toString(), csv.toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).contains("pools.txt (list): 4 indicators: 4 imported").contains("1 objects skipped; 1 problems")
                .contains("c2.csv (csv): 2 indicators: 2 imported");
        assertThat(r.err()).contains("problem: pools.txt:6: 'not valid!!'").contains("problem: c2.csv:4:");
        String json = intel("list", "--format", "json").out();
        assertThat(json.lines()).hasSize(6);
        assertThat(json).contains("\"value\":\"203.0.113.9\",\"source\":\"c2.csv\",\"confidence\":90,\"labels\":[\"lab\",\"cloudwarden.m2\"]");
        assertThat(intel("list", "--format", "json", "--source", "pools.txt", "--type", "address").out().lines()).hasSize(2);
    }

    @Test
    void lists_of_one_type_take_confidence_and_expiry_from_options() throws IOException {
        Path agents = dir.resolve("agents.txt");
        Files.writeString(agents, "curl/7.1 \u001b]0;x\u0007\nmasscan/1.3\n");
        CliRun r = importing("--ioc-type", "user-agent", "--confidence", "70", "--valid-until", "2099-01-01T00:00:00Z",
                agents.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("agents.txt (list): 2 indicators: 2 imported");
        CliRun table = intel("list", "--format", "table", "--type", "user-agent");
        assertThat(table.out()).doesNotContain("\u001b").contains("curl/7.1 \\x1b]0;x\\x07").contains("2099-01-01T00:00:00Z");
        assertThat(importing("--confidence", "101", agents.toString()).exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
    }

    static final String TRAIL = """
            {"Records":[
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"alice"},"eventTime":"2024-03-01T10:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","sourceIPAddress":"219.76.208.163","userAgent":"aws-cli/2.0","requestParameters":null,"responseElements":null,"requestID":"1","eventID":"e1","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012"},
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"alice"},"eventTime":"2024-03-01T10:05:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","sourceIPAddress":"219.76.208.163","userAgent":"aws-cli/2.0","requestParameters":null,"responseElements":null,"requestID":"2","eventID":"e2","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012"},
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"alice"},"eventTime":"2024-03-01T10:06:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.1","userAgent":"aws-cli/2.0","requestParameters":null,"responseElements":null,"requestID":"3","eventID":"e3","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012"}]}
            """;

    Path trail() throws IOException {
        Path f = dir.resolve("trail.json");
        Files.writeString(f, TRAIL, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void match_prints_intel_alerts_and_records_sightings() throws IOException {
        importing(sample("poisonivy.json").toString());
        Path logs = trail();
        CliRun m = intel("match", "--quarantine", dir.resolve("q.ndjson").toString(), "--format", "json", logs.toString());
        assertThat(m.exitCode()).isZero();
        assertThat(m.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("\"rule_id\":\"cloudwarden.intel.address\"", "address 219.76.208.163 listed by poisonivy.json"));
        assertThat(m.err()).contains("from the store").contains("2 intel alerts");
        CliRun stats = intel("stats", "--format", "json");
        assertThat(stats.out()).containsPattern("\"sightings\":[1-9]");
        intel("match", "--quarantine", dir.resolve("q.ndjson").toString(), "--format", "json", logs.toString());
        assertThat(intel("stats", "--format", "json").out()).contains("\"sighted_indicators\":1,\"sightings\":4");
    }

    @Test
    void scan_matches_the_store_and_starter_intel_and_ioc_alerts_join_incidents() throws IOException {
        importing(sample("poisonivy.json").toString());
        Path logs = trail();
        Path incidents = dir.resolve("incidents.ndjson");
        Path store = dir.resolve("store.duckdb");
        CliRun scan = CliRun.of("scan", "--store", store.toString(), "--quarantine", dir.resolve("q.ndjson").toString(),
                "--format", "json", "--incidents", incidents.toString(), logs.toString());
        assertThat(scan.out()).contains("\"rule_id\":\"cloudwarden.intel.address\"");
        assertThat(scan.err()).containsPattern("[0-9,]+ intel indicators \\(64 from the store, [0-9,]+ starter\\)")
                .contains("intel sightings added to");
        assertThat(Files.readString(incidents)).contains("Threat intel: address 219.76.208.163 listed by poisonivy.json")
                .contains("{\"type\":\"ip\",\"value\":\"219.76.208.163\"}")
                .contains("{\"type\":\"address\",\"value\":\"219.76.208.163\",\"role\":\"matched\"}");
        CliRun without = CliRun.of("scan", "--store", store.toString(), "--no-intel", "--quarantine",
                dir.resolve("q.ndjson").toString(), "--format", "json", logs.toString());
        assertThat(without.out()).doesNotContain("cloudwarden.intel.");
        assertThat(without.err()).doesNotContain("intel indicators");
    }

    @Test
    void export_shares_an_incidents_observables_as_a_stix_bundle_with_sightings() throws IOException {
        importing(sample("poisonivy.json").toString());
        Path incidents = dir.resolve("incidents.ndjson");
        CliRun scan = CliRun.of("scan", "--store", dir.resolve("store.duckdb").toString(), "--quarantine",
                dir.resolve("q.ndjson").toString(), "--format", "json", "--incidents", incidents.toString(), trail().toString());
        assertThat(scan.exitCode()).isNotEqualTo(CloudWardenCli.EXIT_USAGE);
        Files.writeString(incidents, Files.readString(incidents) + "{not json\n{\"id\":\"x\"}\n");
        Path bundle = dir.resolve("bundle.json");
        CliRun export = CliRun.of("intel", "export", "--incidents", incidents.toString(), "--out", bundle.toString());
        assertThat(export.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(export.err()).contains("incidents.ndjson:2: not JSON").contains("incidents.ndjson:3: not an incident (no \"schema\": \"cloudwarden.incident/1\")")
                .contains("1 observables from 1 incidents written to");
        String stix = Files.readString(bundle);
        assertThat(stix).contains("\"type\" : \"bundle\"", "\"pattern\" : \"[ipv4-addr:value = '219.76.208.163']\"",
                "\"type\" : \"sighting\"", "\"count\" : 2", "\"type\" : \"observed-data\"");
        assertThat(stix).doesNotContain("198.51.100.1"); // in no incident
        CliRun back = importing("--name", "shared", bundle.toString());
        assertThat(back.exitCode()).isZero();
        assertThat(back.out()).contains("shared (stix): 1 indicators: 1 imported");
    }

    @Test
    void export_with_nothing_to_share_writes_a_bundle_without_objects() throws IOException {
        // the STIX 2.1 bundle schema wants "objects" to hold one or more objects, or to be absent
        Path incidents = Files.writeString(dir.resolve("none.ndjson"), "");
        CliRun export = CliRun.of("intel", "export", "--incidents", incidents.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("0 observables from 0 incidents written");
        JsonNode bundle = Json.MAPPER.readTree(export.out());
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        assertThat(bundle.has("objects")).isFalse();
    }

    @Test
    void export_to_stdout_escapes_what_would_act_on_a_terminal() throws IOException {
        // an incidents file is input too: a bidi override in an incident id must reach the terminal escaped
        Path incidents = Files.writeString(dir.resolve("hostile.ndjson"), """
                {"schema":"cloudwarden.incident/1","id":"inc\u202Eevil","update":"closed","severity":"high","score":70,\
                "first":"2026-11-25T10:00:00Z","last":"2026-11-25T10:05:00Z","initial_access":[],"actions":["A3"],\
                "malware":["M4"],"motive":"financial","techniques":["T1496"],"tactics":[],"entities":[],"alerts":[\
                {"schema":"cloudwarden.alert/1","id":"a1","rule_id":"cloudwarden.intel.domain","rule":"Threat intel",\
                "level":"high","time":"2026-11-25T10:00:00Z","count":1,"first_seen":"2026-11-25T10:00:00Z",\
                "last_seen":"2026-11-25T10:00:00Z","tags":["attack.t1496"],"observables":[{"type":"domain",\
                "value":"pool.minexmr.com","role":"matched"}],"events":[{"time":"2026-11-25T10:00:00Z",\
                "source":"route53resolver","class":"DNS Activity","outcome":{"status":"success"}}]}]}
                """);
        CliRun export = CliRun.of("intel", "export", "--incidents", incidents.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("pool.minexmr.com").contains("\\u202e").doesNotContain("\u202E");
    }

    @Test
    void a_pull_that_fails_midway_keeps_what_came_and_resumes_from_there() {
        CliRun r = importing("--token", TaxiiTestServer.TOKEN, server.source("half"));
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).containsPattern("\\(taxii\\): [1-9][0-9]* indicators: [1-9][0-9]* imported")
                .contains("next pull after " + TaxiiTestServer.FIRST_ADDED.plusSeconds(29));
        assertThat(r.err()).contains("warning: stopped after 1 pages: ").contains("HTTP 500");
        assertThat(intel("stats", "--format", "json").out()).contains("\"added_after\":\"2024-01-01T00:00:29Z\"");
    }

    @Test
    void duplicate_and_conflicting_indicators_are_counted_and_reported() throws IOException {
        Path bundle = dir.resolve("dups.json");
        String ind = """
                {"type":"indicator","spec_version":"2.1","id":"indicator--7f0b1b0e-0000-4000-8000-0000000000%s",
                 "created":"2024-01-01T00:00:00Z","modified":"%s","pattern_type":"stix",
                 "pattern":"[domain-name:value = '%s']","valid_from":"2024-01-01T00:00:00Z"}""";
        Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--7f0b1b0e-0000-4000-8000-0000000000ff\",\"objects\":["
                + String.format(ind, "01", "2024-01-01T00:00:00Z", "old.example") + ","
                + String.format(ind, "01", "2024-02-01T00:00:00Z", "new.example") + ","
                + String.format(ind, "02", "2024-01-01T00:00:00Z", "a.example") + ","
                + String.format(ind, "02", "2024-01-01T00:00:00Z", "b.example") + "]}");
        CliRun r = importing(bundle.toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(r.out()).contains("dups.json (stix): 2 indicators: 2 imported").contains("2 objects skipped; 1 problems");
        assertThat(intel("list", "--format", "json").out()).contains("new.example").doesNotContain("old.example");
        // the same indicators under another name are another source's, not duplicates
        assertThat(importing("--name", "mirror", bundle.toString()).out()).contains("2 imported");
        assertThat(intel("stats", "--format", "json").out()).contains("\"indicators\":4");
    }

    @Test
    void reading_commands_do_not_create_a_store() {
        CliRun r = intel("stats");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("no store at").contains("cloudwarden intel import creates it");
        assertThat(intel("list").exitCode()).isZero();
        assertThat(dir.resolve("store.duckdb")).doesNotExist();
    }

    @Test
    void usage_errors_exit_2() {
        assertThat(intel("import").exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(importing("--taxii", "https://x.example/api1/").exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(intel("list", "--type", "nonsense").exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
    }
}
