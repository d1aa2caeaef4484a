package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Loggable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code k8s.snapshot_pod}: what a pod is before anyone deletes it. Its full object (spec and status: image digests,
 * node, service account, mounts, the exec'd ephemeral containers) as YAML, and the log of every container, init and
 * ephemeral ones included, with the previous instance's log where a container restarted (an attacker's crashed
 * tool is often only there).
 *
 * <p><b>Outputs</b>: {@code pod}, {@code uid} (which {@code k8s.delete_pod} checks before deleting), {@code node},
 * {@code manifest} (the YAML), and per container {@code log/<container>} and {@code previous_log/<container>}: the
 * first {@value #OUTPUT_LOG_CHARS} characters, with the whole log's {@code .sha256} and {@code .bytes}, since outputs
 * live in the response's state. The whole text goes to the {@link EvidenceStore} when the context offers one
 * ({@code evidence/...} outputs say where). A log is read up to {@code limit_bytes} (the API server's own cap for the
 * current log; read no further for the previous one); a log that cannot be read (a container not started yet) is
 * noted in {@code log/<container>.error} and the snapshot goes on.
 */
public final class SnapshotPod extends KubernetesAction {
    static final String NAME = "k8s.snapshot_pod";
    static final String GET_LOG = "GET /api/v1/namespaces/{namespace}/pods/{name}/log";
    static final int OUTPUT_LOG_CHARS = 65_536;
    static final WholeNumber LIMIT = new WholeNumber("limit_bytes", 16 * 1024 * 1024, 1, Integer.MAX_VALUE);

    public SnapshotPod() {
        super(NAME, "Keep a pod's full spec and status and the logs of all its containers (and their previous instances)", Effect.EVIDENCE, Map.of("limit_bytes", "the most of each container log to keep, in bytes (default 16 MiB)"));
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        KubeObject pod = KubeObject.require(target, KubeObject.Kind.POD);
        int limit = (int) LIMIT.in(params);
        return new StepPlan(List.of(
                KubeCalls.api(PodRead.GET_POD, "namespace", pod.namespace(), "name", pod.name()),
                KubeCalls.api(GET_LOG, "namespace", pod.namespace(), "name", pod.name(),
                        "container", "<each container>", "limitBytes", limit),
                KubeCalls.api(GET_LOG, "namespace", pod.namespace(), "name", pod.name(),
                        "container", "<each restarted container>", "previous", true)),
                List.of(), List.of("Reads only; " + (context.client(EvidenceStore.class).isPresent()
                ? "the full logs go to the evidence store" : "no evidence store: logs are kept in the outputs, cut to "
                + OUTPUT_LOG_CHARS + " characters each")));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        KubeObject ref = KubeCalls.target(target, KubeObject.Kind.POD);
        int limit = (int) LIMIT.forRun(params);
        KubernetesClient client = KubeCalls.client(context);
        Pod pod = PodRead.get(context, ref);
        if (pod == null) {
            throw new ActionException("pod " + ref.ref() + " not found", "404", null, null);
        }
        Evidence evidence = new Evidence(context);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pod", ref.ref());
        out.put("uid", pod.getMetadata().getUid());
        out.put("node", pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName());
        String yaml = client.getKubernetesSerialization().asYaml(pod);
        out.put("manifest", yaml);
        out.put("manifest.sha256", sha256(yaml.getBytes(StandardCharsets.UTF_8)));
        evidence.keep(out, "manifest", "pod.yaml", yaml.getBytes(StandardCharsets.UTF_8));

        int logs = 0;
        for (String container : containers(pod)) {
            logs += log(context, client, ref, container, false, limit, out, evidence);
            if (restarted(pod, container)) {
                logs += log(context, client, ref, container, true, limit, out, evidence);
            }
        }
        return new StepOutcome(out, "pod " + ref.ref() + ": manifest and " + logs + " logs kept"
                + (evidence.store == null ? " in the outputs" : " in the evidence store"));
    }

    /** Reads one log into the outputs (and the store); 1 when it was read, 0 when the API server would not give it. */
    private static int log(ActionContext context, KubernetesClient client, KubeObject ref, String container,
                           boolean previous, int limit, Map<String, String> out, Evidence evidence)
            throws ActionException {
        String key = (previous ? "previous_log/" : "log/") + container;
        ApiCall call = previous
                ? KubeCalls.api(GET_LOG, "namespace", ref.namespace(), "name", ref.name(), "container", container,
                "previous", true)
                : KubeCalls.api(GET_LOG, "namespace", ref.namespace(), "name", ref.name(), "container", container,
                "limitBytes", limit);
        byte[] bytes;
        try {
            bytes = KubeCalls.run(context, call, () -> {
                // No readiness wait: a crashed pod never gets ready. (fabric8 still lists the pod by name before
                // each log read to see its state; that read is part of this recorded call.)
                var c = client.pods().inNamespace(ref.namespace()).withName(ref.name()).inContainer(container)
                        .withReadyWaitTimeout(0);
                Loggable log = previous ? c.terminated() : c.limitBytes(limit);
                return read(log, limit);
            }, b -> b.length + " bytes");
        } catch (ActionException e) {
            out.put(key + ".error", e.getMessage());
            return 0;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        out.put(key, text.length() > OUTPUT_LOG_CHARS ? text.substring(0, OUTPUT_LOG_CHARS) : text);
        out.put(key + ".bytes", String.valueOf(bytes.length));
        out.put(key + ".sha256", sha256(bytes));
        evidence.keep(out, key, (previous ? "previous-log-" : "log-") + container + ".txt", bytes);
        return 1;
    }

    /** At most {@code limit} bytes of the log: the API server caps the current log, this caps the previous one. */
    private static byte[] read(Loggable log, int limit) {
        try (InputStream in = log.getLogInputStream()) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("reading the log: " + e.getMessage(), e);
        }
    }

    private static List<String> containers(Pod pod) {
        if (pod.getSpec() == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        pod.getSpec().getInitContainers().forEach(c -> names.add(c.getName()));
        pod.getSpec().getContainers().forEach(c -> names.add(c.getName()));
        pod.getSpec().getEphemeralContainers().forEach(c -> names.add(c.getName()));
        return names;
    }

    /** Whether the container ran before: the kubelet keeps that instance's log until the next restart. */
    private static boolean restarted(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return false;
        }
        return Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses(),
                        pod.getStatus().getEphemeralContainerStatuses())
                .flatMap(List::stream)
                .filter(s -> container.equals(s.getName()))
                .anyMatch(SnapshotPod::ranBefore);
    }

    private static boolean ranBefore(ContainerStatus s) {
        return s.getRestartCount() != null && s.getRestartCount() > 0
                || s.getLastState() != null && s.getLastState().getTerminated() != null;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256(bytes));
    }

    /** The context's evidence store, if any; a file it cannot write fails the step. */
    private static final class Evidence {
        private final EvidenceStore store;
        private final ActionContext context;

        Evidence(ActionContext context) {
            this.context = context;
            this.store = context.client(EvidenceStore.class).orElse(null);
        }

        void keep(Map<String, String> out, String key, String file, byte[] content) throws ActionException {
            if (store == null) {
                return;
            }
            try {
                out.put("evidence/" + key, store.write(context.responseId(), context.stepId(), file, content));
            } catch (IOException e) {
                // Fails the step: a delete after it must not run on evidence that was not kept.
                throw new ActionException("could not keep " + file + " as evidence: " + e, null, null, e);
            }
        }
    }
}
