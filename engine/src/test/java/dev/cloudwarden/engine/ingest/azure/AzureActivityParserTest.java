package dev.cloudwarden.engine.ingest.azure;

import dev.cloudwarden.engine.event.TimeBasis;

import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
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

class AzureActivityParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"panther-activity.jsonl", "activity-handwritten.jsonl"})
    void recordsMatchTheirGoldenFiles(String file) {
        List<Event> events = GoldenFiles.check("azure/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.AZURE_ACTIVITY);
            assertThat(e.cloud().provider()).isEqualTo("azure");
            assertThat(e.operation().name()).isNotBlank();
        });
    }

    @Test
    void exportedRecordsNameSubscriptionRegionProviderAndTypedResource() {
        Event delete = read("panther-activity.jsonl").get(1);
        assertThat(delete.time()).isEqualTo(Instant.parse("2024-12-17T11:45:00Z"));
        assertThat(delete.operation().service()).isEqualTo("Microsoft.Insights");
        assertThat(delete.operation().name()).isEqualTo("Microsoft.Insights/metricAlerts/delete");
        assertThat(delete.cloud().account()).isEqualTo("12345678-1234-1234-1234-123456789abc");
        assertThat(delete.cloud().region()).isEqualTo("westus");
        assertThat(delete.resources()).containsExactly(new Resource("Microsoft.Insights/metricAlerts",
                "/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/prod-rg/providers/"
                        + "Microsoft.Insights/metricAlerts/cpualert"));
        assertThat(delete.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(delete.src().ip()).isEqualTo("1.2.3.4");
    }

    @Test
    void failuresCarryTheResultSignatureAndUpnClaimsNameTheCaller() {
        List<Event> events = read("panther-activity.jsonl");
        Event failed = events.stream().filter(e -> e.outcome().status() == Outcome.Status.FAILURE).findFirst().orElseThrow();
        assertThat(failed.outcome().errorCode()).isEqualTo("403");
        Event backup = events.stream().filter(e -> "compromised-admin@company.com".equals(e.actor().principal()))
                .findFirst().orElseThrow();
        assertThat(backup.resources().get(0).type())
                .isEqualTo("Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers");
    }

    @Test
    void storageResourceLogsGiveCallerPortAndHttpStatus() {
        List<Event> events = read("panther-activity.jsonl");
        Event blob = events.get(events.size() - 2);
        assertThat(blob.operation().name()).isEqualTo("GetBlob");
        assertThat(blob.src()).isEqualTo(Endpoint.of("9.9.9.9", 55555));
        assertThat(blob.actor().principalType()).isEqualTo("AccountKey");
        assertThat(blob.userAgent()).isEqualTo("Microsoft.Azure.Storage/9.0");
        assertThat(blob.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(events.get(events.size() - 1).outcome()).isEqualTo(Outcome.failure("403", "AuthenticationFailed"));
    }

    @Test
    void restApiShapeAndFullClaimsAreNormalizedLikeExports() {
        List<Event> events = read("activity-handwritten.jsonl");
        Event run = events.get(0);
        assertThat(run.actor().principal()).isEqualTo("adele.vance@contoso.com");
        assertThat(run.actor().mfaUsed()).isTrue();
        assertThat(run.operation().service()).isEqualTo("Microsoft.Compute");
        assertThat(run.operation().name()).isEqualTo("Microsoft.Compute/virtualMachines/runCommand/action");
        assertThat(run.src().ip()).isEqualTo("203.0.113.24");
        assertThat(run.cloud().account()).isEqualTo("6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b");
        assertThat(run.resources().get(0).type()).isEqualTo("Microsoft.Compute/virtualMachines");

        Event denied = events.get(1);
        assertThat(denied.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(denied.outcome().errorCode()).isEqualTo("Forbidden");
        assertThat(denied.outcome().errorMessage()).contains("AuthorizationFailed");
        assertThat(events.get(2).outcome()).isEqualTo(Outcome.UNKNOWN); // "Started"

        Event vault = events.get(3);
        assertThat(vault.actor().principal()).isEqualTo("adele.vance@contoso.com");
        assertThat(vault.actor().principalType()).isEqualTo("User");
        assertThat(vault.actor().mfaUsed()).isTrue();
        assertThat(vault.cloud().region()).isEqualTo("global");

        Event roleAssignment = events.get(4);
        assertThat(roleAssignment.actor().principal()).isEqualTo("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        assertThat(roleAssignment.actor().principalType()).isEqualTo("ServicePrincipal");
        assertThat(roleAssignment.actor().mfaUsed()).isNull();
        assertThat(roleAssignment.outcome().errorCode()).isEqualTo("Failed.Forbidden");
        assertThat(roleAssignment.outcome().errorMessage()).startsWith("The client '9a8b7c6d");
    }

    @Test
    void recordsWithoutTimeOrOperationStayEventsWithWhatTheyHave() {
        GoldenFiles.Collected c = ingest("""
                {"operationName":"Microsoft.Storage/storageAccounts/delete","resourceId":"/subscriptions/s","eventTimestamp":""}
                {"time":"2024-12-17T11:45:00Z","resourceId":"/subscriptions/s","category":"Administrative"}
                {"time":"soon","operationName":"x/y","resourceId":"/subscriptions/s"}
                """);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).extracting(Event::source).containsOnly(SourceType.AZURE_ACTIVITY);
        assertThat(c.events).extracting(Event::timeBasis)
                .containsExactly(TimeBasis.INPUT, TimeBasis.RECORD, TimeBasis.PREVIOUS_EVENT);
        assertThat(c.events.get(1).operation().name()).isNull();
        assertThat(c.events.get(2).time()).isEqualTo(Instant.parse("2024-12-17T11:45:00Z"));
    }

    private static List<Event> read(String file) {
        return GoldenFiles.read(GoldenFiles.resource("azure/" + file), IngestOptions.defaults()).events;
    }

    static GoldenFiles.Collected ingest(String ndjson) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes("test.jsonl",
                ndjson.getBytes(StandardCharsets.UTF_8), GoldenFiles.REFERENCE_TIME), c);
        return c;
    }
}
