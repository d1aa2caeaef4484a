package dev.cloudwarden.engine.ingest.s3access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class S3AccessParserTest {
    @TempDir
    Path dir;

    @Test
    void awsDocumentedExamplesAndEdgeCasesGolden() {
        List<Event> events = GoldenFiles.check("s3access/aws-examples.log");
        assertThat(events).hasSize(9).allMatch(e -> e.source() == SourceType.S3_ACCESS
                && e.ocsfClass() == OcsfClass.API_ACTIVITY && e.logSource().equals(new LogSource("aws", "s3access", null)));

        Event first = events.get(0);
        JsonNode raw = first.raw().tree();
        assertThat(first.time()).isEqualTo(Instant.parse("2019-02-06T00:00:38Z"));
        assertThat(raw.get("bucket").asText()).isEqualTo("amzn-s3-demo-bucket1");
        assertThat(raw.get("operation").asText()).isEqualTo("REST.GET.VERSIONING");
        assertThat(raw.get("request_uri").asText()).isEqualTo("GET /amzn-s3-demo-bucket1?versioning HTTP/1.1");
        assertThat(raw.get("http_status").isNumber()).isTrue();
        assertThat(raw.get("bytes_sent").asLong()).isEqualTo(113L);
        assertThat(raw.has("key")).as("'-' fields are absent").isFalse();
        assertThat(raw.has("error_code")).isFalse();
        assertThat(raw.get("acl_required").asText()).isEqualTo("Yes");
        assertThat(raw.get("source_region").asText()).isEqualTo("us-east-1");
        assertThat(first.actor().principalType()).isEqualTo("CanonicalUser");
        assertThat(first.operation().service()).isEqualTo("s3.amazonaws.com");
        assertThat(first.operation().name()).isEqualTo("REST.GET.VERSIONING");
        assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(first.dst().host()).isEqualTo("amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com");
        assertThat(first.cloud().account()).isEqualTo("123456789012");
        assertThat(first.cloud().region()).isEqualTo("us-west-1");
        assertThat(first.uid()).isEqualTo("3E57427F3EXAMPLE");

        assertThat(events.get(2).outcome()).isEqualTo(Outcome.failure("NoSuchBucketPolicy", null));

        Event anonymousDownload = events.get(3);
        assertThat(anonymousDownload.actor()).isEqualTo(Actor.named("anonymous", "Anonymous"));
        assertThat(anonymousDownload.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0");
        assertThat(anonymousDownload.raw().tree().get("referrer").asText()).isEqualTo("https://www.example.com/downloads/index.html");
        assertThat(anonymousDownload.traffic().bytesIn()).isEqualTo(5242880L);
        assertThat(anonymousDownload.resources()).containsExactly(
                new Resource("AWS::S3::Bucket", "amzn-s3-demo-bucket1"),
                new Resource("AWS::S3::Object", "amzn-s3-demo-bucket1/reports/Q1%202026.pdf"));

        Event ipv6 = events.get(4);
        assertThat(ipv6.src().ip()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
        assertThat(ipv6.outcome()).isEqualTo(Outcome.failure("AccessDenied", null));
        assertThat(ipv6.cloud().region()).as("the global endpoint names no region").isNull();

        assertThat(events.get(5).actor().principalType()).isEqualTo("AssumedRole");
        assertThat(events.get(5).cloud().region()).isEqualTo("us-west-1");
        assertThat(events.get(6).raw().tree().fieldNames()).toIterable().as("appended unknown fields are ignored")
                .isSubsetOf(S3AccessLine.FIELDS);
        assertThat(events.get(6).raw().text()).endsWith("SomeFutureField another-one");
        assertThat(events.get(6).raw().tree().get("source_region").asText()).isEqualTo("us-west-1");

        Event old = events.get(7);
        assertThat(old.raw().tree().get("version_id").asText()).startsWith("3/L4kq");
        assertThat(old.raw().tree().has("host_id")).isFalse();
        assertThat(old.actor().principalType()).isEqualTo("IAMUser");
        assertThat(events.get(8).userAgent()).as("oldest layout: up to user_agent").isEqualTo("Boto3/1.34.0");
        assertThat(events.get(8).outcome()).isEqualTo(Outcome.failure("SlowDown", null));
    }

    /** Panther's seven S3 access test records, written back as the log lines they came from. */
    @Test
    void pantherRecordsGolden() {
        List<Event> events = GoldenFiles.check("s3access/panther.log");
        assertThat(events).hasSize(7);
        assertThat(events.get(0).outcome()).isEqualTo(Outcome.failure("SignatureDoesNotMatch", null));
        assertThat(events.get(0).cloud().region()).isEqualTo("us-west-2");
        assertThat(events.get(1).actor().principal()).isEqualTo("arn:aws:iam::162777425019:user/awslogsdelivery");
        assertThat(events.get(1).raw().tree().get("tls_version").asText()).isEqualTo("TLSv1.2");
        assertThat(events.get(3).outcome().errorCode()).isEqualTo("InternalServerError");
        assertThat(events.get(3).raw().tree().get("http_status").asInt()).isEqualTo(500);
        assertThat(events.get(6).src().ip()).isEqualTo("2600:1ffe:8140::a47:a85a");
        assertThat(events.get(6).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(events.get(6).dst().host()).isEqualTo("my-test-bucket");
    }

    @Test
    void malformedLinesAreRejectedWithTheirLineAndReason() throws IOException {
        String good = Files.readAllLines(GoldenFiles.resource("s3access/aws-examples.log")).get(0);
        String owner = good.substring(0, good.indexOf(' '));
        Path log = dir.resolve("access.log");
        Files.writeString(log, String.join("\n", good,
                owner + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k HTTP/1.1\" 200",
                owner + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k HTTP/1.1",
                owner + " b [31/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k HTTP/1.1\" 200 - 1 1 1 1 \"-\" \"ua\"",
                owner + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k HTTP/1.1\" OK - 1 1 1 1 \"-\" \"ua\"",
                owner + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X get-object k \"GET /k HTTP/1.1\" 200 - 1 1 1 1 \"-\" \"ua\"",
                owner + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k GET /k 200 - 1 1 1 1 \"-\" \"ua\"") + "\n");
        GoldenFiles.Collected c = GoldenFiles.read(log, IngestOptions.defaults());
        assertThat(c.events).hasSize(1);
        assertThat(c.rejections).extracting(Rejection::message).containsExactly(
                "access.log:2: S3 access log line has 10 fields, expected at least 17 (bucket_owner bucket [time] "
                        + "remote_ip requester request_id operation key \"request_uri\" ... \"user_agent\")",
                "access.log:3: unterminated quoted field starting at column 129",
                "access.log:4: timestamp '[31/Feb/2019:00:00:38 +0000]' is not an access-log time (expected e.g. "
                        + "[10/Oct/2000:13:55:36 -0700])",
                "access.log:5: http_status 'OK' is not a number or '-'",
                "access.log:6: operation 'get-object' (field 7) is not an S3 operation such as REST.GET.OBJECT",
                "access.log:7: request_uri (field 9) should be quoted, found 'GET'");
    }

    @Test
    void recognisesItsFirstLineAndNotAWebServersOrAFlowLogs() {
        S3AccessFormat format = new S3AccessFormat();
        assertThat(format.recognizes("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be b "
                + "[06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k HTTP/1.1\" 200 - 1 1 1 1 \"-\" \"ua\"")).isTrue();
        assertThat(format.recognizes("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"))
                .isFalse();
        assertThat(format.recognizes("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 "
                + "1418530010 1418530070 ACCEPT OK")).isFalse();
        assertThat(format.recognizes("not hex b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - X REST.GET.OBJECT k \"GET /k\" 200 - 1 1 1 1 \"-\" \"ua\""))
                .isFalse();
    }
}
