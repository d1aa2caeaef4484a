package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.simulate.cloud.EstateSeed;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsCallBehaviourTest extends FakeAwsTestBase {

    @Test
    void throttlingIsRetriedWithBackoff() throws Exception {
        fake.throttle("DescribeInstances", "ec2", 2);
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        run(ProtectInstance.NAME, instance(APP_1), Map.of(), context);

        assertThat(fake.calls("DescribeInstances")).isEqualTo(3);
        assertThat(state.instances.get(APP_1).disableApiTermination).isTrue();
        assertThat(context.trail.get(0).ok()).isTrue();
    }

    @Test
    void iamThrottlingAndS3SlowDownAreRetriedToo() throws Exception {
        fake.throttle("GetAccessKeyLastUsed", "iam", 2);
        fake.throttle("GetPublicAccessBlock", "s3", 2);
        Entity key = Entity.of(EntityType.ACCESS_KEY, "AKIALEAKEDDEPLOYKEY1");
        Entity bucket = Entity.of(EntityType.BUCKET, "acme-customer-exports");
        run(DeactivateAccessKey.NAME, key, Map.of(), new TestContext(incidentOn(key), clients));
        run(BlockPublicAccess.NAME, bucket, Map.of(), new TestContext(incidentOn(bucket), clients));
        assertThat(state.keys.get(key.value()).status).isEqualTo("Inactive");
        assertThat(state.buckets.get(bucket.value()).publicAccessBlock).isNotNull();
        assertThat(fake.calls("GetAccessKeyLastUsed")).isEqualTo(3);
        assertThat(fake.calls("GetPublicAccessBlock")).isEqualTo(3);
    }

    @Test
    void anApiErrorSurfacesWithTheAwsCodeAndRequestId() {
        fake.fail("ModifyNetworkInterfaceAttribute", 1, 1, 403, "UnauthorizedOperation");
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        assertThatThrownBy(() -> run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context))
                .isInstanceOfSatisfying(ActionException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.getMessage()).contains("ModifyNetworkInterfaceAttribute");
                });
        assertThat(context.trail.get(context.trail.size() - 1)).satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.requestId()).isNotBlank();
        });
    }

    @Test
    void aMissingInstanceIsAnEc2ErrorCode() {
        TestContext context = new TestContext(incidentOn(instance("i-0000000000000dead")), clients);
        assertThatThrownBy(() -> run(SnapshotVolumes.NAME, instance("i-0000000000000dead"), Map.of(), context))
                .isInstanceOfSatisfying(ActionException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
    }

    /** One target per action, as the incident engine writes them. */
    private static final Map<String, Entity> TARGETS = Map.ofEntries(
            Map.entry(DeactivateAccessKey.NAME, Entity.of(EntityType.ACCESS_KEY, "AKIASTOLENERINKEY001")),
            Map.entry(RevokeSessions.NAME, Entity.of(EntityType.PRINCIPAL, "arn:aws:iam::111122223333:role/data-pipeline")),
            Map.entry(BlockPublicAccess.NAME, Entity.of(EntityType.BUCKET, "acme-customer-exports")),
            Map.entry(RollbackBucketPolicy.NAME, Entity.of(EntityType.BUCKET, "acme-web-assets")),
            Map.entry(RollbackRecord.NAME, Entity.of(EntityType.RESOURCE, "AWS::Route53::HostedZone:" + EstateSeed.ZONE_ID)),
            Map.entry(NaclDeny.NAME, Entity.of(EntityType.IP, "203.0.113.99")));

    @Test
    void aPlanMakesNoRequestAndListsEveryCallWithItsParameters() {
        TestContext context = new TestContext(incidentOn(instance(APP_1), Entity.of(EntityType.IP, "203.0.113.99")), clients);
        int before = fake.requests();
        for (Action a : AwsActions.all()) {
            Entity target = TARGETS.getOrDefault(a.name(), instance(APP_1));
            StepPlan plan = a.plan(target, Map.of("launch_template", EstateSeed.KNOWN_GOOD_TEMPLATE), context);
            assertThat(plan.calls()).as(a.name()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.service()).isNotBlank());
        }
        assertThat(fake.requests()).isEqualTo(before);
        assertThat(context.trail).isEmpty();

        StepPlan snapshot = action(SnapshotVolumes.NAME).plan(instance(APP_1), Map.of(), context);
        assertThat(snapshot.calls()).extracting(ApiCall::operation).contains("DescribeInstances", "CreateSnapshot");
        assertThat(snapshot.calls().get(1).parameters()).containsEntry("VolumeIds", "<volumes of " + APP_1 + ">");
        assertThat(snapshot.costs()).singleElement().satisfies(c -> {
            assertThat(c.usd()).isEqualTo(SnapshotVolumes.USD_PER_GIB_MONTH);
            assertThat(c.basis()).contains("per GiB-month");
        });
        StepPlan key = action(DeactivateAccessKey.NAME).plan(TARGETS.get(DeactivateAccessKey.NAME), Map.of(), context);
        assertThat(key.calls()).extracting(ApiCall::operation).contains("UpdateAccessKey", "PutUserPolicy")
                .doesNotContain("DeleteAccessKey");
        assertThat(key.calls()).filteredOn(c -> c.operation().equals("UpdateAccessKey")).singleElement()
                .satisfies(c -> assertThat(c.parameters()).containsEntry("Status", "Inactive"));
    }

    @Test
    void everyActionIsRegisteredOnceWithItsEffect() {
        Actions actions = new Actions(AwsActions.all());
        assertThat(actions.all()).hasSize(14);
        assertThat(actions.find(TerminateInstance.NAME)).hasValueSatisfying(a -> assertThat(a.undoable()).isFalse());
        assertThat(actions.all()).filteredOn(Action::undoable).extracting(Action::name).containsExactlyInAnyOrder(
                DeactivateAccessKey.NAME, QuarantineInstance.NAME, BlockPublicAccess.NAME, NaclDeny.NAME);
    }

    @Test
    void withoutClientsAnActionSaysSoAndChangesNothing() {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), null);
        assertThatThrownBy(() -> action(QuarantineInstance.NAME).execute(instance(APP_1), Map.of(), context))
                .hasMessageContaining("no AWS clients");
    }

    @Test
    void missingCredentialsAreReportedBeforeAnyCall() {
        AwsClientConfig noSuchProfile = AwsClientConfig.of("us-east-1", URI.create("http://127.0.0.1:9"),
                "cloudwarden-test-profile-that-does-not-exist");
        assertThat(new AwsClients(noSuchProfile).credentialsProblem()).hasValueSatisfying(m ->
                assertThat(m).startsWith("no AWS credentials").contains("plan only"));
        assertThat(clients.credentialsProblem()).isEmpty();
    }

    /**
     * Not a check: the time of a contain-and-redeploy response (quarantine, snapshot, redeploy) against the fake with
     * pauses returning at once, printed for BENCHMARKS.md-style notes. The SDK clients are warmed up first.
     */
    @Test
    void measureQuarantineSnapshotAndRedeploy() throws Exception {
        TestContext warm = new TestContext(incidentOn(instance(APP_2)), clients).step("warm");
        run(CaptureConsoleOutput.NAME, instance(APP_2), Map.of(), warm);
        int rounds = 20;
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            TestContext context = new TestContext(incidentOn(instance(APP_1)), clients).step("r" + i);
            long start = System.nanoTime();
            run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context.step("q" + i));
            run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context.step("s" + i));
            run(LaunchReplacement.NAME, instance(APP_1), Map.of("launch_template", EstateSeed.KNOWN_GOOD_TEMPLATE),
                    context.step("l" + i));
            total += System.nanoTime() - start;
        }
        System.out.printf("quarantine + snapshot (2 volumes) + redeploy against the fake: %.1f ms per response "
                + "(mean of %d, pause a no-op)%n", total / 1e6 / rounds, rounds);
        assertThat(List.of(rounds)).isNotEmpty();
    }
}
