package dev.cloudwarden.engine.ingest.route53;

import dev.cloudwarden.engine.event.TimeBasis;

import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Route53ResolverParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"panther-vpcdns.jsonl", "handwritten.jsonl"})
    void recordsMatchTheirGoldenFiles(String file) {
        List<Event> events = GoldenFiles.check("route53/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.ROUTE53_RESOLVER);
            assertThat(e.ocsfClass()).isEqualTo(OcsfClass.DNS_ACTIVITY);
            assertThat(e.operation().service()).isEqualTo("route53resolver");
            assertThat(e.cloud().provider()).isEqualTo("aws");
        });
    }

    @Test
    void aQueryNamesTheSourceSocketTheDomainAndTheInstance() {
        Event q = read("panther-vpcdns.jsonl").get(1);
        assertThat(q.time()).isEqualTo(Instant.parse("2022-06-25T00:27:53Z"));
        assertThat(q.src()).isEqualTo(Endpoint.of("5.6.7.8", 8888));
        assertThat(q.dst().host()).isEqualTo("dynamodb.us-west-2.amazonaws.com"); // root dot dropped
        assertThat(q.raw().text(FieldPath.of("query_name"))).isEqualTo("dynamodb.us-west-2.amazonaws.com.");
        assertThat(q.operation().name()).isEqualTo("A");
        assertThat(q.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(q.cloud().account()).isEqualTo("0123456789");
        assertThat(q.cloud().region()).isEqualTo("us-west-2");
        assertThat(q.resources()).containsExactly(new Resource("AWS::EC2::Instance", "i-0abc234"),
                new Resource("AWS::EC2::VPC", "vpc-abc123"));
    }

    @Test
    void nonZeroRcodesAndFirewallBlocksAreFailures() {
        List<Event> events = read("handwritten.jsonl");
        assertThat(events.get(3).outcome()).isEqualTo(Outcome.failure("NXDOMAIN", null));
        assertThat(events.get(4).outcome()).isEqualTo(Outcome.failure("SERVFAIL", null));
        assertThat(events.get(6).outcome()).isEqualTo(
                Outcome.failure("BLOCK", "blocked by DNS Firewall rule group rslvr-frg-0123456789abcdef"));
        assertThat(events.get(7).outcome()).isEqualTo(Outcome.SUCCESS); // ALERT only logs
        assertThat(events.get(2).src().ip()).startsWith("2600:1f18:");
        assertThat(events.get(8).resources()).contains(
                new Resource("AWS::Route53Resolver::ResolverEndpoint", "rslvr-in-0123456789abcdef0"));
        assertThat(events.get(5).raw().getAll(FieldPath.of("answers.Rdata"))).hasSize(1);
    }

    @Test
    void recordsWithoutQueryNameOrTimeStayEventsAndOnlyWhatIsNoObjectIsRejected() {
        GoldenFiles.Collected c = ingest(IngestOptions.defaults().withForcedSource(SourceType.ROUTE53_RESOLVER), """
                {"version":"1.100000","account_id":"111122223333","query_timestamp":"2024-03-05T08:12:44Z","srcaddr":"10.0.0.1"}
                {"version":"1.100000","query_name":"example.com.","srcaddr":"10.0.0.1"}
                ["not", "an", "object"]
                """);
        assertThat(c.rejections).hasSize(1);
        assertThat(c.events).extracting(Event::timeBasis).containsExactly(TimeBasis.RECORD, TimeBasis.PREVIOUS_EVENT);
        assertThat(c.events.get(0).dst().isEmpty()).isTrue();
        assertThat(c.events.get(1).dst().host()).isEqualTo("example.com");
    }

    private static List<Event> read(String file) {
        return GoldenFiles.read(GoldenFiles.resource("route53/" + file), IngestOptions.defaults()).events;
    }

    private static GoldenFiles.Collected ingest(IngestOptions options, String ndjson) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(options).read(Input.bytes("test.jsonl", ndjson.getBytes(StandardCharsets.UTF_8),
                GoldenFiles.REFERENCE_TIME), c);
        return c;
    }
}
