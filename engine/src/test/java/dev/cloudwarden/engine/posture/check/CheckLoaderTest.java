package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Owner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheckLoaderTest {
    private static final String FILE = """
            framework: terraform
            layer: paas
            owner: customer
            checks:
              - id: CW_AWS_S3_PUBLIC_ACL
                title: S3 bucket ACL does not grant public access
                severity: high
                resource_types: [aws_s3_bucket]
                benchmarks: {cis_aws: ["2.1.5"]}
                equivalents: {checkov: [CKV_AWS_20]}
                threats: [T3]
                pass: "!has(r.acl) || !(r.acl in ['public-read', 'public-read-write'])"
              - id: CW_BROKEN
                title: a condition that does not compile
                severity: low
                pass: "r.acl =="
              - id: CW_K8S_PRIVILEGED
                title: containers do not run privileged
                severity: critical
                framework: kubernetes
                layer: containers
                pass: "true"
              - id: lower_case
                title: x
                severity: low
                pass: "true"
              - id: CW_NO_SEVERITY
                title: x
                severity: urgent
                pass: "true"
            """;

    @Test
    void loadsChecksWithTheirDefaultsAndReportsEachBadOneByLine() {
        CheckLoader.Loaded loaded = new CheckLoader().load("checks.yaml", FILE);
        assertThat(loaded.checks()).extracting(Check::id).containsExactly("CW_AWS_S3_PUBLIC_ACL", "CW_K8S_PRIVILEGED");
        Check s3 = loaded.checks().get(0);
        assertThat(s3.severity()).isEqualTo(Level.HIGH);
        assertThat(s3.framework()).isEqualTo(Framework.TERRAFORM);
        assertThat(s3.layer()).isEqualTo(Layer.PAAS);
        assertThat(s3.owner()).isEqualTo(Owner.CUSTOMER);
        assertThat(s3.equivalents()).isEqualTo(Map.of("checkov", List.of("CKV_AWS_20")));
        assertThat(s3.answersTo("CKV_AWS_20")).isTrue();
        assertThat(s3.definedAt().line()).isEqualTo(5);
        assertThat(loaded.checks().get(1).layer()).isEqualTo(Layer.CONTAINERS);
        assertThat(loaded.errors()).extracting(e -> e.location().line()).containsExactly(16, 23, 29);
        assertThat(loaded.errors().get(0).getMessage()).contains("checks.yaml:16").contains("CW_BROKEN");
        assertThat(loaded.errors().get(1).getMessage()).contains("lower_case");
        assertThat(loaded.errors().get(2).getMessage()).contains("severity");
    }

    @Test
    void notYamlIsAnErrorWithItsLine() {
        CheckLoader.Loaded loaded = new CheckLoader().load("bad.yaml", "checks:\n  - id: [unclosed\n");
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.errors()).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("bad.yaml:"));
    }
}
