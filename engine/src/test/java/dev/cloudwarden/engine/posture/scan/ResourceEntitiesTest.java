package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resource's configuration and the events about it must name the same entities, or an incident never finds the
 * findings behind it: real records (Stratus Red Team's CloudTrail detonations, Panther's CloudTrail samples, Falco's
 * and Panther's Kubernetes audit traces) read by the real parsers and the incident engine's extractor, against the
 * configuration of the very resources they name, read by the posture sources.
 */
class ResourceEntitiesTest {
    @TempDir
    Path dir;

    /** Every entity the incident engine reads from the events of one golden log file. */
    private static Set<Entity> fromLogs(String golden) {
        List<Event> events = GoldenFiles.read(GoldenFiles.resource(golden), IngestOptions.defaults()).events;
        assertThat(events).as(golden).isNotEmpty();
        Set<Entity> out = new TreeSet<>();
        for (Event e : events) {
            out.addAll(EntityExtractor.defaults().entities(new Alert("a", "r", null, null, e.time(), List.of(), List.of(e))));
        }
        return out;
    }

    private List<ConfigResource> configured(String file, String text) throws IOException {
        Path f = dir.resolve(file);
        Files.writeString(f, text);
        PostureScan scan = new PostureScanner(PostureSources.all(), BuiltInChecks.all()).scan(List.of(f), Suppressions.none(true));
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.resources()).isNotEmpty();
        return scan.resources();
    }

    private static Set<Entity> of(List<ConfigResource> resources) {
        Set<Entity> out = new TreeSet<>();
        resources.forEach(r -> out.addAll(ResourceEntities.of(r)));
        return out;
    }

    @Test
    void aSecurityGroupOpenedInCloudTrailIsTheGroupItsDescriptionDescribes() throws IOException {
        Set<Entity> logged = fromLogs("cloudtrail/stratus-aws.exfiltration.ec2-security-group-open-port-22-ingress.json");
        Entity group = logged.stream().filter(e -> e.value().startsWith("AWS::EC2::SecurityGroup:sg-")).findFirst().orElseThrow();
        String id = group.value().substring("AWS::EC2::SecurityGroup:".length());
        Set<Entity> configured = of(configured("describe-security-groups.json", """
                {"SecurityGroups": [{"GroupId": "%s", "GroupName": "stratus", "OwnerId": "756680937392",
                  "VpcId": "vpc-1", "Description": "d", "IpPermissions": [], "IpPermissionsEgress": []}]}
                """.formatted(id)));
        assertThat(configured).contains(group);
    }

    @Test
    void aSnapshotSharedInCloudTrailIsTheSnapshotItsDescriptionDescribes() throws IOException {
        Set<Entity> logged = fromLogs("cloudtrail/stratus-aws.exfiltration.ec2-share-ebs-snapshot.json");
        Entity snapshot = logged.stream().filter(e -> e.value().startsWith("AWS::EC2::Snapshot:snap-")).findFirst().orElseThrow();
        String id = snapshot.value().substring("AWS::EC2::Snapshot:".length());
        Set<Entity> configured = of(configured("describe-snapshots.json", """
                {"Snapshots": [{"SnapshotId": "%s", "VolumeId": "vol-1", "State": "completed", "Encrypted": false,
                  "OwnerId": "756680937392", "VolumeSize": 1, "StartTime": "2022-01-01T00:00:00.000Z"}]}
                """.formatted(id)));
        assertThat(configured).contains(snapshot);
    }

    @Test
    void aUserCreatedInCloudTrailIsTheUserIamDescribesAndTerraformDeclares() throws IOException {
        Set<Entity> logged = fromLogs("cloudtrail/stratus-aws.persistence.iam-create-admin-user.json");
        Entity user = Entity.of(EntityType.RESOURCE, "AWS::IAM::User:malicious-iam-user");
        assertThat(logged).contains(user);
        assertThat(of(configured("get-account-authorization-details.json", """
                {"UserDetailList": [{"UserName": "malicious-iam-user", "UserId": "AIDA1", "Path": "/",
                  "Arn": "arn:aws:iam::756680937392:user/malicious-iam-user", "CreateDate": "2022-01-01T00:00:00Z",
                  "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": []}]}
                """))).contains(user, Entity.of(EntityType.PRINCIPAL, "arn:aws:iam::756680937392:user/malicious-iam-user"));
        assertThat(of(configured("iam.tf", """
                resource "aws_iam_user" "intruder" {
                  name = "malicious-iam-user"
                }
                """))).contains(user);
    }

    @Test
    void aBucketInCloudTrailIsTheBucketTerraformAndCloudFormationDeclare() throws IOException {
        Entity bucket = Entity.of(EntityType.BUCKET, "sample-cloudtrail-bucket-name");
        assertThat(fromLogs("cloudtrail/panther-cloudtrail.jsonl")).contains(bucket);
        assertThat(of(configured("s3.tf", """
                resource "aws_s3_bucket" "trail" {
                  bucket = "Sample-CloudTrail-Bucket-Name"
                }
                resource "aws_s3_bucket_public_access_block" "trail" {
                  bucket = "sample-cloudtrail-bucket-name"
                }
                """))).containsExactly(bucket);
        assertThat(of(configured("template.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Trail:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: sample-cloudtrail-bucket-name
                """))).containsExactly(bucket);
    }

    @Test
    void aPodAndDeploymentInTheAuditLogAreTheObjectsTheirManifestsDeclare() throws IOException {
        Set<Entity> logged = fromLogs("k8saudit/falco-traces.jsonl");
        logged.addAll(fromLogs("k8saudit/panther-eks.jsonl"));
        Entity exec = logged.stream().filter(e -> e.value().startsWith("pods/exec:default/")).findFirst().orElseThrow();
        String pod = exec.value().substring("pods/exec:default/".length());
        Entity deployment = Entity.of(EntityType.RESOURCE, "deployments:default/nginx-deployment");
        Entity binding = Entity.of(EntityType.RESOURCE, "clusterrolebindings:some-reader-binding");
        assertThat(logged).contains(deployment, binding);
        Set<Entity> configured = of(configured("manifests.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  containers: [{name: c, image: nginx}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: nginx-deployment
                  namespace: default
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: nginx}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: some-reader-binding
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{kind: User, name: someone}]
                """.formatted(pod)));
        assertThat(configured).contains(exec, deployment, binding);
    }

    @Test
    void whatTheConfigurationDoesNotStateNamesNothing() throws IOException {
        assertThat(of(configured("unknown.tf", """
                variable "name" {}
                resource "aws_s3_bucket" "b" {
                  bucket = var.name
                }
                resource "aws_instance" "web" {
                  ami           = "ami-1"
                  instance_type = "t3.micro"
                }
                """))).isEmpty();
    }

    @Test
    void kindsArePluralisedAsTheApiNamesThem() {
        assertThat(List.of("Pod", "NetworkPolicy", "Ingress", "DaemonSet", "Gateway", "PodSecurityPolicy")
                .stream().map(ResourceEntities::plural).toList())
                .containsExactly("pods", "networkpolicies", "ingresses", "daemonsets", "gateways", "podsecuritypolicies");
    }
}
