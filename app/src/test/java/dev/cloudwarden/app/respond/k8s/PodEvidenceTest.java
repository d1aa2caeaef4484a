package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.FakeActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.evidence.EvidenceFolder;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** k8s.snapshot_pod and k8s.delete_pod: evidence first, then the pod gone, on the mock API server's final state. */
class PodEvidenceTest {
    private static final Entity POD = Entity.of(EntityType.RESOURCE, "pods/exec:prod/web-7d9f");
    private static final String LOG = "/api/v1/namespaces/prod/pods/web-7d9f/log";

    private MockCluster cluster;
    private String uid;
    private final SnapshotPod snapshot = new SnapshotPod();
    private final DeletePod delete = new DeletePod();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        uid = cluster.client.pods().inNamespace("prod").resource(pod()).create().getMetadata().getUid();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("web-7d9f").withNamespace("prod").withUid("uid-1")
                .addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("worker-1").withServiceAccountName("web")
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
                .addNewEphemeralContainer().withName("debugger").withImage("alpine").endEphemeralContainer()
                .endSpec()
                .withNewStatus().addNewContainerStatus().withName("app").withRestartCount(2).endContainerStatus()
                .endStatus().build();
    }

    private void expectLogs() {
        var s = cluster.server;
        s.expect().get().withPath(LOG + "?pretty=false&container=init&limitBytes=16777216")
                .andReturn(200, "init done\n").always();
        s.expect().get().withPath(LOG + "?pretty=false&container=app&limitBytes=16777216")
                .andReturn(200, "GET / 200\nGET /shell.php 200\n").always();
        s.expect().get().withPath(LOG + "?pretty=false&container=app&previous=true")
                .andReturn(200, "panic: miner crashed\n").always();
        s.expect().get().withPath(LOG + "?pretty=false&container=debugger&limitBytes=16777216")
                .andReturn(400, "{\"kind\":\"Status\",\"code\":400,\"message\":\"container debugger is waiting\"}")
                .always();
    }

    @Test
    void snapshotKeepsTheManifestAndEveryLogWithThePreviousInstance() throws Exception {
        expectLogs();
        FakeActionContext ctx = cluster.context("resp-1");

        StepOutcome out = snapshot.execute(POD, Map.of(), ctx);

        assertThat(out.outputs()).containsEntry("pod", "prod/web-7d9f").containsEntry("uid", uid)
                .containsEntry("node", "worker-1")
                .containsEntry("log/init", "init done\n")
                .containsEntry("log/app", "GET / 200\nGET /shell.php 200\n")
                .containsEntry("previous_log/app", "panic: miner crashed\n")
                .containsEntry("log/app.bytes", "29")
                .doesNotContainKey("previous_log/init");
        assertThat(out.outputs().get("log/debugger.error")).contains("400").contains("waiting");
        assertThat(out.outputs().get("manifest")).contains("name: \"web-7d9f\"").contains("nodeName: \"worker-1\"")
                .contains("restartCount: 2").contains("serviceAccountName: \"web\"");
        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD, SnapshotPod.GET_LOG, SnapshotPod.GET_LOG,
                SnapshotPod.GET_LOG, SnapshotPod.GET_LOG);
        assertThat(ctx.calls()).filteredOn(c -> !c.ok()).hasSize(1);
        assertThat(cluster.client.pods().inNamespace("prod").withName("web-7d9f").get()).isNotNull();
    }

    @Test
    void snapshotWritesTheEvidenceFolderWhenTheContextGivesOne(@TempDir Path dir) throws Exception {
        expectLogs();
        FakeActionContext ctx = cluster.context("resp/1").atStep("keep pod")
                .with(EvidenceStore.class, new EvidenceFolder(dir));

        StepOutcome out = snapshot.execute(POD, Map.of(), ctx);

        Path step = dir.resolve("resp_1").resolve("keep_pod");
        assertThat(Files.readString(step.resolve("pod.yaml"))).isEqualTo(out.outputs().get("manifest"));
        assertThat(Files.readString(step.resolve("log-app.txt"))).isEqualTo("GET / 200\nGET /shell.php 200\n");
        assertThat(Files.readString(step.resolve("previous-log-app.txt"))).isEqualTo("panic: miner crashed\n");
        assertThat(out.outputs()).containsEntry("evidence/log/app", step.resolve("log-app.txt").toString());
    }

    @Test
    void deleteAfterASnapshotRemovesThePodAndARerunFindsItGone() throws Exception {
        expectLogs();
        FakeActionContext ctx = cluster.context("resp-1").atStep("keep");
        StepOutcome kept = snapshot.execute(POD, Map.of(), ctx);
        ctx.withOutputs("keep", kept.outputs()).atStep("remove");
        Map<String, String> params = Map.of("snapshot_step", "keep", "grace_period_seconds", "0");
        ctx.clearCalls();

        StepOutcome out = delete.execute(POD, params, ctx);

        assertThat(cluster.client.pods().inNamespace("prod").withName("web-7d9f").get()).isNull();
        assertThat(out.summary()).contains("deleted");
        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD, DeletePod.DELETE_POD);
        assertThat(ctx.calls().get(1).call().parameters()).containsEntry("gracePeriodSeconds", 0L)
                .containsEntry("uid", uid);

        ctx.clearCalls();
        assertThat(delete.execute(POD, params, ctx).summary()).contains("already gone");
        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD);
    }

    @Test
    void deleteRefusesWithoutASnapshotOfThisPod() {
        FakeActionContext ctx = cluster.context("resp-1")
                .withOutputs("keep", Map.of("pod", "prod/other", "uid", "uid-9", "manifest", "..."));

        assertThatThrownBy(() -> delete.execute(POD, Map.of(), ctx)).isInstanceOf(ActionException.class)
                .hasMessageContaining("no snapshot_step");
        assertThatThrownBy(() -> delete.execute(POD, Map.of("snapshot_step", "keep"), ctx))
                .isInstanceOf(ActionException.class).hasMessageContaining("has no snapshot of it");
        assertThatThrownBy(() -> delete.execute(POD, Map.of("snapshot_step", "missing"), ctx))
                .isInstanceOf(ActionException.class);
        assertThat(ctx.calls()).isEmpty();
        assertThat(cluster.client.pods().inNamespace("prod").withName("web-7d9f").get()).isNotNull();
        assertThat(delete.requiresBefore()).containsExactly(SnapshotPod.NAME);
    }

    @Test
    void deleteLeavesAReplacementPodThatWasNeverSnapshotted() throws Exception {
        FakeActionContext ctx = cluster.context("resp-1")
                .withOutputs("keep", Map.of("pod", "prod/web-7d9f", "uid", "uid-0", "manifest", "..."));

        StepOutcome out = delete.execute(POD, Map.of("snapshot_step", "keep"), ctx);

        assertThat(out.summary()).contains("was not snapshotted");
        assertThat(cluster.client.pods().inNamespace("prod").withName("web-7d9f").get()).isNotNull();
        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD);
    }

    @Test
    void aForbiddenCallIsAnActionErrorWithItsStatus() {
        cluster.server.expect().get().withPath("/api/v1/namespaces/prod/pods/web-7d9f")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\","
                        + "\"message\":\"pods \\\"web-7d9f\\\" is forbidden: User \\\"cw\\\" cannot get\"}").always();
        FakeActionContext ctx = cluster.context("resp-1");

        assertThatThrownBy(() -> snapshot.execute(POD, Map.of(), ctx)).isInstanceOf(ActionException.class)
                .hasMessageContaining("forbidden")
                .satisfies(e -> assertThat(((ActionException) e).errorCode()).isEqualTo("403"));
        assertThat(ctx.calls()).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.result()).startsWith("403");
        });
    }

    @Test
    void plansMakeNoCall() {
        FakeActionContext ctx = cluster.context("resp-1");
        assertThat(snapshot.plan(POD, Map.of(), ctx).calls()).hasSize(3);
        assertThat(delete.plan(POD, Map.of("snapshot_step", "keep"), ctx).notes()).anyMatch(n -> n.contains("undone"));
        assertThat(ctx.calls()).isEmpty();
    }
}
