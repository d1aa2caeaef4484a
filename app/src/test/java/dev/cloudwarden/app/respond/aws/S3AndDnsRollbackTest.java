package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.cloud.CloudState.PublicAccessBlock;
import dev.cloudwarden.simulate.cloud.CloudState.RecordSet;
import dev.cloudwarden.simulate.cloud.EstateSeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3AndDnsRollbackTest extends FakeAwsTestBase {
    private static final Entity EXPORTS = Entity.of(EntityType.BUCKET, "acme-customer-exports");
    private static final Entity WEB = Entity.of(EntityType.BUCKET, "acme-web-assets");
    private static final Entity ZONE = Entity.of(EntityType.RESOURCE, "AWS::Route53::HostedZone:" + EstateSeed.ZONE_ID);
    private static final String PUBLIC_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-web-assets/*\"}]}";

    @Test
    void blockingPublicAccessTurnsOnAllFourAndUndoRemovesWhatWasNotThere() throws Exception {
        assertThat(state.buckets.get(EXPORTS.value()).publicAccessBlock).isNull();
        TestContext context = new TestContext(incidentOn(EXPORTS), clients);
        StepOutcome out = run(BlockPublicAccess.NAME, EXPORTS, Map.of(), context);

        assertThat(state.buckets.get(EXPORTS.value()).publicAccessBlock).isEqualTo(new PublicAccessBlock(true, true, true, true));
        assertThat(out.outputs()).containsEntry("previous", BlockPublicAccess.NONE);
        run(BlockPublicAccess.NAME, EXPORTS, Map.of(), context);
        assertThat(fake.calls("PutPublicAccessBlock")).isEqualTo(1);

        action(BlockPublicAccess.NAME).undo(EXPORTS, Map.of(), out.outputs(), context);
        assertThat(state.buckets.get(EXPORTS.value()).publicAccessBlock).isNull();
    }

    @Test
    void undoOfABlockPutsBackThePartialSettingsThereBefore() throws Exception {
        state.buckets.get(EXPORTS.value()).publicAccessBlock = new PublicAccessBlock(true, false, true, false);
        TestContext context = new TestContext(incidentOn(EXPORTS), clients);
        StepOutcome out = run(BlockPublicAccess.NAME, EXPORTS, Map.of(), context);
        action(BlockPublicAccess.NAME).undo(EXPORTS, Map.of(), out.outputs(), context);
        assertThat(state.buckets.get(EXPORTS.value()).publicAccessBlock).isEqualTo(new PublicAccessBlock(true, false, true, false));
    }

    private Incident policyIncident(String bucket, String policy) {
        String record = attackerCall("evil-0001", "s3.amazonaws.com", "PutBucketPolicy", List.of(bucket),
                Map.of("bucketName", bucket, "bucketPolicy", policy));
        state.buckets.get(bucket).policy = policy;
        return incident(List.of(Entity.of(EntityType.BUCKET, bucket)), record);
    }

    @Test
    void theBucketPolicyGoesBackToTheLatestOneSetBeforeTheIncident() throws Exception {
        String earlier = state.buckets.get(WEB.value()).policy;
        TestContext context = new TestContext(policyIncident(WEB.value(), PUBLIC_POLICY), clients);
        StepOutcome out = run(RollbackBucketPolicy.NAME, WEB, Map.of(), context);

        assertThat(state.buckets.get(WEB.value()).policy).contains("arn:aws:iam::111122223333:role/cdn").doesNotContain("\"*\"");
        assertThat(dev.cloudwarden.engine.event.Json.MAPPER.readTree(state.buckets.get(WEB.value()).policy))
                .isEqualTo(dev.cloudwarden.engine.event.Json.MAPPER.readTree(earlier));
        assertThat(out.outputs()).containsEntry("policy_at_response", PUBLIC_POLICY).containsKey("restored_from");

        run(RollbackBucketPolicy.NAME, WEB, Map.of(), context);
        assertThat(fake.calls("PutBucketPolicy")).isEqualTo(1);
    }

    @Test
    void withNoEarlierPolicyInHistoryTheStepFailsUnlessToldToDelete() throws Exception {
        String exportsPolicy = PUBLIC_POLICY.replace("acme-web-assets", "acme-customer-exports");
        TestContext context = new TestContext(policyIncident(EXPORTS.value(), exportsPolicy), clients);
        assertThatThrownBy(() -> run(RollbackBucketPolicy.NAME, EXPORTS, Map.of(), context))
                .hasMessageContaining("no PutBucketPolicy for acme-customer-exports");
        assertThat(state.buckets.get(EXPORTS.value()).policy).isEqualTo(exportsPolicy);

        run(RollbackBucketPolicy.NAME, EXPORTS, Map.of("if_no_history", "delete"), context);
        assertThat(state.buckets.get(EXPORTS.value()).policy).isNull();
    }

    @Test
    void historyIsReadPageByPage() throws Exception {
        for (int i = 0; i < 120; i++) {
            state.trail.add(EstateSeed.trailEvent("noise-" + i, INCIDENT_TIME.minusSeconds(60 + i), "s3.amazonaws.com",
                    "PutBucketPolicy", "alice", List.of("acme-backups"), Map.of("bucketName", "acme-backups-111122223333",
                            "bucketPolicy", "{}")));
        }
        TestContext context = new TestContext(policyIncident(WEB.value(), PUBLIC_POLICY), clients);
        run(RollbackBucketPolicy.NAME, WEB, Map.of(), context);
        // 120 + 1 PutBucketPolicy records at 50 a page, then one page of DeleteBucketPolicy
        assertThat(fake.calls("LookupEvents")).isEqualTo(4);
        assertThat(state.buckets.get(WEB.value()).policy).contains("role/cdn");
    }

    @Test
    void aPolicyDeletedAfterItsLastPutWasNotInForceSoTheAttackersPolicyIsDeleted() throws Exception {
        state.trail.add(EstateSeed.trailEvent("hist-del", INCIDENT_TIME.minusSeconds(86_400), "s3.amazonaws.com",
                "DeleteBucketPolicy", "alice", List.of(WEB.value()), Map.of("bucketName", WEB.value())));
        TestContext context = new TestContext(policyIncident(WEB.value(), PUBLIC_POLICY), clients);
        StepOutcome out = run(RollbackBucketPolicy.NAME, WEB, Map.of(), context);
        assertThat(state.buckets.get(WEB.value()).policy).isNull();
        assertThat(out.outputs().get("restored_from")).contains("deleted at");
    }

    private Map<String, Object> change(String action, String name, String value) {
        return Map.of("hostedZoneId", EstateSeed.ZONE_ID, "changeBatch", Map.of("changes", List.of(Map.of("action", action,
                "resourceRecordSet", Map.of("name", name, "type", "A", "tTL", 60,
                        "resourceRecords", List.of(Map.of("value", value)))))));
    }

    @Test
    void aHijackedRecordGoesBackToItsValueBeforeTheIncidentAndAnAttackersRecordIsDeleted() throws Exception {
        var zone = state.zones.get(EstateSeed.ZONE_ID);
        zone.records.removeIf(r -> r.name().equals(EstateSeed.LOGIN_RECORD));
        zone.records.add(new RecordSet(EstateSeed.LOGIN_RECORD, "A", 60, List.of("192.0.2.66")));
        zone.records.add(new RecordSet("pay.acme.example.", "A", 60, List.of("192.0.2.67")));
        String hijack = attackerCall("evil-r53-1", "route53.amazonaws.com", "ChangeResourceRecordSets",
                List.of(EstateSeed.ZONE_ID), change("UPSERT", "login.acme.example.", "192.0.2.66"));
        String created = attackerCall("evil-r53-2", "route53.amazonaws.com", "ChangeResourceRecordSets",
                List.of(EstateSeed.ZONE_ID), change("CREATE", "pay.acme.example", "192.0.2.67"));
        TestContext context = new TestContext(incident(List.of(ZONE), hijack, created), clients);
        StepOutcome out = run(RollbackRecord.NAME, ZONE, Map.of(), context);

        assertThat(zone.find(EstateSeed.LOGIN_RECORD, "A")).hasValueSatisfying(r -> {
            assertThat(r.values()).containsExactly(EstateSeed.LOGIN_ADDRESS);
            assertThat(r.ttl()).isEqualTo(300);
        });
        assertThat(zone.find("pay.acme.example.", "A")).isEmpty();
        assertThat(out.outputs()).containsEntry("at_response:login.acme.example. A", "192.0.2.66");
        assertThat(fake.calls("GetChange")).isPositive();

        run(RollbackRecord.NAME, ZONE, Map.of(), context);
        assertThat(fake.calls("ChangeResourceRecordSets")).isEqualTo(1);
    }

    @Test
    void anAliasRecordHijackedToAnAddressGoesBackToItsAlias() throws Exception {
        // an apex-style alias to a load balancer, as CloudTrail writes the change (first letters lower-cased: dNSName)
        String shop = "shop.acme.example.";
        Map<String, Object> aliasBefore = Map.of("hostedZoneId", EstateSeed.ZONE_ID, "changeBatch", Map.of("changes",
                List.of(Map.of("action", "CREATE", "resourceRecordSet", Map.of("name", shop, "type", "A", "aliasTarget",
                        Map.of("hostedZoneId", "Z35SXDOTRQ7X7K", "dNSName", "dualstack.shop-alb-1234.us-east-1.elb.amazonaws.com",
                                "evaluateTargetHealth", true))))));
        state.trail.add(EstateSeed.trailEvent("hist-alias", INCIDENT_TIME.minusSeconds(7 * 86_400), "route53.amazonaws.com",
                "ChangeResourceRecordSets", "alice", List.of(EstateSeed.ZONE_ID), aliasBefore));
        var zone = state.zones.get(EstateSeed.ZONE_ID);
        zone.records.add(new RecordSet(shop, "A", 60, List.of("192.0.2.69")));
        String hijack = attackerCall("evil-r53-4", "route53.amazonaws.com", "ChangeResourceRecordSets",
                List.of(EstateSeed.ZONE_ID), change("UPSERT", shop, "192.0.2.69"));
        TestContext context = new TestContext(incident(List.of(ZONE), hijack), clients);
        StepOutcome out = run(RollbackRecord.NAME, ZONE, Map.of(), context);

        assertThat(zone.find(shop, "A")).hasValueSatisfying(r -> {
            assertThat(r.alias()).isEqualTo(new dev.cloudwarden.simulate.cloud.CloudState.Alias("Z35SXDOTRQ7X7K",
                    "dualstack.shop-alb-1234.us-east-1.elb.amazonaws.com.", true));
            assertThat(r.values()).isEmpty();
        });
        assertThat(out.outputs()).containsEntry("at_response:shop.acme.example. A", "192.0.2.69")
                .containsEntry("restored:shop.acme.example. A",
                        "alias dualstack.shop-alb-1234.us-east-1.elb.amazonaws.com. in Z35SXDOTRQ7X7K (target health evaluated)");

        // a rerun reads the alias back from Route 53 and finds nothing to change
        run(RollbackRecord.NAME, ZONE, Map.of(), context);
        assertThat(fake.calls("ChangeResourceRecordSets")).isEqualTo(1);
    }

    @Test
    void anUpsertWithNoEarlierValueInHistoryIsNotGuessed() throws Exception {
        String hijack = attackerCall("evil-r53-3", "route53.amazonaws.com", "ChangeResourceRecordSets",
                List.of(EstateSeed.ZONE_ID), change("UPSERT", "www.acme.example.", "192.0.2.68"));
        TestContext context = new TestContext(incident(List.of(ZONE), hijack), clients);
        assertThatThrownBy(() -> run(RollbackRecord.NAME, ZONE, Map.of(), context))
                .hasMessageContaining("www.acme.example. A");
        assertThat(fake.calls("ChangeResourceRecordSets")).isZero();
    }
}
