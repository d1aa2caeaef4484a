package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kubernetes object an action can act on, read from an incident entity as the incident engine writes it from the
 * audit log: {@code pods:namespace/name} (also its subresources, {@code pods/exec:namespace/name}: the exec was into
 * that pod), {@code nodes:name}, {@code namespaces:name}.
 *
 * <p>Names come from audit records, which an attacker's requests fill, so they are checked against Kubernetes' own
 * name rules here; a collection ({@code pods:default/*}), a generated-name create or anything else that names no one
 * object is refused rather than guessed at.
 *
 * @param namespace the pod's namespace; null for a node or a namespace
 */
public record KubeObject(Kind kind, String namespace, String name) {
    /** The kinds actions act on. */
    public enum Kind { POD, NODE, NAMESPACE }

    /** RFC 1123 subdomain: pod and node names. */
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** RFC 1123 label: namespace names. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public KubeObject {
        boolean ok = switch (kind) {
            case POD -> namespace != null && isLabel(namespace) && isSubdomain(name);
            case NODE -> namespace == null && isSubdomain(name);
            case NAMESPACE -> namespace == null && isLabel(name);
        };
        if (!ok) {
            throw new IllegalArgumentException("not a valid Kubernetes " + kind.name().toLowerCase() + " name: "
                    + (namespace == null ? name : namespace + "/" + name));
        }
    }

    public static KubeObject pod(String namespace, String name) {
        return new KubeObject(Kind.POD, namespace, name);
    }

    public static KubeObject node(String name) {
        return new KubeObject(Kind.NODE, null, name);
    }

    public static KubeObject namespace(String name) {
        return new KubeObject(Kind.NAMESPACE, null, name);
    }

    /** The object {@code entity} names, or empty when it names none (another resource, a collection, a bad name). */
    public static Optional<KubeObject> of(Entity entity) {
        if (entity.type() != EntityType.RESOURCE) {
            return Optional.empty();
        }
        String value = entity.value();
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String type = value.substring(0, colon);
        int slash = type.indexOf('/');
        String resource = slash < 0 ? type : type.substring(0, slash); // pods/exec acts on the pod
        String id = value.substring(colon + 1);
        int sep = id.indexOf('/');
        try {
            return switch (resource) {
                case "pods" -> sep < 0 ? Optional.empty()
                        : Optional.of(pod(id.substring(0, sep), id.substring(sep + 1)));
                case "nodes" -> Optional.of(node(id));
                case "namespaces" -> Optional.of(namespace(id));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException badName) {
            return Optional.empty();
        }
    }

    /** The object {@code entity} names, which must be of one of {@code kinds}; else an error saying what it is. */
    public static KubeObject require(Entity entity, Kind... kinds) {
        KubeObject o = of(entity).orElseThrow(() -> new IllegalArgumentException(
                "not a Kubernetes object an action can act on: " + entity));
        for (Kind k : kinds) {
            if (o.kind == k) {
                return o;
            }
        }
        throw new IllegalArgumentException("expected a " + java.util.Arrays.toString(kinds).toLowerCase()
                + " target, got " + entity);
    }

    /** {@code namespace/name} for a pod, the name otherwise: how outputs and messages name it. */
    public String ref() {
        return namespace == null ? name : namespace + "/" + name;
    }

    private static boolean isSubdomain(String s) {
        return s != null && s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }

    private static boolean isLabel(String s) {
        return s != null && s.length() <= 63 && LABEL.matcher(s).matches();
    }
}
