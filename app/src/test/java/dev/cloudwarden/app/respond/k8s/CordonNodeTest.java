package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.FakeActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CordonNodeTest {
    private MockCluster cluster;
    private KubernetesClient client;
    private final CordonNode action = new CordonNode();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client;
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata()
                .withNewSpec().addNewTaint().withKey("gpu").withValue("true").withEffect("NoSchedule").endTaint()
                .endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private FakeActionContext context() {
        return cluster.context("resp-1");
    }

    @Test
    void cordonsTaintsAndLabelsTheNode() throws Exception {
        FakeActionContext ctx = context();
        StepOutcome out = action.execute(Entity.of(EntityType.RESOURCE, "nodes:worker-1"), Map.of(), ctx);

        Node node = client.nodes().withName("worker-1").get();
        assertThat(node.getSpec().getUnschedulable()).isTrue();
        assertThat(node.getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu", "true", "NoSchedule"),
                        org.assertj.core.groups.Tuple.tuple("cloudwarden.dev/quarantine", "resp-1", "NoSchedule"));
        assertThat(node.getMetadata().getLabels()).containsEntry("cloudwarden.dev/quarantine", "resp-1");
        assertThat(node.getMetadata().getAnnotations()).containsEntry("cloudwarden.dev/was-unschedulable", "false");
        assertThat(out.outputs()).containsEntry("node", "worker-1").containsEntry("was_unschedulable", "false");
        assertThat(ctx.operations()).containsExactly(CordonNode.GET_NODE, CordonNode.PATCH_NODE);
        assertThat(ctx.calls()).allSatisfy(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.call().service()).isEqualTo("kubernetes");
        });
    }

    @Test
    void aSecondRunFindsItDoneAndChangesNothing() throws Exception {
        Entity node = Entity.of(EntityType.RESOURCE, "nodes:worker-1");
        action.execute(node, Map.of(), context());
        String version = client.nodes().withName("worker-1").get().getMetadata().getResourceVersion();

        FakeActionContext again = context();
        StepOutcome out = action.execute(node, Map.of(), again);

        assertThat(out.summary()).contains("already cordoned");
        assertThat(again.operations()).containsExactly(CordonNode.GET_NODE);
        Node after = client.nodes().withName("worker-1").get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(after.getSpec().getTaints()).hasSize(2);
    }

    @Test
    void undoUncordonsAndRemovesOnlyItsMarks() throws Exception {
        Entity node = Entity.of(EntityType.RESOURCE, "nodes:worker-1");
        StepOutcome out = action.execute(node, Map.of(), context());

        StepOutcome undone = action.undo(node, Map.of(), out.outputs(), context());

        Node after = client.nodes().withName("worker-1").get();
        assertThat(after.getSpec().getUnschedulable()).isFalse();
        assertThat(after.getSpec().getTaints()).extracting(Taint::getKey).containsExactly("gpu");
        assertThat(after.getMetadata().getLabels()).doesNotContainKey("cloudwarden.dev/quarantine");
        assertThat(after.getMetadata().getAnnotations()).doesNotContainKeys("cloudwarden.dev/was-unschedulable",
                "cloudwarden.dev/response");
        assertThat(undone.summary()).contains("uncordoned");
    }

    @Test
    void undoLeavesANodeCordonedThatWasCordonedBefore() throws Exception {
        client.nodes().withName("worker-1").edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(true)
                .endSpec().build());
        Entity node = Entity.of(EntityType.RESOURCE, "nodes:worker-1");
        StepOutcome out = action.execute(node, Map.of(), context());
        assertThat(out.outputs()).containsEntry("was_unschedulable", "true");

        action.undo(node, Map.of(), out.outputs(), context());

        Node after = client.nodes().withName("worker-1").get();
        assertThat(after.getSpec().getUnschedulable()).isTrue();
        assertThat(after.getSpec().getTaints()).extracting(Taint::getKey).containsExactly("gpu");
    }

    @Test
    void aPodTargetCordonsTheNodeItsAuditRecordNames() throws Exception {
        var event = FakeActionContext.auditEvent(
                "{\"verb\":\"create\",\"responseObject\":{\"spec\":{\"nodeName\":\"worker-1\"}}}",
                "pods", "prod/web-7d9f");
        FakeActionContext ctx = FakeActionContext.of("resp-1", event).with(KubernetesClient.class, client);
        Entity pod = Entity.of(EntityType.RESOURCE, "pods/exec:prod/web-7d9f");

        StepPlan plan = action.plan(pod, Map.of(), ctx);
        assertThat(plan.calls()).extracting(c -> c.parameters().get("name")).containsExactly("worker-1", "worker-1");
        assertThat(ctx.calls()).isEmpty();

        action.execute(pod, Map.of(), ctx);
        assertThat(client.nodes().withName("worker-1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(ctx.operations()).containsExactly(CordonNode.GET_NODE, CordonNode.PATCH_NODE);
    }

    @Test
    void aPodTargetAsksTheApiServerWhenTheIncidentDoesNotSay() throws Exception {
        client.pods().inNamespace("prod").resource(new PodBuilder().withNewMetadata().withName("web-7d9f")
                .withNamespace("prod").endMetadata().withNewSpec().withNodeName("worker-1").addNewContainer()
                .withName("app").withImage("nginx").endContainer().endSpec().build()).create();
        FakeActionContext ctx = context();
        Entity pod = Entity.of(EntityType.RESOURCE, "pods:prod/web-7d9f");

        assertThat(action.plan(pod, Map.of(), ctx).calls()).extracting(c -> c.operation())
                .containsExactly(PodRead.GET_POD, CordonNode.GET_NODE, CordonNode.PATCH_NODE);
        action.execute(pod, Map.of(), ctx);

        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD, CordonNode.GET_NODE, CordonNode.PATCH_NODE);
        assertThat(client.nodes().withName("worker-1").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aMissingNodeIsAnErrorWithStatus404() {
        assertThatThrownBy(() -> action.execute(Entity.of(EntityType.RESOURCE, "nodes:gone"), Map.of(), context()))
                .isInstanceOf(ActionException.class)
                .satisfies(e -> assertThat(((ActionException) e).errorCode()).isEqualTo("404"));
    }

    @Test
    void refusesWhatIsNotANodeOrPod() {
        assertThatThrownBy(() -> action.plan(Entity.of(EntityType.RESOURCE, "pods:default/*"), Map.of(), context()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> action.execute(Entity.of(EntityType.RESOURCE, "secrets:default/x"), Map.of(),
                context())).isInstanceOf(ActionException.class);
    }
}
