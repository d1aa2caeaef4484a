package dev.cloudwarden.engine.posture.map;

import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Owner;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResponsibilityMapTest {
    private static final DetectionRule S3_ACL = new DetectionRule("cw_aws_s3_bucket_acl_public", "S3 ACL public",
            List.of("attack.t1530", "cloudwarden.t3"), Set.of("cloudtrail"));
    private static final DetectionRule YARN = new DetectionRule("cw_yarn_app_submitted", "YARN job",
            List.of("cloudwarden.m1"), Set.of("yarn"));

    @Test
    void aControlIsCoveredOnlyByADetectionWhoseTelemetryIsFed() {
        ResponsibilityMap map = ResponsibilityMap.builtIn();
        List<Check> checks = BuiltInChecks.all();
        List<ResponsibilityMap.Row> withTrail = map.rows(checks, List.of(S3_ACL, YARN), Set.of("cloudtrail"));
        ResponsibilityMap.Row storage = row(withTrail, "paas.object-storage");
        assertThat(storage.coverage()).isEqualTo(ResponsibilityMap.Coverage.COVERED);
        assertThat(storage.checks()).extracting(Check::id).contains("CW_TF_AWS_S3_ACL_PUBLIC_READ");
        ResponsibilityMap.Row bigData = row(withTrail, "paas.big-data");
        assertThat(bigData.rules()).containsExactly(YARN);
        assertThat(bigData.fedRules()).isEmpty();
        List<ResponsibilityMap.Row> blind = map.rows(List.of(), List.of(S3_ACL), Set.of());
        assertThat(row(blind, "paas.object-storage").coverage()).isEqualTo(ResponsibilityMap.Coverage.DETECTION_UNFED);
        assertThat(row(blind, "saas.mail").coverage()).isEqualTo(ResponsibilityMap.Coverage.DEAD_SPOT);
    }

    @Test
    void everyServiceModelHasCustomerControlsAndRulesTakeTheirLayer() {
        ResponsibilityMap map = ResponsibilityMap.builtIn();
        assertThat(map.controls()).extracting(Control::layer).containsAll(Arrays.asList(Layer.values()));
        assertThat(map.controls()).extracting(Control::owner).doesNotContain(Owner.PROVIDER);
        assertThat(map.layersOf(S3_ACL)).contains(Layer.PAAS);
        assertThat(map.ownerOf(S3_ACL)).isEqualTo(Owner.CUSTOMER);
        assertThat(map.layersOf(new DetectionRule(null, "x", List.of(), Set.of()))).isEmpty();
    }

    private static ResponsibilityMap.Row row(List<ResponsibilityMap.Row> rows, String id) {
        return rows.stream().filter(r -> r.control().id().equals(id)).findFirst().orElseThrow();
    }
}
