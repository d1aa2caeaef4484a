package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.simulate.cloud.CloudState.Eni;
import dev.cloudwarden.simulate.cloud.CloudState.NaclEntry;
import dev.cloudwarden.simulate.cloud.CloudState.SecurityGroup;
import dev.cloudwarden.simulate.cloud.EstateSeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2ContainmentTest extends FakeAwsTestBase {

    private List<SecurityGroup> quarantineGroups() {
        return state.groups.values().stream().filter(g -> g.name.equals(QuarantineInstance.GROUP_NAME)).toList();
    }

    @Test
    void quarantineMovesEveryNetworkInterfaceIntoAGroupWithNoRules() throws Exception {
        List<String> before = List.copyOf(state.enis.get(EstateSeed.SECOND_ENI).groups);
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context);

        assertThat(quarantineGroups()).singleElement().satisfies(g -> {
            assertThat(g.ingress).isEmpty();
            assertThat(g.egress).isEmpty();
        });
        String group = quarantineGroups().get(0).id;
        List<Eni> enis = state.enisOf(state.instances.get(APP_1));
        assertThat(enis).hasSize(2).allSatisfy(e -> assertThat(e.groups).containsExactly(group));
        assertThat(out.outputs()).containsEntry(QuarantineInstance.ENI_OUTPUT + EstateSeed.SECOND_ENI, String.join(",", before));
    }

    @Test
    void quarantineTwiceMakesOneGroupAndMovesNothingAgainAndUndoRestoresTheGroups() throws Exception {
        Map<String, List<String>> original = Map.of(
                state.instances.get(APP_1).eniIds.get(0), List.copyOf(state.enis.get(state.instances.get(APP_1).eniIds.get(0)).groups),
                EstateSeed.SECOND_ENI, List.copyOf(state.enis.get(EstateSeed.SECOND_ENI).groups));
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context);
        int moves = fake.calls("ModifyNetworkInterfaceAttribute");
        StepOutcome again = run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context);

        assertThat(quarantineGroups()).hasSize(1);
        assertThat(fake.calls("CreateSecurityGroup")).isEqualTo(1);
        assertThat(fake.calls("ModifyNetworkInterfaceAttribute")).isEqualTo(moves);
        // the rerun reads the original groups from the interfaces' tags, not the quarantine group
        original.forEach((eni, groups) -> assertThat(again.outputs()).containsEntry(QuarantineInstance.ENI_OUTPUT + eni,
                String.join(",", groups)));

        action(QuarantineInstance.NAME).undo(instance(APP_1), Map.of(), again.outputs(), context);
        original.forEach((eni, groups) -> {
            assertThat(state.enis.get(eni).groups).isEqualTo(groups);
            assertThat(state.enis.get(eni).tags).doesNotContainKey(QuarantineInstance.ORIGINAL_TAG);
        });
    }

    @Test
    void aSecondInstanceInTheSameVpcReusesItsQuarantineGroup() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1), instance(APP_2)), clients);
        run(QuarantineInstance.NAME, instance(APP_1), Map.of(), context);
        run(QuarantineInstance.NAME, instance(APP_2), Map.of(), context.step("step-2"));
        assertThat(quarantineGroups()).hasSize(1);
    }

    @Test
    void protectTurnsOnBothProtectionsAndTagsTheInstanceAsEvidence() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        run(ProtectInstance.NAME, instance(APP_1), Map.of(), context);
        run(ProtectInstance.NAME, instance(APP_1), Map.of(), context);

        var app1 = state.instances.get(APP_1);
        assertThat(app1.disableApiTermination).isTrue();
        assertThat(app1.disableApiStop).isTrue();
        assertThat(app1.tags).containsEntry(ProtectInstance.EVIDENCE_TAG, "true")
                .containsEntry(ProtectInstance.INCIDENT_TAG, context.incident().id());
        assertThat(fake.calls("ModifyInstanceAttribute")).isEqualTo(2);
    }

    @Test
    void detachTakesTheInstanceOutOfItsGroupAndEveryLoadBalancer() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_2)), clients);
        StepOutcome out = run(DetachInstance.NAME, instance(APP_2), Map.of(), context);

        var asg = state.autoScalingGroups.get(EstateSeed.AUTO_SCALING_GROUP);
        assertThat(asg.instances).doesNotContain(APP_2).hasSize(1);
        assertThat(asg.desired).isEqualTo(1);
        assertThat(state.targetGroups.get(EstateSeed.TARGET_GROUP).targets).doesNotContain(APP_2).contains(APP_1);
        assertThat(state.instances.get(APP_2).state).isEqualTo("running");
        assertThat(out.outputs()).containsEntry("auto_scaling_group", EstateSeed.AUTO_SCALING_GROUP)
                .containsEntry("target_groups", EstateSeed.TARGET_GROUP);

        run(DetachInstance.NAME, instance(APP_2), Map.of(), context);
        assertThat(fake.calls("DetachInstances")).isEqualTo(1);
        assertThat(fake.calls("DeregisterTargets")).isEqualTo(1);
    }

    @Test
    void detachDeregistersFromClassicLoadBalancersToo() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(DetachInstance.NAME, instance(APP_1), Map.of(), context);
        assertThat(state.classicLoadBalancers.get(EstateSeed.CLASSIC_ELB).instances).doesNotContain(APP_1);
        assertThat(state.targetGroups.get(EstateSeed.TARGET_GROUP).targets).doesNotContain(APP_1);
        assertThat(out.outputs()).containsEntry("classic_load_balancers", EstateSeed.CLASSIC_ELB)
                .containsEntry("auto_scaling_group", "");
        assertThat(context.trail).filteredOn(c -> c.call().operation().equals("DeregisterInstancesFromLoadBalancer"))
                .singleElement().satisfies(c -> assertThat(c.requestId()).isNotBlank());
    }

    @Test
    void removingTheInstanceProfileDisassociatesIt() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(RemoveInstanceProfile.NAME, instance(APP_1), Map.of(), context);
        assertThat(state.associations.values()).filteredOn(a -> a.instanceId.equals(APP_1))
                .allSatisfy(a -> assertThat(a.state).isEqualTo("disassociated"));
        assertThat(out.outputs().get("removed_profiles")).endsWith("instance-profile/data-pipeline");
        run(RemoveInstanceProfile.NAME, instance(APP_1), Map.of(), context);
        assertThat(fake.calls("DisassociateIamInstanceProfile")).isEqualTo(1);
    }

    @Test
    void naclDenyPutsDenyRulesInAndOutBeforeTheAllowRulesAndUndoRemovesThem() throws Exception {
        Entity attacker = Entity.of(EntityType.IP, "203.0.113.99");
        TestContext context = new TestContext(incidentOn(attacker, instance(APP_1)), clients);
        StepOutcome out = run(NaclDeny.NAME, attacker, Map.of(), context);

        var acl = state.acls.values().iterator().next();
        List<NaclEntry> denies = acl.entries.stream().filter(e -> "203.0.113.99/32".equals(e.cidr())).toList();
        assertThat(denies).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("deny");
            assertThat(e.ruleNumber()).isLessThan(100);
        });
        assertThat(denies).extracting(NaclEntry::egress).containsExactlyInAnyOrder(true, false);
        assertThat(out.outputs()).containsEntry(acl.id + ":ingress", "1").containsEntry(acl.id + ":egress", "1");

        run(NaclDeny.NAME, attacker, Map.of(), context);
        assertThat(fake.calls("CreateNetworkAclEntry")).isEqualTo(2);

        action(NaclDeny.NAME).undo(attacker, Map.of(), out.outputs(), context);
        assertThat(acl.entries).noneMatch(e -> "203.0.113.99/32".equals(e.cidr()));
    }

    @Test
    void naclDenyOfAnIpv6AddressUsesA128() throws Exception {
        Entity attacker = Entity.of(EntityType.IP, "2001:db8::66");
        var acl = state.acls.values().iterator().next();
        TestContext context = new TestContext(incidentOn(attacker), clients);
        run(NaclDeny.NAME, attacker, Map.of("network_acl_id", acl.id), context);
        assertThat(acl.entries).filteredOn(e -> "2001:db8::66/128".equals(e.ipv6Cidr())).hasSize(2);
    }
}
