package dev.cloudwarden.engine.ingest.gcp;

import dev.cloudwarden.engine.event.TimeBasis;
import java.time.Instant;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcpAuditParserTest {

    @Test
    void realRecordsMatchTheirGoldenFile() {
        List<Event> events = GoldenFiles.check("gcp/panther-gcp-audit.jsonl");
        assertThat(events).hasSize(40).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.GCP_AUDIT);
            assertThat(e.cloud().provider()).isEqualTo("gcp");
            assertThat(e.operation().name()).isNotBlank();
        });
    }

    @Test
    void aFailedGkeCreateCarriesTheRpcCodeProjectAndLocation() {
        Event failed = byMethod("io.k8s.core.v1.pods.create", "already exists");
        assertThat(failed.operation().service()).isEqualTo("k8s.io");
        assertThat(failed.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(failed.outcome().errorCode()).isEqualTo("10"); // ABORTED
        assertThat(failed.outcome().errorMessage()).isEqualTo("pods \"test-privileged-pod\" already exists");
        assertThat(failed.cloud().account()).isEqualTo("some-project");
        assertThat(failed.cloud().region()).isEqualTo("us-west1");
        assertThat(failed.resources()).containsExactly(
                new Resource("k8s_cluster", "core/v1/namespaces/default/pods/test-privileged-pod"));
        assertThat(failed.actor().principal()).isEqualTo("john.doe@company.com");
        assertThat(failed.actor().principalType()).isEqualTo("User");
        assertThat(failed.src().ip()).isEqualTo("1.2.3.4");
    }

    @Test
    void anEmptyStatusIsSuccessAndTheUserAgentIsKept() {
        Event sink = byMethod("google.logging.v2.ConfigServiceV2.UpdateSink", "john@justice.org");
        assertThat(sink.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(sink.userAgent()).startsWith("Mozilla/5.0 (Macintosh");
        assertThat(sink.src().ip()).isEqualTo("1.2.3.4");
        assertThat(sink.raw().text(FieldPath.of("protoPayload.request.updateMask"))).isEqualTo("exclusions");
    }

    @Test
    void serviceAccountsKeysImpersonatorsAndWithheldAddressesAreNormalized() {
        Event e = ingest(IngestOptions.defaults(), """
                {"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","status":{"code":7,"message":"PERMISSION_DENIED"},"authenticationInfo":{"principalEmail":"deployer@prod-123.iam.gserviceaccount.com","serviceAccountKeyName":"//iam.googleapis.com/projects/prod-123/serviceAccounts/deployer@prod-123.iam.gserviceaccount.com/keys/5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff","serviceAccountDelegationInfo":[{"firstPartyPrincipal":{"principalEmail":"mallory@example.com"}}],"principalSubject":"serviceAccount:deployer@prod-123.iam.gserviceaccount.com"},"requestMetadata":{"callerIp":"private","callerSuppliedUserAgent":"google-cloud-sdk gcloud/470.0.0"},"serviceName":"storage.googleapis.com","methodName":"storage.buckets.delete","authorizationInfo":[{"resource":"projects/_/buckets/backups","permission":"storage.buckets.delete","resourceAttributes":{}}],"resourceName":"projects/_/buckets/backups"},"insertId":"abc","resource":{"type":"gcs_bucket","labels":{"location":"europe-west1","bucket_name":"backups","project_id":"prod-123"}},"timestamp":"2024-02-01T12:00:00.123456Z","severity":"ERROR","logName":"projects/prod-123/logs/cloudaudit.googleapis.com%2Factivity","receiveTimestamp":"2024-02-01T12:00:01Z"}
                """).events.get(0);
        assertThat(e.actor().principalType()).isEqualTo("ServiceAccount");
        assertThat(e.actor().accessKeyId()).endsWith("/keys/5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff");
        assertThat(e.actor().session()).isEqualTo("mallory@example.com");
        assertThat(e.src().ip()).isNull();
        assertThat(e.src().host()).isEqualTo("private");
        assertThat(e.outcome()).isEqualTo(Outcome.failure("7", "PERMISSION_DENIED"));
        assertThat(e.cloud().region()).isEqualTo("europe-west1");
    }

    @Test
    void aRefusedPermissionWithoutStatusIsAFailure() {
        // Shape of Panther's GKE "No Permission Granted" case: the verdict, an empty status.
        Event e = ingest(IngestOptions.defaults(), """
                {"logName":"projects/some-project/logs/cloudaudit.googleapis.com%2Factivity","protoPayload":{"authenticationInfo":{"principalEmail":"some.user@company.com"},"authorizationInfo":[{"granted":false,"permission":"io.k8s.core.v1.services.create","resource":"core/v1/namespaces/default/services/test-ns"}],"methodName":"io.k8s.core.v1.services.create","resourceName":"core/v1/namespaces/default/services/test-ns","serviceName":"k8s.io","status":{}},"resource":{"labels":{"cluster_name":"c","location":"us-west1","project_id":"some-project"},"type":"k8s_cluster"},"timestamp":"2024-02-19 12:02:22.057586000"}
                """).events.get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.failure(null, "permission denied"));
        assertThat(e.cloud().account()).isEqualTo("some-project");
    }

    @Test
    void nonAuditPayloadsAreRejectedButIncompleteEntriesStayEvents() {
        GoldenFiles.Collected c = ingest(IngestOptions.defaults(), """
                {"protoPayload":{"@type":"type.googleapis.com/google.appengine.logging.v1.RequestLog","method":"GET"},"timestamp":"2024-02-01T12:00:00Z"}
                {"protoPayload":{"methodName":"compute.instances.list","authenticationInfo":{"principalEmail":"user@company.com"}}}
                {"protoPayload":{"authorizationInfo":[{"granted":true,"permission":"iam.roles.update"}]},"timestamp":"2024-02-01T12:00:00Z"}
                {"protoPayload":{"methodName":"x"},"timestamp":"yesterday"}
                """);
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "protoPayload is a type.googleapis.com/google.appengine.logging.v1.RequestLog, not an AuditLog");
        assertThat(c.events).hasSize(3).extracting(Event::timeBasis)
                .containsExactly(TimeBasis.INPUT, TimeBasis.RECORD, TimeBasis.PREVIOUS_EVENT);
        assertThat(c.events.get(0).operation().name()).isEqualTo("compute.instances.list");
        assertThat(c.events.get(1).operation().name()).isNull();
        assertThat(c.events.get(1).outcome().status()).isEqualTo(dev.cloudwarden.engine.event.Outcome.Status.SUCCESS);
    }

    private static Event byMethod(String method, String rawContains) {
        return GoldenFiles.read(GoldenFiles.resource("gcp/panther-gcp-audit.jsonl"), IngestOptions.defaults()).events
                .stream().filter(e -> e.operation().name().equals(method) && e.raw().text().contains(rawContains))
                .findFirst().orElseThrow();
    }

    private static GoldenFiles.Collected ingest(IngestOptions options, String ndjson) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(options).read(Input.bytes("test.jsonl", ndjson.getBytes(StandardCharsets.UTF_8),
                GoldenFiles.REFERENCE_TIME), c);
        return c;
    }
}
