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
}
