package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.FakeActionContext;
import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s.isolate_namespace and k8s.isolate_pod on the mock API server's final state: present, rerun, undone. */
class IsolationTest {
    private static final Entity POD = Entity.of(EntityType.RESOURCE, "pods:prod/web-7d9f");

    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        cluster.client.pods().inNamespace("prod").resource(new PodBuilder().withNewMetadata().withName("web-7d9f")
                .withNamespace("prod").addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage("nginx").endContainer().endSpec().build()).create();
        // an existing policy that lets the web pods be reached: the deny-all does not override it
        cluster.client.network().v1().networkPolicies().inNamespace("prod").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-web").withNamespace("prod").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "web").endPodSelector()
                .withPolicyTypes("Ingress").addNewIngress().endIngress().endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private NetworkPolicy policy(String name) {
        return cluster.client.network().v1().networkPolicies().inNamespace("prod").withName(name).get();
    }

    private static void assertDeniesAll(NetworkPolicy p, Map<String, String> selector) {
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector);
        assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isEmpty();
        assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(p.getSpec().getIngress()).isEmpty();
        assertThat(p.getSpec().getEgress()).isEmpty();
        assertThat(p.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "cloudwarden")
                .containsEntry("cloudwarden.dev/quarantine", "resp-1");
    }

    @Test
    void isolateNamespaceAppliesADenyAllOnceAndUndoRemovesIt() throws Exception {
        IsolateNamespace action = new IsolateNamespace();
        FakeActionContext ctx = cluster.context("resp-1");

        StepOutcome out = action.execute(POD, Map.of(), ctx);

        assertDeniesAll(policy("cloudwarden-deny-all"), Map.of());
        assertThat(out.outputs()).containsEntry("namespace", "prod").containsEntry("still_allowed_by", "allow-web");
        assertThat(ctx.operations()).containsExactly(DenyAllPolicy.GET, DenyAllPolicy.CREATE, DenyAllPolicy.LIST);

        FakeActionContext again = cluster.context("resp-1");
        assertThat(action.execute(Entity.of(EntityType.RESOURCE, "namespaces:prod"), Map.of(), again).summary())
                .contains("already present");
        assertThat(again.operations()).containsExactly(DenyAllPolicy.GET, DenyAllPolicy.LIST);

        action.undo(POD, Map.of(), out.outputs(), cluster.context("resp-1"));
        assertThat(policy("cloudwarden-deny-all")).isNull();
        assertThat(policy("allow-web")).isNotNull();
        assertThat(action.undo(POD, Map.of(), out.outputs(), cluster.context("resp-1")).summary())
                .contains("already gone");
    }

    @Test
    void anotherResponsesPolicyIsKeptAndNotRemovedOnUndo() throws Exception {
        IsolateNamespace action = new IsolateNamespace();
        action.execute(POD, Map.of(), cluster.context("resp-1"));

        StepOutcome second = action.execute(POD, Map.of(), cluster.context("resp-2"));
        assertThat(second.summary()).contains("made by response resp-1");
        assertThat(action.undo(POD, Map.of(), second.outputs(), cluster.context("resp-2")).summary())
                .contains("another response");
        assertThat(policy("cloudwarden-deny-all")).isNotNull();
    }

    @Test
    void isolatePodLabelsItAndDeniesAllToThatLabelOnly() throws Exception {
        IsolatePod action = new IsolatePod();
        FakeActionContext ctx = cluster.context("resp-1");

        StepOutcome out = action.execute(POD, Map.of(), ctx);

        assertDeniesAll(policy("cloudwarden-quarantine-resp-1"), Map.of("cloudwarden.dev/quarantine", "resp-1"));
        var pod = cluster.client.pods().inNamespace("prod").withName("web-7d9f").get();
        assertThat(pod.getMetadata().getLabels()).containsEntry("cloudwarden.dev/quarantine", "resp-1")
                .containsEntry("app", "web");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("cloudwarden.dev/response", "resp-1");
        assertThat(out.outputs()).containsEntry("still_allowed_by", "allow-web");
        assertThat(ctx.operations()).containsExactly(PodRead.GET_POD, DenyAllPolicy.GET, DenyAllPolicy.CREATE,
                IsolatePod.PATCH_POD, DenyAllPolicy.LIST);
        assertThat(policy("cloudwarden-deny-all")).isNull();

        FakeActionContext again = cluster.context("resp-1");
        action.execute(POD, Map.of(), again);
        assertThat(again.operations()).containsExactly(PodRead.GET_POD, DenyAllPolicy.GET, DenyAllPolicy.LIST);

        action.undo(POD, Map.of(), out.outputs(), cluster.context("resp-1"));
        var released = cluster.client.pods().inNamespace("prod").withName("web-7d9f").get();
        assertThat(released.getMetadata().getLabels()).doesNotContainKey("cloudwarden.dev/quarantine")
                .containsEntry("app", "web");
        assertThat(policy("cloudwarden-quarantine-resp-1")).isNull();
    }

    @Test
    void aLongResponseIdBecomesAValidLabelAndName() throws Exception {
        FakeActionContext ctx = cluster.context("Incident 0123456789abcdef / playbook: k8s-crypto-miner");
        new IsolatePod().execute(POD, Map.of(), ctx);

        String label = ResponseMarks.label(ctx.responseId());
        assertThat(label).matches("r[0-9a-f]{24}");
        assertThat(policy("cloudwarden-quarantine-" + label)).isNotNull();
    }

    @Test
    void allAreRegisteredOnceWithTheirEffects() {
        List<Action> all = KubernetesActions.all();
        Actions actions = new Actions(all);
        assertThat(actions.all()).extracting(Action::name).containsExactly("k8s.cordon_node", "k8s.snapshot_pod",
                "k8s.delete_pod", "k8s.isolate_namespace", "k8s.isolate_pod");
        assertThat(all).extracting(Action::effect).containsExactly(Effect.CONTAINMENT, Effect.EVIDENCE,
                Effect.DESTRUCTIVE, Effect.CONTAINMENT, Effect.CONTAINMENT);
        assertThat(all).filteredOn(Action::undoable).extracting(Action::name)
                .containsExactly("k8s.cordon_node", "k8s.isolate_namespace", "k8s.isolate_pod");
    }

    @Test
    void selectorsMatchAsTheApiServerDoes() {
        var sel = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder().addToMatchLabels("app", "web")
                .addNewMatchExpression().withKey("tier").withOperator("In").withValues("front", "edge")
                .endMatchExpression()
                .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression().build();
        assertThat(Selectors.matches(sel, Map.of("app", "web", "tier", "edge"))).isTrue();
        assertThat(Selectors.matches(sel, Map.of("app", "web", "tier", "back"))).isFalse();
        assertThat(Selectors.matches(sel, Map.of("app", "web", "tier", "edge", "canary", "1"))).isFalse();
        assertThat(Selectors.matches(null, Map.of())).isTrue();
    }
}
