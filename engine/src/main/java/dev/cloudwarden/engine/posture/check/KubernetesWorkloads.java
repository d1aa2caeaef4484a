package dev.cloudwarden.engine.posture.check;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a Kubernetes object keeps its pods and containers, and what a container runs, for the CEL functions
 * {@code pod_spec}, {@code containers}, {@code command_line}, {@code runs} and {@code flags} ({@link CelLanguage}).
 * Values are CEL data: maps, lists, strings, and CEL's null where the manifest has none.
 */
final class KubernetesWorkloads {
    /** Kinds whose pods are described by {@code spec.template}. */
    private static final Set<String> TEMPLATED = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "ReplicationController", "DeploymentConfig");

    private KubernetesWorkloads() {
    }

    /**
     * The pod spec of a workload: {@code spec} of a Pod, {@code template.spec} of a PodTemplate,
     * {@code spec.jobTemplate.spec.template.spec} of a CronJob, {@code spec.template.spec} of the other workload kinds
     * (and of any other kind whose template has containers, as custom workloads do); null for everything else. A
     * workload whose pod spec is there but is not a mapping is malformed (Kubernetes refuses it): an error, so checks
     * say unknown rather than pass what they cannot read.
     */
    static Object podSpec(Object object) throws CelEvaluationException {
        if (!(object instanceof Map<?, ?> o) || !(o.get("kind") instanceof String kind)) {
            return NullValue.NULL_VALUE;
        }
        List<String> path = switch (kind) {
            case "Pod" -> List.of("spec");
            case "PodTemplate" -> List.of("template", "spec");
            case "CronJob" -> List.of("spec", "jobTemplate", "spec", "template", "spec");
            default -> List.of("spec", "template", "spec");
        };
        boolean workload = TEMPLATED.contains(kind) || List.of("Pod", "PodTemplate", "CronJob").contains(kind);
        Object v = o;
        for (int i = 0; i < path.size(); i++) {
            if (!(v instanceof Map<?, ?> m) || m.get(path.get(i)) == null || m.get(path.get(i)) instanceof NullValue) {
                return NullValue.NULL_VALUE;
            }
            v = m.get(path.get(i));
            if (!(v instanceof Map<?, ?>)) {
                if (workload) {
                    throw new CelEvaluationException("malformed " + kind + ": " + String.join(".", path.subList(0, i + 1))
                            + " is not a mapping");
                }
                return NullValue.NULL_VALUE;
            }
        }
        return workload || ((Map<?, ?>) v).get("containers") instanceof List<?> ? v : NullValue.NULL_VALUE;
    }

    /**
     * The containers and init containers of a workload's pod spec; empty for other objects. A list that is not a list
     * (a mapping, or an empty value) or an item that is not a mapping is malformed: an error, as for {@link #podSpec}.
     */
    static List<Object> containers(Object object) throws CelEvaluationException {
        List<Object> out = new ArrayList<>();
        if (podSpec(object) instanceof Map<?, ?> spec) {
            for (String key : List.of("containers", "initContainers")) {
                if (!spec.containsKey(key)) {
                    continue;
                }
                if (!(spec.get(key) instanceof List<?> list)) {
                    throw new CelEvaluationException("malformed pod spec: " + key + " is not a list");
                }
                for (Object c : list) {
                    if (!(c instanceof Map<?, ?>)) {
                        throw new CelEvaluationException("malformed pod spec: an item of " + key + " is not a mapping");
                    }
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** A container's {@code command} then {@code args}, each element split at whitespace (shell {@code -c} strings). */
    static List<String> commandLine(Object container) {
        List<String> words = new ArrayList<>();
        if (container instanceof Map<?, ?> c) {
            for (String key : List.of("command", "args")) {
                Object v = c.get(key);
                List<?> items = v instanceof List<?> l ? l : v instanceof String s ? List.of(s) : List.of();
                for (Object item : items) {
                    if (item instanceof String s || item instanceof Number || item instanceof Boolean) {
                        for (String w : String.valueOf(item).trim().split("\\s+")) {
                            if (!w.isEmpty()) {
                                words.add(w);
                            }
                        }
                    }
                }
            }
        }
        return words;
    }

    /**
     * The container runs the program: a word of its command line is the program (a path ending in it included; not
     * the value of a {@code --long} option, as in {@code --root-dir /var/lib/kubelet}), or,
     * without a command, its image is the program's ({@code registry/kube-apiserver-amd64:v1} runs kube-apiserver).
     */
    static boolean runs(Object container, String program) {
        List<String> words = commandLine(container);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean flagValue = i > 0 && words.get(i - 1).startsWith("--") && !words.get(i - 1).contains("=");
            if (!flagValue && (w.equals(program) || w.endsWith("/" + program))) {
                return true;
            }
        }
        if (container instanceof Map<?, ?> c && !(c.get("command") instanceof List<?> l && !l.isEmpty())
                && c.get("image") instanceof String image) {
            String name = image.replaceAll("[@].*$", "");
            name = name.substring(name.lastIndexOf('/') + 1).replaceAll(":.*$", "");
            return name.equals(program) || name.startsWith(program + "-");
        }
        return false;
    }

    /**
     * The options of a container's command line: {@code --name=value} and {@code --name value} (a following word that
     * is not an option) as {@code "--name" -> "value"}, a bare {@code --name} as {@code "true"}; the last one wins.
     */
    static Map<String, String> flags(Object container) {
        List<String> words = commandLine(container);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-") || w.equals("-") || w.equals("--")) {
                continue;
            }
            int eq = w.indexOf('=');
            if (eq > 0) {
                out.put(w.substring(0, eq), unquote(w.substring(eq + 1)));
            } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                out.put(w, unquote(words.get(++i)));
            } else {
                out.put(w, "true");
            }
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Object path(Map<?, ?> o, String... keys) {
        Object v = o;
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(k);
        }
        return v;
    }
}
