package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.Action;

import java.util.List;

/** The Kubernetes actions, registered in one place for {@link dev.cloudwarden.app.respond.action.Actions}. */
public final class KubernetesActions {
    private KubernetesActions() {
    }

    public static List<Action> all() {
        return List.of(new CordonNode(), new SnapshotPod(), new DeletePod(), new IsolateNamespace(),
                new IsolatePod());
    }
}
