package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.SourceDescriptor;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.ingest.web.WebFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The source registry: complete, consistent, and the only thing that decides which source an input is. */
class SourcesTest {
    private static final Sources STANDARD = Sources.standard();

    /** An input of each source that only detection can place (no container that names its source). */
    private static final Map<SourceType, String> SAMPLES = new EnumMap<>(Map.ofEntries(
            Map.entry(SourceType.CLOUDTRAIL, "cloudtrail/panther-cloudtrail.jsonl"),
            Map.entry(SourceType.VPC_FLOW, "vpcflow/default-v2.log"),
            Map.entry(SourceType.S3_ACCESS, "s3access/aws-examples.log"),
            Map.entry(SourceType.ROUTE53_RESOLVER, "route53/handwritten.jsonl"),
            Map.entry(SourceType.K8S_AUDIT, "k8saudit/falco-traces.jsonl"),
            Map.entry(SourceType.AZURE_ACTIVITY, "azure/panther-activity.jsonl"),
            Map.entry(SourceType.AZURE_SIGNIN, "azure/panther-signin.jsonl"),
            Map.entry(SourceType.GCP_AUDIT, "gcp/panther-gcp-audit.jsonl"),
            Map.entry(SourceType.SSHD, "sshd/auth.log"),
            Map.entry(SourceType.WEB_ACCESS, "web/common.log"),
            Map.entry(SourceType.DOCKER, "docker/daemon.log"),
            Map.entry(SourceType.YARN, "yarn/rm-audit.log"),
            Map.entry(SourceType.EXIM, "exim/mainlog.log")));
    private static final String GENERIC_SAMPLE = "{\"time\":\"2026-03-16T08:00:00Z\",\"actor\":\"alice\",\"action\":\"login\"}\n";

    @Test
    void everySourceHasExactlyOneDescriptor() {
        List<SourceType> described = STANDARD.all().stream().map(SourceDescriptor::source).toList();
        assertThat(described).containsExactlyInAnyOrder(SourceType.values());
        for (SourceType source : SourceType.values()) {
            assertThat(STANDARD.of(source)).get().extracting(SourceDescriptor::source).isEqualTo(source);
        }
    }

    @Test
    void sourceIdsAreUniqueAndFoundByTheCommandLine() {
        assertThat(SourceType.ids()).doesNotHaveDuplicates();
        for (SourceType source : SourceType.values()) {
            assertThat(source.id()).isEqualTo(source.id().toLowerCase(Locale.ROOT));
            assertThat(SourceType.byId(source.id().toUpperCase(Locale.ROOT))).contains(source);
        }
    }

    @Test
    void aSecondDescriptorForOneSourceIsRefused() {
        assertThatThrownBy(() -> new Sources(List.of(new WebFormat(), new WebFormat())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two descriptors for source web");
    }

    @Test
    void everyDescriptorFeedsItsSourcesOwnLogSourceAndItsAliases() {
        for (SourceDescriptor d : STANDARD.all()) {
            if (d.source() == SourceType.GENERIC_JSON) {
                assertThat(d.feeds()).as("generic JSON feeds what --logsource says, nothing fixed").isEmpty();
                continue;
            }
            assertThat(d.feeds()).as(d.source().id()).startsWith(d.source().logSource())
                    .containsAll(d.recordLogSources()).containsAll(d.aliases()).doesNotHaveDuplicates();
        }
    }

    @Test
    void theCatchAllJsonFormatIsAskedLast() {
        List<JsonFormat> json = STANDARD.all().stream().filter(JsonFormat.class::isInstance).map(JsonFormat.class::cast).toList();
        JsonNode anything = Json.NODES.objectNode().put("x", 1);
        assertThat(json.get(json.size() - 1).source()).isEqualTo(SourceType.GENERIC_JSON);
        assertThat(json.subList(0, json.size() - 1)).noneMatch(f -> f.recognizes(anything));
    }

    /** Where two formats claim one input, the registry's order decides, and it is the one the goldens expect. */
    @Test
    void theRegistryOrderSettlesInputsTwoFormatsClaim() throws IOException {
        String dockerdSyslog = "Oct 15 09:15:11 host dockerd[1234]: time=\"2019-10-15T09:15:11Z\" level=info msg=x";
        assertThat(STANDARD.detectLine(dockerdSyslog)).get().extracting(SourceDescriptor::source).isEqualTo(SourceType.DOCKER);

        JsonNode exportedSignIn = Json.MAPPER.readTree(Files.readAllLines(GoldenFiles.resource(SAMPLES.get(SourceType.AZURE_SIGNIN))).get(0));
        JsonFormat activity = (JsonFormat) STANDARD.of(SourceType.AZURE_ACTIVITY).orElseThrow();
        assertThat(activity.recognizes(exportedSignIn)).as("an exported sign-in looks like an activity record too").isTrue();
        assertThat(STANDARD.detectJson(exportedSignIn)).get().extracting(SourceDescriptor::source).isEqualTo(SourceType.AZURE_SIGNIN);
    }

    @Test
    void everySourceHasADetectionSample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(Arrays.stream(SourceType.values())
                .filter(s -> s != SourceType.GENERIC_JSON).toArray(SourceType[]::new));
    }

    /**
     * A source's descriptor alone decides its detection: with it blinded (recognizing nothing, all else equal), an
     * input of that source is no longer read as that source. Detection kept anywhere else would fail this.
     */
    @ParameterizedTest
    @EnumSource(SourceType.class)
    void aSourcesDescriptorAloneDecidesItsDetection(SourceType source) throws IOException {
        byte[] sample = source == SourceType.GENERIC_JSON ? GENERIC_SAMPLE.getBytes(StandardCharsets.UTF_8)
                : Files.readAllBytes(GoldenFiles.resource(SAMPLES.get(source)));

        GoldenFiles.Collected seen = read(STANDARD, sample);
        assertThat(seen.events).isNotEmpty().allMatch(e -> e.source() == source);
        if (source != SourceType.GENERIC_JSON) {
            assertThat(seen.events).extracting(Event::logSource).as("logsources declared by the descriptor")
                    .isSubsetOf(STANDARD.of(source).orElseThrow().feeds());
        }

        List<SourceDescriptor> blinded = STANDARD.all().stream().map(d -> d.source() == source ? blind(d) : d).toList();
        GoldenFiles.Collected unseen = read(new Sources(blinded), sample);
        assertThat(unseen.events).extracting(Event::source).doesNotContain(source);
        assertThat(unseen.events.size() + unseen.rejections.size()).as("every record still accounted for").isPositive();
    }

    private static GoldenFiles.Collected read(Sources sources, byte[] input) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(sources, IngestOptions.defaults()).read(Input.bytes("sample", input, GoldenFiles.REFERENCE_TIME), c);
        return c;
    }

    /** The same descriptor, except that it recognizes no input. */
    private static SourceDescriptor blind(SourceDescriptor d) {
        if (d instanceof JsonFormat json) {
            return new JsonFormat() {
                @Override
                public boolean recognizes(JsonNode record) {
                    return false;
                }

                @Override
                public JsonRecordParser parser() {
                    return json.parser();
                }
            };
        }
        LineFormat line = (LineFormat) d;
        return new LineFormat() {
            @Override
            public SourceType source() {
                return line.source();
            }

            @Override
            public boolean recognizes(String firstLine) {
                return false;
            }

            @Override
            public LineParser open(ParseContext context) {
                return line.open(context);
            }
        };
    }
}
