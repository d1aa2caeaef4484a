package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.Formats;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * T5: escape from a tenant to the node — a pod with hostPID, privileged and the host's / mounted, then exec
 * into a kube-system pod, as the Kubernetes API server's audit log records them.
 */
public final class KubernetesEscape implements Scenario {
    static final String ID = "t5-kubernetes-escape";
    private static final String ATTACKER = "203.0.113.177";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "T5", "Privileged hostPath pod and exec into kube-system", List.of("T1611", "T1610"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Instant t = start.plusSeconds(2);
        out.accept(new LogLine(LogKind.K8S_AUDIT, t, audit(t, "create", "/api/v1/namespaces/default/pods", "pods", "default",
                "node-shell", null, 201, random, g -> {
                    g.writeObjectFieldStart("requestObject");
                    g.writeStringField("kind", "Pod");
                    g.writeStringField("apiVersion", "v1");
                    g.writeObjectFieldStart("metadata");
                    g.writeStringField("name", "node-shell");
                    g.writeEndObject();
                    g.writeObjectFieldStart("spec");
                    g.writeBooleanField("hostPID", true);
                    g.writeBooleanField("hostNetwork", true);
                    g.writeArrayFieldStart("containers");
                    g.writeStartObject();
                    g.writeStringField("name", "shell");
                    g.writeStringField("image", "alpine:3.18");
                    g.writeObjectFieldStart("securityContext");
                    g.writeBooleanField("privileged", true);
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeArrayFieldStart("volumes");
                    g.writeStartObject();
                    g.writeStringField("name", "host");
                    g.writeObjectFieldStart("hostPath");
                    g.writeStringField("path", "/");
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }), ID));
        t = t.plusSeconds(40);
        out.accept(new LogLine(LogKind.K8S_AUDIT, t, audit(t, "create",
                "/api/v1/namespaces/kube-system/pods/coredns-5d78c9869d-abcde/exec?command=sh&stdin=true&tty=true",
                "pods", "kube-system", "coredns-5d78c9869d-abcde", "exec", 101, random, null), ID));
    }


    private static String audit(Instant t, String verb, String uri, String resource, String namespace, String name,
                                String subresource, int code, Random random, Formats.JsonBody request) {
        return Formats.json(g -> {
            g.writeStringField("kind", "Event");
            g.writeStringField("apiVersion", "audit.k8s.io/v1");
            g.writeStringField("level", "RequestResponse");
            g.writeStringField("auditID", new java.util.UUID(random.nextLong(), t.toEpochMilli()).toString());
            g.writeStringField("stage", "ResponseComplete");
            g.writeStringField("requestURI", uri);
            g.writeStringField("verb", verb);
            g.writeObjectFieldStart("user");
            g.writeStringField("username", "dev-intern");
            g.writeArrayFieldStart("groups");
            g.writeString("developers");
            g.writeString("system:authenticated");
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("sourceIPs");
            g.writeString(ATTACKER);
            g.writeEndArray();
            g.writeStringField("userAgent", "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819");
            g.writeObjectFieldStart("objectRef");
            g.writeStringField("resource", resource);
            g.writeStringField("namespace", namespace);
            g.writeStringField("name", name);
            if (subresource != null) {
                g.writeStringField("subresource", subresource);
            }
            g.writeStringField("apiVersion", "v1");
            g.writeEndObject();
            g.writeObjectFieldStart("responseStatus");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            g.writeNumberField("code", code);
            g.writeEndObject();
            if (request != null) {
                request.write(g);
            }
            g.writeStringField("requestReceivedTimestamp", t.toString());
            g.writeStringField("stageTimestamp", t.plusMillis(12).toString());
            g.writeObjectFieldStart("annotations");
            g.writeStringField("authorization.k8s.io/decision", "allow");
            g.writeStringField("authorization.k8s.io/reason", "RBAC: allowed by RoleBinding \"dev-edit\"");
            g.writeEndObject();
        });
    }
}
