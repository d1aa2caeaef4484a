package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CelConditionTest {
    static ConfigResource bucket(String name, Map<String, Object> attributes, String... references) {
        return new ConfigResource(Framework.TERRAFORM, "aws_s3_bucket", name, "aws_s3_bucket." + name,
                Location.of("main.tf", 1), attributes, List.of(references), List.of());
    }

    private static Verdict verdict(String pass, ConfigResource r) {
        return CelCondition.compile(null, pass).evaluate(r, ResourceGraph.of(r)).verdict();
    }

    @Test
    void passesAndFailsOnKnownValues() {
        ConfigResource r = bucket("b", Map.of("acl", "public-read", "versioning", List.of(Map.of("enabled", true))));
        assertThat(verdict("!(r.acl in ['public-read', 'public-read-write'])", r)).isEqualTo(Verdict.FAIL);
        assertThat(verdict("r.versioning.exists(v, v.enabled == true)", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("!has(r.logging)", r)).isEqualTo(Verdict.PASS);
    }

    /** An unresolved variable never turns into a pass or a fail it does not decide. */
    @Test
    void anUnknownValueIsUnknownOnlyWhereTheAnswerDependsOnIt() {
        ConfigResource r = bucket("b", Map.of("acl", Unknown.of("var.acl"), "force_destroy", true,
                "versioning", List.of(Map.of("enabled", Unknown.of("local.v")))));
        assertThat(verdict("r.acl == 'private'", r)).isEqualTo(Verdict.UNKNOWN);
        assertThat(verdict("has(r.acl)", r)).isEqualTo(Verdict.UNKNOWN);
        assertThat(verdict("r.force_destroy || r.acl == 'private'", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("!r.force_destroy && r.acl == 'private'", r)).isEqualTo(Verdict.FAIL);
        assertThat(verdict("r.versioning.exists(v, v.enabled == true)", r)).isEqualTo(Verdict.UNKNOWN);
        Outcome o = CelCondition.compile(null, "r.acl == 'private'").evaluate(r, ResourceGraph.of(r));
        assertThat(o.detail()).contains("r.acl");
    }

    @Test
    void aMissingKeyReadWithoutHasIsAnErrorNotAVerdict() {
        ConfigResource r = bucket("b", Map.of());
        Outcome o = CelCondition.compile(null, "r.acl == 'private'").evaluate(r, ResourceGraph.of(r));
        assertThat(o.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(o.detail()).startsWith("error:").contains("acl");
    }

    @Test
    void appliesFalseMeansNoVerdict() {
        ConfigResource r = bucket("b", Map.of("acl", "private"));
        assertThat(CelCondition.compile("has(r.website)", "false").evaluate(r, ResourceGraph.of(r)).verdict())
                .isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void nullsAndNumbersCompareAsInTheFile() {
        Map<String, Object> a = new HashMap<>();
        a.put("kms_key_id", null);
        a.put("from_port", 22L);
        a.put("ratio", 0.5);
        ConfigResource r = bucket("b", a);
        assertThat(CelCondition.compile(null, "r.kms_key_id == null").evaluate(r, ResourceGraph.of(r)).detail()).isEqualTo("");
        assertThat(verdict("r.kms_key_id == null", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("r.from_port <= 22 && r.from_port >= 0.5", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("r.ratio < 1", r)).isEqualTo(Verdict.PASS);
    }

    @Test
    void policiesAreReadAsNormalisedStatements() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}";
        ConfigResource r = bucket("b", Map.of("policy", policy));
        assertThat(verdict("statements(r.policy).exists(s, s.Effect == 'Allow' && '*' in s.Principal.AWS)", r))
                .isEqualTo(Verdict.PASS);
        assertThat(verdict("statements(json(r.policy)).all(s, s.Action.size() == 1)", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("is_public_cidr('0.0.0.0/0') && !is_public_cidr('10.0.0.0/8')", r)).isEqualTo(Verdict.PASS);
    }

    @Test
    void graphChecksSeeReferencesBothWays() {
        ConfigResource bucket = bucket("logs", Map.of("bucket", "logs"));
        ConfigResource block = new ConfigResource(Framework.TERRAFORM, "aws_s3_bucket_public_access_block", "logs",
                "aws_s3_bucket_public_access_block.logs", Location.of("main.tf", 9),
                Map.of("bucket", Unknown.of("aws_s3_bucket.logs.id"), "block_public_acls", true), List.of("aws_s3_bucket.logs"),
                List.of());
        ResourceGraph graph = new ResourceGraph(List.of(bucket, block));
        String pass = "referrers.exists(x, x.type == 'aws_s3_bucket_public_access_block' && x.r.block_public_acls == true)";
        assertThat(CelCondition.compile(null, pass).evaluate(bucket, graph).verdict()).isEqualTo(Verdict.PASS);
        assertThat(CelCondition.compile(null, "refs.exists(x, x.id == 'aws_s3_bucket.logs')").evaluate(block, graph).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(CelCondition.compile(null, "referrers.exists(x, x.r.bucket == 'logs')").evaluate(bucket, graph).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    private static ConfigResource k8s(String kind, Map<String, Object> attributes) {
        Map<String, Object> a = new HashMap<>(attributes);
        a.put("apiVersion", "v1");
        a.put("kind", kind);
        return new ConfigResource(Framework.KUBERNETES, kind, "x", kind + ".default.x", Location.of("x.yaml", 1), a,
                List.of(), List.of());
    }

    /** pod_spec and containers find the pods of every workload kind, and nothing in other objects. */
    @Test
    void kubernetesWorkloadsGiveTheirPodSpecAndContainers() {
        Map<String, Object> pod = Map.of("containers", List.of(Map.of("name", "app", "image", "nginx")),
                "initContainers", List.of(Map.of("name", "init", "image", "busybox")), "hostPID", true);
        ConfigResource p = k8s("Pod", Map.of("spec", pod));
        ConfigResource d = k8s("Deployment", Map.of("spec", Map.of("template", Map.of("spec", pod))));
        ConfigResource cj = k8s("CronJob", Map.of("spec", Map.of("jobTemplate", Map.of("spec", Map.of("template",
                Map.of("spec", pod))))));
        ConfigResource custom = k8s("Rollout", Map.of("spec", Map.of("template", Map.of("spec", pod))));
        ConfigResource service = k8s("Service", Map.of("spec", Map.of("ports", List.of())));
        for (ConfigResource r : List.of(p, d, cj, custom)) {
            assertThat(verdict("pod_spec(r).hostPID == true", r)).as(r.type()).isEqualTo(Verdict.PASS);
            assertThat(verdict("containers(r).map(c, c.name) == ['app', 'init']", r)).as(r.type()).isEqualTo(Verdict.PASS);
        }
        assertThat(verdict("pod_spec(r) == null && size(containers(r)) == 0", service)).isEqualTo(Verdict.PASS);
        assertThat(verdict("pod_spec(r) == null", k8s("Deployment", Map.of()))).isEqualTo(Verdict.PASS);
        // Kubernetes refuses these: unknown, never a vacuous pass
        Map<String, Object> nullContainers = new HashMap<>();
        nullContainers.put("containers", null);
        for (ConfigResource malformed : List.of(k8s("Pod", Map.of("spec", List.of(Map.of("containers", List.of())))),
                k8s("Pod", Map.of("spec", Map.of("containers", Map.of("name", "app", "image", "nginx")))),
                k8s("Pod", Map.of("spec", nullContainers)),
                k8s("Deployment", Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", List.of("nginx")))))))) {
            assertThat(verdict("containers(r).all(c, has(c.image))", malformed)).as(malformed.attributes().toString())
                    .isEqualTo(Verdict.UNKNOWN);
        }
    }

    /** command_line, runs and flags read a control-plane container's command line. */
    @Test
    void containerCommandLinesAreReadAsProgramAndFlags() {
        Map<String, Object> api = Map.of("image", "k8s.gcr.io/kube-apiserver:v1.20",
                "command", List.of("/usr/local/bin/kube-apiserver", "--anonymous-auth=false", "--profiling"),
                "args", List.of("--audit-log-path /var/log/audit.log", "--tls-cipher-suites=\"A,B\""));
        Map<String, Object> byImage = Map.of("image", "gcr.io/google_containers/kube-apiserver-amd64:v1.6.0",
                "args", List.of("--secure-port=0"));
        Map<String, Object> shell = Map.of("image", "alpine", "command", List.of("sh", "-c", "kubelet --read-only-port=0",
                "--root-dir", "/var/lib/kube-apiserver"));
        ConfigResource r = k8s("Pod", Map.of("spec", Map.of("containers", List.of(api, byImage, shell))));
        assertThat(verdict("runs(containers(r)[0], 'kube-apiserver') && runs(containers(r)[1], 'kube-apiserver')"
                + " && !runs(containers(r)[2], 'kube-apiserver') && runs(containers(r)[2], 'kubelet')", r))
                .isEqualTo(Verdict.PASS);
        assertThat(verdict("flags(containers(r)[0]) == {'--anonymous-auth': 'false', '--profiling': 'true', "
                + "'--audit-log-path': '/var/log/audit.log', '--tls-cipher-suites': 'A,B'}", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("flags(containers(r)[1])['--secure-port'] == '0'", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("command_line(containers(r)[2]) == ['sh', '-c', 'kubelet', '--read-only-port=0', '--root-dir', "
                + "'/var/lib/kube-apiserver']", r))
                .isEqualTo(Verdict.PASS);
        assertThat(verdict("size(flags({'name': 'x'})) == 0 && size(command_line({'command': null})) == 0", r))
                .isEqualTo(Verdict.PASS);
    }

    /** get() reads deep optional settings without has() chains; missing keys and nulls give the default. */
    @Test
    void getReadsAPathWithADefault() {
        Map<String, Object> sc = new HashMap<>();
        sc.put("capabilities", null);
        sc.put("privileged", true);
        ConfigResource r = k8s("Pod", Map.of("metadata", Map.of("annotations", Map.of("a.b/c", "x")),
                "spec", Map.of("securityContext", sc)));
        assertThat(verdict("get(r, 'spec.securityContext.privileged', false) == true", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("get(r, 'spec.securityContext.capabilities.add', []) == []", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("get(r, 'spec.nothing.here', 'd') == 'd' && get(r, 'kind.x', 1) == 1", r)).isEqualTo(Verdict.PASS);
        assertThat(verdict("get(r, ['metadata', 'annotations', 'a.b/c'], '') == 'x'", r)).isEqualTo(Verdict.PASS);
        ConfigResource u = bucket("b", Map.of("acl", Unknown.of("var.acl")));
        assertThat(verdict("get(r, 'acl', 'private') == 'private'", u)).as("unknown").isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void onlyConditionsThatNameTheCallerNarrowAnyPrincipal() {
        ConfigResource r = bucket("b", Map.of());
        String narrows = "restricts_principal(json('%s'))";
        assertThat(verdict(narrows.formatted("{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}"), r)).isEqualTo(Verdict.PASS);
        assertThat(verdict(narrows.formatted("{\"ForAnyValue:StringEquals\":{\"aws:PrincipalOrgID\":[\"o-1\"]}}"), r))
                .isEqualTo(Verdict.PASS);
        assertThat(verdict(narrows.formatted("{\"StringEquals\":{\"kms:CallerAccount\":\"111122223333\"}}"), r))
                .isEqualTo(Verdict.PASS);
        // true when the key is absent: a principal outside every organisation gets in
        assertThat(verdict(narrows.formatted("{\"ForAllValues:StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}"), r))
                .isEqualTo(Verdict.FAIL);
        // any account can name one of its users pull-user-1
        assertThat(verdict(narrows.formatted("{\"StringEquals\":{\"aws:username\":\"pull-user-1\"}}"), r)).isEqualTo(Verdict.FAIL);
        assertThat(verdict(narrows.formatted("{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::1:user/a\"}}"), r))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void aBadExpressionIsRefusedWhenCompiled() {
        assertThatThrownBy(() -> CelCondition.compile(null, "r.acl ==")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CelCondition.compile(null, "nosuchfunction(r)")).hasMessageContaining("nosuchfunction");
    }

    /** A key set from another resource is set, though its value is the provider's; a variable without one is not. */
    @Test
    void aValueComputedFromAnotherResourceCountsAsSet() {
        ConfigResource fromKey = bucket("b", Map.of("kms_key_id", new Unknown("aws_kms_key.k.arn", List.of("aws_kms_key.k")),
                "encryption", List.of(Map.of("key", new Unknown("aws_kms_key.k.arn", List.of("aws_kms_key.k"))))));
        ConfigResource fromVariable = bucket("c", Map.of("kms_key_id", Unknown.of("var.key")));
        String pass = "'kms_key_id' in computed || (has(r.kms_key_id) && r.kms_key_id != null && r.kms_key_id != '')";
        assertThat(verdict(pass, fromKey)).isEqualTo(Verdict.PASS);
        assertThat(verdict("'encryption.key' in computed", fromKey)).isEqualTo(Verdict.PASS);
        assertThat(verdict(pass, fromVariable)).isEqualTo(Verdict.UNKNOWN);
        assertThat(verdict(pass, bucket("d", Map.of("kms_key_id", "")))).isEqualTo(Verdict.FAIL);
    }
}
