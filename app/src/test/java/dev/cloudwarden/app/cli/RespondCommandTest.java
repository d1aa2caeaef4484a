package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.respond.IncidentSource;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseAuditEntry;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.cloud.CloudState;
import dev.cloudwarden.simulate.cloud.FakeAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudwarden respond} end to end, as a responder runs it: the simulated day's incidents in a DuckDB store,
 * the built-in isolate-snapshot-redeploy playbook, the real SDK clients against the stateful fake of the AWS
 * endpoints seeded with the same estate. The fake's final state is asserted, not the order of calls.
 */
class RespondCommandTest {
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE",
            "aws.secretAccessKey", "fake-secret");

    @TempDir
    static Path dir;
    static Path scanned;
    String store;
    static String incidentId;
    static String instance;
    FakeAws aws;

    @BeforeAll
    static void simulateAndScan() {
        CliRun sim = CliRun.of("simulate", "--out", dir.resolve("sim").toString(), "--events", "2000", "--seed", "11");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        scanned = dir.resolve("store/cw.duckdb");
        CliRun scan = CliRun.of("scan", "--no-intel", "--format", "json", "--store", scanned.toString(), dir.resolve("sim/logs").toString());
        assertThat(scan.exitCode()).as(scan.err()).isIn(0, 1);
        try (PlatformStore s = PlatformStore.open(scanned.toString())) {
            for (var row : s.incidents(IncidentQuery.all().withLimit(100)).items()) {
                Incident i = IncidentSource.fromStore(s, row.id()).orElseThrow();
                List<String> rows = i.classification().actions();
                var ec2 = i.entities().stream().filter(e -> e.type() == EntityType.INSTANCE).map(Entity::value).toList();
                if (rows.contains("A3") && ec2.size() == 1) {
                    incidentId = i.id();
                    instance = ec2.get(0);
                }
            }
        }
        assertThat(incidentId).as("the cryptomining incident on one instance").isNotNull();
    }

    /** Each test responds in a copy of the scanned store, so one's state is not another's. */
    @BeforeEach
    void startTheFake(@TempDir Path mine) throws Exception {
        store = java.nio.file.Files.copy(scanned, mine.resolve("cw.duckdb")).toString();
        CREDENTIALS.forEach(System::setProperty);
        aws = FakeAws.startWithEstate(0);
        if (!aws.state().instances.containsKey(instance)) {
            throw new IllegalStateException("the fake's estate has no " + instance);
        }
    }

    @AfterEach
    void stopTheFake() {
        aws.close();
        CREDENTIALS.keySet().forEach(System::clearProperty);
    }

    private CliRun respond(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("respond", incidentId, "--store", store,
                "--playbook", "compromised-instance", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1",
                "--no-wait", "--evidence", dir.resolve("evidence").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theDryRunListsEveryCallAndTouchesNothing() throws Exception {
        int before = aws.requests();
        CliRun plan = CliRun.of("respond", incidentId, "--store", store, "--playbook", "compromised-instance", "--format", "json");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        List<JsonNode> steps = PostureCommandTest.lines(plan.out().lines().filter(l -> l.startsWith("{")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(steps).extracting(s -> s.get("step").asText()).containsExactly("snapshot", "console", "protect",
                "quarantine", "detach", "remove-role", "replace", "terminate");
        assertThat(steps.get(0).get("calls").get(0).get("operation").asText()).isEqualTo("DescribeInstances");
        assertThat(steps.get(7).get("approval").asBoolean()).isTrue();
        assertThat(steps.get(7).get("effect").asText()).isEqualTo("destructive");
        assertThat(plan.err()).contains("Dry run: nothing was changed.");
        assertThat(aws.requests()).isEqualTo(before);
    }

    @Test
    void withoutCredentialsAnExecutionShowsThePlanAndSaysWhy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getenv("AWS_PROFILE") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null, "AWS credentials in the environment");
        CREDENTIALS.keySet().forEach(System::clearProperty);
        Map<String, String> isolation = Map.of("aws.disableEc2Metadata", "true",
                "aws.sharedCredentialsFile", "/nonexistent/cloudwarden-test-credentials",
                "aws.configFile", "/nonexistent/cloudwarden-test-config");
        isolation.forEach(System::setProperty);
        try {
            int before = aws.requests();
            CliRun run = respond("--execute");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("no AWS credentials").contains("showing the plan only");
            assertThat(run.out()).contains("Dry run: nothing was changed.").contains("aws.ec2.quarantine_instance");
            assertThat(aws.requests()).isEqualTo(before);
        } finally {
            isolation.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void isolateSnapshotRedeployRunsEndToEndResumesAfterAFailureAndTerminatesOnlyWhenApproved() throws Exception {
        CloudState.Instance original = aws.state().instances.get(instance);
        int volumes = original.devices.size();
        // an outage outlasting the SDK's retries (five attempts, AwsClientConfig.MAX_ATTEMPTS) stops the step
        aws.fail("ModifyNetworkInterfaceAttribute", 1, dev.cloudwarden.app.aws.AwsClientConfig.MAX_ATTEMPTS, 500, "InternalError");
        CliRun failed = respond("--execute");
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(RespondCommand.EXIT_STOPPED);
        assertThat(failed.out()).contains("quarantine@instance:" + instance + ": failed", "InternalError");
        assertThat(aws.calls("CreateSnapshot")).isEqualTo(volumes);

        CliRun resumed = respond("--execute");
        assertThat(resumed.exitCode()).as(resumed.out()).isEqualTo(RespondCommand.EXIT_STOPPED);
        assertThat(resumed.out()).contains("snapshot@instance:" + instance + ": succeeded (earlier run)")
                .contains("Stopped at terminate@instance:" + instance);
        assertThat(aws.calls("CreateSnapshot")).as("no snapshot taken twice").isEqualTo(volumes);
        CloudState s = aws.state();
        assertThat(s.snapshots.values()).filteredOn(x -> instance.equals(x.tags.get("cloudwarden:instance")))
                .hasSize(volumes).allSatisfy(x -> assertThat(x.status).isEqualTo("completed"));
        for (String eni : original.eniIds) {
            String group = s.enis.get(eni).groups.get(0);
            assertThat(s.groups.get(group).name).isEqualTo("cloudwarden-quarantine");
            assertThat(s.groups.get(group).ingress).isEmpty();
            assertThat(s.groups.get(group).egress).isEmpty();
        }
        assertThat(original.disableApiTermination).isTrue();
        assertThat(original.state).isEqualTo("running");
        assertThat(s.instances.values()).filteredOn(i -> instance.equals(i.tags.get("cloudwarden:replaces")))
                .singleElement().satisfies(r -> assertThat(r.state).isEqualTo("running"));

        CliRun approved = respond("--execute", "--approve", "terminate");
        assertThat(approved.exitCode()).as(approved.out() + approved.err()).isZero();
        assertThat(original.state).isIn("shutting-down", "terminated");

        try (PlatformStore st = PlatformStore.open(store)) {
            List<ResponseAuditEntry> trail = st.responseTrail(incidentId);
            assertThat(trail).filteredOn(t -> "call".equals(t.event()) && "CreateSnapshot".equals(t.operation()))
                    .hasSize(volumes).allSatisfy(t -> assertThat(t.requestId()).isNotBlank());
            assertThat(trail).anySatisfy(t -> {
                assertThat(t.event()).isEqualTo("approved");
                assertThat(t.actor()).startsWith("cli:");
            });
            assertThat(trail).anySatisfy(t -> assertThat(t.operation()).isEqualTo("TerminateInstances"));
        }
    }
}
