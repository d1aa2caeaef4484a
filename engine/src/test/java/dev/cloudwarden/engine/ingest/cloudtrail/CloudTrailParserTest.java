package dev.cloudwarden.engine.ingest.cloudtrail;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloudTrailParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "stratus-aws.initial-access.console-login-without-mfa.json",
            "stratus-aws.exfiltration.ec2-security-group-open-port-22-ingress.json",
            "stratus-aws.exfiltration.ec2-share-ebs-snapshot.json",
            "stratus-aws.persistence.iam-create-admin-user.json",
            "stratus-aws.execution.ec2-launch-unusual-instances.json",
            "stratus-aws.lateral-movement.ec2-instance-connect.json",
            "stratus-aws.persistence.rolesanywhere-create-trust-anchor.json",
            "stratus-aws.defense-evasion.dns-delete-logs.json",
            "panther-cloudtrail.jsonl",
            "records-file.json",
            "lookup-events.json"})
    void realRecordsMatchTheirGoldenFiles(String file) {
        List<Event> events = GoldenFiles.check("cloudtrail/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.CLOUDTRAIL);
            assertThat(e.operation().name()).isNotBlank();
            assertThat(e.cloud().provider()).isEqualTo("aws");
        });
    }

    @Test
    void consoleLoginWithoutMfaIsAnAuthenticationByAnIamUserWithoutMfa() {
        Event login = GoldenFiles.check("cloudtrail/stratus-aws.initial-access.console-login-without-mfa.json").get(0);
        assertThat(login.ocsfClass()).isEqualTo(OcsfClass.AUTHENTICATION);
        assertThat(login.operation().name()).isEqualTo("ConsoleLogin");
        assertThat(login.actor().principalType()).isEqualTo("IAMUser");
        assertThat(login.actor().mfaUsed()).isFalse();
        assertThat(login.outcome().status()).isEqualTo(Outcome.Status.SUCCESS);
        assertThat(login.src().ip()).isNotBlank();
    }

    @Test
    void iamUserCallsCarryTheUserArnAccessKeyAndTouchedResource() {
        Event share = GoldenFiles.read(GoldenFiles.resource(
                "cloudtrail/stratus-aws.exfiltration.ec2-share-ebs-snapshot.json"), IngestOptions.defaults()).events.get(0);
        assertThat(share.actor().principal()).isEqualTo("arn:aws:iam::756680937392:user/christophe");
        assertThat(share.actor().principalType()).isEqualTo("IAMUser");
        assertThat(share.actor().accessKeyId()).isEqualTo("AKIAYLJU0B35TFSNKCS2");
        assertThat(share.actor().session()).isNull();
        assertThat(share.resources()).extracting(r -> r.id()).contains("snap-041993b54a9b3af6f");
    }

    @Test
    void assumedRoleCallsCarryTheSessionName() {
        Event denied = GoldenFiles.read(GoldenFiles.resource(
                "cloudtrail/stratus-aws.execution.ec2-launch-unusual-instances.json"), IngestOptions.defaults()).events.get(0);
        assertThat(denied.actor().principal()).contains(":assumed-role/");
        assertThat(denied.actor().session()).isNotBlank().isEqualTo(denied.actor().principal()
                .substring(denied.actor().principal().lastIndexOf('/') + 1));
        assertThat(denied.actor().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void rawFieldsAreAddressedByTheirCloudTrailNames() {
        Event sg = GoldenFiles.read(GoldenFiles.resource(
                "cloudtrail/stratus-aws.exfiltration.ec2-security-group-open-port-22-ingress.json"),
                IngestOptions.defaults()).events.get(0);
        assertThat(sg.raw().text(FieldPath.of("eventName"))).isEqualTo("AuthorizeSecurityGroupIngress");
        assertThat(sg.raw().get(FieldPath.of("requestParameters.fromPort")).asInt()).isEqualTo(22);
        assertThat(sg.raw().text(FieldPath.of("requestParameters.cidrIp"))).isEqualTo("208.236.235.254/0");
        assertThat(sg.raw().get(FieldPath.of("requestParameters.ipPermissions")).isEmpty()).isTrue();
        assertThat(sg.raw().text(FieldPath.of("userIdentity.type"))).isEqualTo("IAMUser");
    }

    @Test
    void recordsFilesAndLookupEventsYieldTheSameEventsAsTheArrays() {
        var fromRecords = GoldenFiles.read(GoldenFiles.resource("cloudtrail/records-file.json"), IngestOptions.defaults());
        var fromLookup = GoldenFiles.read(GoldenFiles.resource("cloudtrail/lookup-events.json"), IngestOptions.defaults());
        var fromArray = GoldenFiles.read(GoldenFiles.resource(
                "cloudtrail/stratus-aws.lateral-movement.ec2-instance-connect.json"), IngestOptions.defaults());
        assertThat(fromLookup.events).hasSize(fromArray.events.size());
        for (int i = 0; i < fromArray.events.size(); i++) {
            Event a = fromArray.events.get(i);
            Event l = fromLookup.events.get(i);
            assertThat(l.time()).isEqualTo(a.time());
            assertThat(l.operation()).isEqualTo(a.operation());
            assertThat(l.actor()).isEqualTo(a.actor());
            assertThat(l.origin().recordIndex()).isEqualTo(i);
        }
        assertThat(fromRecords.events).hasSize(3 + 3);
        assertThat(fromRecords.events.get(3).operation()).isEqualTo(fromArray.events.get(0).operation());
    }

    @Test
    void digestFilesAreSkippedAndSaidSo() {
        var c = GoldenFiles.read(GoldenFiles.resource("cloudtrail/digest.json"), IngestOptions.defaults());
        assertThat(c.events).isEmpty();
        assertThat(c.rejections).isEmpty();
        assertThat(c.skipped).singleElement().asString().contains("CloudTrail digest file");
    }

    @Test
    void eventTimeIsParsedWithFractionsAndSpaces() {
        Event first = GoldenFiles.read(GoldenFiles.resource("cloudtrail/panther-cloudtrail.jsonl"),
                IngestOptions.defaults()).events.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2025-01-21T17:39:10Z"));
    }
}
