package dev.cloudwarden.engine.ingest.vpcflow;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VpcFlowParserTest {

    @Test
    void defaultFormatRecordsMatchTheirGoldenFile() {
        List<Event> events = GoldenFiles.check("vpcflow/default-v2.log");
        assertThat(events).hasSize(10).allSatisfy(e -> assertThat(e.source()).isEqualTo(SourceType.VPC_FLOW));
        Event ssh = events.get(0);
        assertThat(ssh.time()).isEqualTo(Instant.ofEpochSecond(1418530010));
        assertThat(ssh.src().ip()).isEqualTo("172.31.16.139");
        assertThat(ssh.dst().port()).isEqualTo(22);
        assertThat(ssh.traffic().bytesOut()).isEqualTo(4249);
        assertThat(ssh.cloud().account()).isEqualTo("123456789010");
        assertThat(events.get(1).outcome().status()).isEqualTo(Outcome.Status.FAILURE);
    }

    @Test
    void noDataRecordsKeepTheirStatusAndLeaveDashFieldsAbsent() {
        Event nodata = GoldenFiles.check("vpcflow/default-v2.log").get(2);
        assertThat(nodata.src().isEmpty()).isTrue();
        assertThat(nodata.raw().has(FieldPath.of("srcaddr"))).isFalse();
        assertThat(nodata.raw().text(FieldPath.of("log-status"))).isEqualTo("NODATA");
    }

    @Test
    void customFormatFollowsItsHeaderLine() {
        var c = GoldenFiles.read(GoldenFiles.resource("vpcflow/custom-v5.log"), IngestOptions.defaults());
        GoldenFiles.check("vpcflow/custom-v5.log");
        assertThat(c.skipped).hasSize(2); // the header and a blank line
        Event egress = c.events.get(0);
        assertThat(egress.cloud().region()).isEqualTo("us-east-1");
        assertThat(egress.raw().text(FieldPath.of("pkt-dst-aws-service"))).isEqualTo("S3");
        assertThat(egress.raw().text(FieldPath.of("flow-direction"))).isEqualTo("egress");
        assertThat(egress.raw().get(FieldPath.of("dstport")).isNumber()).isTrue();
        assertThat(egress.resources()).extracting(r -> r.id()).contains("i-01234567890123456", "vpc-0a1b2c3d");
    }

    @Test
    void aLineWithTheWrongFieldCountIsRejectedAndTheNextStillRead() {
        String log = """
                2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1418530010 1418530070 ACCEPT OK
                2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1418530010
                2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 x 40 1418530010 1418530070 ACCEPT OK
                2 123456789010 eni-1 10.0.0.3 10.0.0.2 1 2 6 1 40 1418530010 1418530070 ACCEPT OK
                """;
        var c = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(
                Input.bytes("flow.log", log.getBytes(StandardCharsets.UTF_8), GoldenFiles.REFERENCE_TIME), c);
        assertThat(c.events).extracting(e -> e.src().ip()).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(c.rejections).extracting(r -> r.message()).containsExactly(
                "flow.log:2: expected 14 space-separated fields (default v2 format), found 11",
                "flow.log:3: packets is not a number: 'x'");
    }
}
