package dev.cloudwarden.engine.sigma.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full real datasets in {@code ../shared/datasets} (not the golden excerpts) through the real ingest path and
 * every built-in rule with the shipped tuning, one detection pipeline per sample:
 * <ul>
 * <li>every sample that shows an attack the threat catalog covers fires the CloudWarden rules listed for it here,
 * one of which carries the catalog id's {@code cloudwarden.<id>} tag;</li>
 * <li>no sample fires a CloudWarden rule that is not listed for it (missing and unexpected firings are both
 * reported);</li>
 * <li>benign samples fire nothing at high or critical, from any built-in rule (SigmaHQ included).</li>
 * </ul>
 * Attacks the catalog covers that one sample cannot show (a burst, a baseline) and techniques outside the catalog
 * are listed too, each with the reason. Skipped, with the reason, when the datasets are not on this machine.
 */
class SharedDatasetsFiringTest {
    private static final RuleSet RULES = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
    private static final Map<String, LoadedRule> PACK_RULES = new HashMap<>();
    private static final Map<String, String> PACK_NAMES = new HashMap<>();
    private static final Map<String, List<String>> PACK_TAGS = new HashMap<>();

    static {
        for (LoadedRule r : RULES.rules()) {
            if (catalogRule(r.rule().source().file())) {
                PACK_RULES.put(r.rule().name(), r);
                PACK_NAMES.put(r.rule().id(), r.rule().name());
                PACK_TAGS.put(r.rule().name(), r.rule().tags());
            }
        }
        for (CorrelationRule c : RULES.correlations()) {
            if (catalogRule(c.source().file())) {
                PACK_NAMES.put(c.id(), c.name());
                PACK_TAGS.put(c.name(), c.tags());
            }
        }
    }

    /**
     * The pack's catalog rules (folders named after THREATS.md rows, and shared/), whose firings this test pins
     * exactly. The breadth rules (folders named after a log source: aws/, k8s/, gcp/, azure/, network/) are measured
     * on Panther's labels by {@link PantherCoverageTest}; here they count only towards the benign-high check.
     */
    private static boolean catalogRule(String file) {
        return PackFixtures.catalogRule(file);
    }

    /** What a sample must fire: CloudWarden rules by name, one of them tagged {@code cloudwarden.<catalog>}. */
    record Expect(String catalog, Set<String> rules) {
    }

    private static Expect x(String catalog, String... rules) {
        return new Expect(catalog, Set.of(rules));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stratus Red Team detonations (logs/stratus-red-team/detonation-logs): real CloudTrail of each technique.

    /** Detonation file → the CloudWarden rules it must fire (and no others). */
    private static final Map<String, Expect> STRATUS = Map.ofEntries(
            entry("aws.defense-evasion.dns-delete-logs.json", x("t3", "cw_aws_logging_disabled")),       // T3: resolver query logging deleted (T1562.008)
            entry("aws.execution.ec2-launch-unusual-instances.json",
                    x("a3", "cw_aws_ec2_gpu_or_huge_instance_launch")),                                  // A3: p2.xlarge GPU instances (T1496)
            entry("aws.exfiltration.ec2-security-group-open-port-22-ingress.json",
                    x("t3", "cw_aws_security_group_admin_port_open_to_world")),                         // T3: 22 open to 0.0.0.0/0
            entry("aws.exfiltration.ec2-share-ami.json", x("a2", "cw_aws_ami_shared")),                 // A2: AMI shared with a foreign account
            entry("aws.exfiltration.ec2-share-ebs-snapshot.json", x("a2", "cw_aws_ebs_snapshot_shared")), // A2: snapshot shared (T1537)
            entry("aws.initial-access.console-login-without-mfa.json",
                    x("t2", "cw_aws_console_login_without_mfa")),                                       // T2: password-only console sign-in (T1078.004)
            entry("aws.persistence.iam-backdoor-user.json", x("a2", "cw_aws_access_key_for_other_user")), // A2: access key for another user (T1098.001)
            entry("aws.persistence.iam-create-admin-user.json",
                    x("a2", "cw_aws_access_key_for_other_user")),                                       // A2: new admin user gets a key made by someone else
            entry("aws.persistence.iam-create-user-login-profile.json",
                    x("a2", "cw_aws_access_key_for_other_user")),                                       // A2: console password for another user (T1098.001)
            entry("aws.privilege-escalation.iam-update-user-login-profile.json",
                    x("a2", "cw_aws_access_key_for_other_user")));                                      // A2: another user's password changed (T1098.001)

    /** Detonations outside the catalog: they fire no CloudWarden rule. */
    private static final Map<String, String> STRATUS_OUTSIDE_CATALOG = Map.ofEntries(
            entry("aws.credential-access.ec2-get-password-data.json", "credential access (GetPasswordData): no catalog row"),
            entry("aws.discovery.ec2-download-user-data.json", "discovery (DescribeInstanceAttribute userData): no catalog row"),
            entry("aws.execution.ec2-user-data.json", "execution through modified user data: no catalog row"),
            entry("aws.lateral-movement.ec2-instance-connect.json",
                    "EC2 Instance Connect key push: A6 is SSH brute force and worms from our hosts, seen in flow and auth logs"),
            entry("aws.persistence.iam-backdoor-role.json", "role trust policy backdoor (T1098.003): no catalog row"),
            entry("aws.persistence.iam-create-backdoor-role.json", "new role trusting a foreign account (T1098.003): no catalog row"),
            entry("aws.persistence.lambda-layer-extension.json", "Lambda extension persistence: no catalog row"),
            entry("aws.persistence.lambda-overwrite-code.json", "Lambda code overwrite: no catalog row"),
            entry("aws.persistence.rolesanywhere-create-trust-anchor.json", "IAM Roles Anywhere trust anchor: no catalog row"));

    // ------------------------------------------------------------------------------------------------------------
    // Falco's Kubernetes audit regression traces (logs/falco-k8s-audit/test/trace_files/k8s_audit).

    /** Trace file → the CloudWarden rules it must fire (and no others). Traces not listed fire none. */
    private static final Map<String, Expect> FALCO = Map.ofEntries(
            entry("anonymous_creates_namespace_foo.json", x("t3", "cw_k8s_anonymous_request_allowed")), // T3: API serves system:anonymous
            entry("attach_cluster_admin_role.json", x("t5", "cw_k8s_cluster_admin_binding")),           // T5: cluster-admin bound to a user
            entry("attach_pod.json", x("t5", "cw_k8s_exec_into_pod")),                                 // T5: attach into a running pod (T1609)
            entry("exec_pod.json", x("t5", "cw_k8s_exec_into_pod")),                                   // T5: exec into a running pod (T1609)
            entry("create_nginx_pod_hostnetwork.json", x("t5", "cw_k8s_privileged_or_host_namespace_pod")), // T5: hostNetwork pod
            entry("create_nginx_pod_privileged.json", x("t5", "cw_k8s_privileged_or_host_namespace_pod")),  // T5: privileged pod
            entry("create_nginx_pod_privileged_2nd_container.json",
                    x("t5", "cw_k8s_privileged_or_host_namespace_pod")),                                 // T5: privileged 2nd container
            entry("create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json",
                    x("t5", "cw_k8s_privileged_or_host_namespace_pod")),                                 // T5: same, 1st without securityContext
            entry("create_nginx_pod_sensitive_mount.json", x("t5", "cw_k8s_hostpath_sensitive_mount")), // T5: hostPath /etc
            entry("create_nginx_pod_sensitive_mount_2nd_container.json",
                    x("t5", "cw_k8s_hostpath_sensitive_mount")));                                        // T5: hostPath /etc, 2nd container

    /** Traces Falco flags that show no catalog threat (or none one record can show), with the reason. */
    private static final Map<String, String> FALCO_OUTSIDE_CATALOG = Map.ofEntries(
            entry("create_nginx_pod_unprivileged.json", "Falco flags it only under an image allow-list or as a JSON-pointer parse check"),
            entry("some-user_creates_namespace_foo.json", "Falco flags it only under a user / namespace allow-list"),
            entry("create_nginx_service_nodeport.json", "NodePort service: exposure posture, no catalog detection"),
            entry("create_configmap_sensitive_values.json", "credentials in ConfigMaps: posture, no catalog detection"),
            entry("create_pod_kube_system_namespace.json",
                    "pod made by the replicaset controller in kube-system: the platform's own workload; T5 watches what is in it"),
            entry("create_pod_kube_public_namespace.json",
                    "pod made by the replicaset controller in kube-public: the platform's own workload; T5 watches what is in it"),
            entry("create_serviceaccount_kube_system_namespace.json", "service account in kube-system: RBAC hygiene, no catalog row"),
            entry("create_serviceaccount_kube_public_namespace.json", "service account in kube-public: RBAC hygiene, no catalog row"),
            entry("delete_cluster_role_kube_aggregator.json", "system ClusterRole deleted: RBAC tampering, no catalog row"),
            entry("modify_cluster_role_node_problem_detector.json", "system ClusterRole changed: RBAC tampering, no catalog row"),
            entry("create_cluster_role_wildcard_resources.json", "wildcard ClusterRole defined (nobody bound to it yet): posture"),
            entry("create_cluster_role_wildcard_verbs.json", "wildcard ClusterRole defined (nobody bound to it yet): posture"),
            entry("create_cluster_role_write_privileges.json", "ClusterRole with write verbs defined: posture"),
            entry("create_cluster_role_pod_exec.json", "ClusterRole allowing pods/exec defined: posture; the exec itself fires T5"),
            entry("create_deployment.json", "Falco's activity log of ordinary changes (K8s Deployment Created ...)"),
            entry("delete_deployment.json", "Falco's activity log of ordinary changes"),
            entry("create_service.json", "Falco's activity log of ordinary changes"),
            entry("delete_service.json", "Falco's activity log of ordinary changes"),
            entry("create_configmap.json", "Falco's activity log of ordinary changes"),
            entry("delete_configmap.json", "Falco's activity log of ordinary changes"),
            entry("delete_namespace_foo.json", "Falco's activity log of ordinary changes"),
            entry("create_serviceaccount.json", "Falco's activity log of ordinary changes"),
            entry("delete_serviceaccount.json", "Falco's activity log of ordinary changes"),
            entry("create_clusterrole.json", "Falco's activity log of ordinary changes"),
            entry("delete_clusterrole.json", "Falco's activity log of ordinary changes"),
            entry("create_clusterrolebinding.json", "Falco's activity log: a binding to system:basic-user"),
            entry("delete_clusterrolebinding.json", "Falco's activity log of ordinary changes"),
            entry("create_secret.json", "Falco's activity log of ordinary changes"),
            entry("delete_secret.json", "Falco's activity log of ordinary changes"));

    // ------------------------------------------------------------------------------------------------------------
    // Panther's rule tests (logs/panther/by-logtype/*.jsonl), keyed "rule_id :: test_name".

    /** Panther sample → the CloudWarden rules it must fire (and no others). Samples not listed fire none. */
    private static final Map<String, Expect> PANTHER = Map.ofEntries(
            // AWS CloudTrail
            entry("AWS.CloudTrail.DNSLogsDeleted :: Logs Deleted", x("t3", "cw_aws_logging_disabled")),            // T3: resolver query logging deleted
            entry("AWS.CloudTrail.SecurityConfigurationChange :: Security Configuration Changed",
                    x("t3", "cw_aws_logging_disabled")),                                                        // T3: trail deleted
            entry("AWS.S3.SecurityControlDisabling :: Match - Bucket Logging Disabled",
                    x("t3", "cw_aws_logging_disabled")),                                                        // T3: S3 access logging off (T1562.008)
            entry("AWS.CloudTrail.ResourceMadePublic :: S3 Made Publicly Accessible",
                    x("t3", "cw_aws_s3_bucket_policy_public")),                                                 // T3: bucket policy Principal *
            entry("AWS.S3.DeletePublicAccessBlock :: Public Access Block Deleted Successfully",
                    x("t3", "cw_aws_s3_public_access_block_removed")),                                          // T3: bucket public access block deleted
            entry("AWS.EC2.ManualSecurityGroupChange :: Go Script Authorize Ingress",
                    x("t3", "cw_aws_security_group_admin_port_open_to_world")),                                 // T3: admin port open to the world
            entry("AWS.CloudTrail.ShortLifecycle :: 1-Day Lifecycle Rule on Known CT Bucket",
                    x("a1", "cw_aws_s3_lifecycle_expire_everything")),                                          // A1 (and T3: it eats the trail's logs)
            entry("AWS.CloudTrail.ShortLifecycle :: 1-Day Lifecycle Rule on Assumed CT Bucket",
                    x("a1", "cw_aws_s3_lifecycle_expire_everything")),                                          // A1 / T3
            entry("AWS.S3.SecurityControlDisabling :: Match - Versioning Suspended", x("a1", "cw_aws_s3_versioning_suspended")), // A1 (T1490)
            entry("AWS.S3.SecurityControlDisabling :: Match - Versioning Disabled (alternate status value)",
                    x("a1", "cw_aws_s3_versioning_suspended")),                                                 // A1
            entry("AWS.S3.SecurityControlDisabling :: Match - Versioning Suspended and MFA Delete Disabled in Single Call",
                    x("a1", "cw_aws_s3_versioning_suspended")),                                                 // A1
            entry("AWS.S3.SuspendVersioning :: Versioning Suspended Successfully", x("a1", "cw_aws_s3_versioning_suspended")), // A1
            entry("AWS.S3.SuspendVersioning :: Versioning Disabled Successfully", x("a1", "cw_aws_s3_versioning_suspended")),  // A1
            entry("AWS.S3.CopyObjectWithClientSideEncryption :: CopyObject with client-side encryption",
                    x("a1", "cw_aws_s3_sse_c_encryption")),                                                     // A1: SSE-C re-encryption (T1486)
            entry("AWS.KMS.CustomerManagedKeyLoss :: KMS Key Disabled", x("a1", "cw_aws_kms_key_disable")),        // A1: DisableKey
            entry("AWS.KMS.CustomerManagedKeyLoss :: KMS Key Scheduled For Deletion", x("a1", "cw_aws_kms_key_disable")), // A1
            entry("AWS.KMS.CustomerManagedKeyLoss :: KMS Key Scheduled For Deletion - missing resources",
                    x("a1", "cw_aws_kms_key_disable")),                                                         // A1
            entry("AWS.IAM.Backdoor.User.Keys :: user1 create keys for user2", x("a2", "cw_aws_access_key_for_other_user")),   // A2 (T1098.001)
            entry("AWS.IAM.Backdoor.User.Keys :: jackson create keys for jack", x("a2", "cw_aws_access_key_for_other_user")),  // A2
            entry("AWS.IAM.Backdoor.User.Keys :: jack create keys for jackson", x("a2", "cw_aws_access_key_for_other_user")),  // A2
            entry("AWS.CloudTrail.LoginProfileCreatedOrModified :: User changed password for other",
                    x("a2", "cw_aws_access_key_for_other_user")),                                               // A2: password set for another user
            // A2: a role session (named alice) sets IAM user alice's password. Panther reads the session name as the
            // same person; the rule cannot, so it alerts at medium (not high) on this benign fixture.
            entry("AWS.CloudTrail.LoginProfileCreatedOrModified :: ChangeOwnPassword", x("a2", "cw_aws_access_key_for_other_user")),
            entry("AWS.Console.RootLogin :: Successful Root Login", x("t2", "cw_aws_console_login_without_mfa")),  // T2: root without MFA
            // T2: console sign-ins of IAM users with MFAUsed=No, filed under Asana's file by Panther's multi-source
            // rules; Panther's labels there concern brute force and impossible travel, not the missing MFA.
            entry("Standard.BruteForceByIP :: AWS.CloudTrail - Successful Login", x("t2", "cw_aws_console_login_without_mfa")),
            entry("Standard.BruteForceByUser :: AWS.CloudTrail - Successful Login", x("t2", "cw_aws_console_login_without_mfa")),
            entry("Standard.ImpossibleTravel.Login :: CloudTrail ConsoleLogin no history", x("t2", "cw_aws_console_login_without_mfa")),
            entry("Standard.ImpossibleTravel.Login :: CloudTrail ConsoleLogin with history", x("t2", "cw_aws_console_login_without_mfa")),
            entry("Standard.SignInFromRogueState :: Cloudtrail - Rogue State Sign-In", x("t2", "cw_aws_console_login_without_mfa")),
            // Route 53 resolver (VPC DNS)
            entry("AWS.DNS.Crypto.Domain :: Crypto Query", x("a3", "cw_dns_mining_pool_query")),                   // A3: moneropool.ru
            entry("AWS.DNS.Crypto.Domain :: Crypto Query Subdomain", x("a3", "cw_dns_mining_pool_query")),         // A3
            entry("AWS.DNS.Crypto.Domain :: Crypto Query Trailing Period", x("a3", "cw_dns_mining_pool_query")),   // A3
            entry("AWS.DNS.Crypto.Domain :: Crypto Query Subdomain Trailing Period", x("a3", "cw_dns_mining_pool_query")), // A3
            // EKS / Kubernetes audit
            entry("Amazon.EKS.AnonymousAPIAccess :: Anonymous API Access", x("t3", "cw_k8s_anonymous_request_allowed")), // T3: anonymous served a pod
            entry("Kubernetes.ClusterRoleBinding.Privileged :: EKS ClusterRoleBinding to cluster-admin",
                    x("t5", "cw_k8s_cluster_admin_binding")),                                                   // T5
            entry("Kubernetes.ClusterRoleBinding.Privileged :: EKS ClusterRoleBinding to controller-manager role",
                    x("t5", "cw_k8s_cluster_admin_binding")),                                                   // T5
            entry("Kubernetes.Pod.Dangerous.Capabilities :: EKS Pod with SYS_ADMIN Capability",
                    x("t5", "cw_k8s_privileged_or_host_namespace_pod")),                                        // T5: SYS_ADMIN
            entry("Kubernetes.Pod.Exec :: EKS Exec Into Pod", x("t5", "cw_k8s_exec_into_pod")),                     // T5 (T1609)
            // T5: exec into application pods; Panther's rule is about kubectl cp exfiltration, ours about the exec
            entry("Kubernetes.Kubectl.CP.Operation :: EKS kubectl cp from pod (requestURI format)", x("t5", "cw_k8s_exec_into_pod")),
            entry("Kubernetes.Kubectl.CP.Operation :: EKS kubectl cp TO pod (not exfiltration)", x("t5", "cw_k8s_exec_into_pod")),
            entry("Kubernetes.Kubectl.CP.Operation :: EKS regular tar archive creation", x("t5", "cw_k8s_exec_into_pod")),
            entry("Kubernetes.Kubectl.CP.Operation :: EKS regular exec without tar", x("t5", "cw_k8s_exec_into_pod")),
            // GKE through the GCP audit log
            entry("Kubernetes.Pod.Dangerous.Capabilities :: GKE Pod with BPF Capability",
                    x("t5", "cw_gke_privileged_or_host_namespace_pod")),                                        // T5: BPF + SYS_PTRACE
            entry("GCP.K8S.Privileged.Pod.Created :: Privileged Pod Created", x("t5", "cw_gke_privileged_or_host_namespace_pod")),   // T5
            entry("GCP.K8s.Pod.Attached.To.Node.Host.Network :: triggers", x("t5", "cw_gke_privileged_or_host_namespace_pod")),      // T5
            entry("GCP.K8s.Pod.Using.Host.PID.Namespace :: triggers", x("t5", "cw_gke_privileged_or_host_namespace_pod")),           // T5
            // GCP Cloud Storage
            entry("GCP.GCS.Public :: GCS AllUsers Read Permission", x("t3", "cw_gcp_storage_bucket_public")),       // T3: allUsers
            entry("GCP.GCS.IAMChanges :: GCS IAM Change", x("t3", "cw_gcp_storage_bucket_public")),                 // T3: the same allUsers grant
            // Azure activity log
            entry("Azure.MonitorActivity.DiagnosticSettings.Deleted :: Diagnostic Settings Deleted",
                    x("t3", "cw_azure_diagnostic_settings_deleted")),                                           // T3 (T1562.008)
            entry("Azure.MonitorActivity.DiagnosticSettings.Deleted :: Case Insensitive Match",
                    x("t3", "cw_azure_diagnostic_settings_deleted")),                                           // T3
            entry("Azure.MonitorActivity.KeyVault.KeyPurged :: Key Purged", x("a1", "cw_azure_key_vault_purged")),   // A1
            entry("Azure.MonitorActivity.KeyVault.KeyPurged :: Case Insensitive Match", x("a1", "cw_azure_key_vault_purged")), // A1
            entry("Azure.MonitorActivity.KeyVault.Purged :: Key Vault Purged Successfully", x("a1", "cw_azure_key_vault_purged")), // A1
            entry("Azure.MonitorActivity.KeyVault.Purged :: Case Insensitive Match", x("a1", "cw_azure_key_vault_purged")), // A1
            entry("Azure.MonitorActivity.StorageAccount.VersioningDisabled :: Versioning Disabled",
                    x("a1", "cw_azure_blob_versioning_or_soft_delete_disabled")),                               // A1 (T1490)
            entry("Azure.MonitorActivity.StorageAccount.VersioningDisabled :: Case Insensitive Match",
                    x("a1", "cw_azure_blob_versioning_or_soft_delete_disabled")),                               // A1
            entry("Azure.MonitorActivity.StorageAccount.BlobSoftDeleteDisabled :: Soft Delete Disabled",
                    x("a1", "cw_azure_blob_versioning_or_soft_delete_disabled")));                              // A1

    /**
     * Panther attack samples of threats the catalog covers that one record cannot show, or that the pack does
     * not detect yet, with the reason. They fire no CloudWarden rule.
     */
    private static final Map<String, String> PANTHER_CATALOG_NOT_FIRING = Map.ofEntries(
            entry("AWS.CloudTrail.PasswordSpraying :: Failed Console Login", "T2: one failure; the spraying correlation needs many users from one source"),
            entry("AWS.CloudTrail.PasswordSpraying :: Failed Console Login - Root User", "T2: one failure; brute force is a count"),
            entry("AWS.Unsuccessful.MFA.attempt :: Unsuccessful Login w/ MFA", "T2: one failure; brute force is a count"),
            entry("Azure.Audit.ExcessiveAccountLockouts :: Account Lockout Error 50053", "T2: one lockout; the Azure brute-force correlations count failures"),
            entry("Kubernetes.API.Multiple403.PublicIP :: EKS 403 from Public IP", "T2: one refusal feeds cw_k8s_unauthorized_burst (20 in 10 minutes)"),
            entry("Kubernetes.Secret.AccessDenied :: EKS failed secret get (403 Forbidden)", "T2: one refusal feeds the burst correlation"),
            entry("Kubernetes.Secret.AccessDenied :: Service account failed to get secret", "T2: one refusal feeds the burst correlation"),
            entry("Amazon.EKS.AnonymousAPIAccess :: Anonymous API Access Web Scanner Denied", "T2: a refused anonymous probe feeds the burst correlation"),
            entry("Amazon.EKS.AnonymousAPIAccess :: Anonymous API Access Web Scanner Allowed",
                    "/version is open to anonymous users in every cluster (system:public-info-viewer): not a misconfiguration"),
            entry("Amazon.EKS.AnonymousAPIAccess :: ELB Health Check from Public IP", "/healthz is open to anonymous users by default"),
            entry("AWS.S3.DeleteObjects :: DeleteObjects", "A1: one DeleteObjects call is routine; cw_aws_s3_mass_deletion counts a burst"),
            entry("GCP.GCS.BulkDeletion :: GCS Object Deletion - Success", "A1: one deletion; bulk deletion is a count (GCS burst not built yet)"),
            entry("Azure.MonitorActivity.Compute.SnapshotDeleted :: VM Snapshot Deleted Successfully",
                    "A1: one snapshot deletion is retention; the pack alerts on deletion bursts (AWS only so far)"),
            entry("Azure.MonitorActivity.Compute.SnapshotDeleted :: Snapshot Deleted Case Insensitive", "A1: as above"),
            entry("Azure.MonitorActivity.Compute.RestorePointCollectionDeleted :: Restore Point Collection Deleted Successfully", "A1: as above"),
            entry("Azure.MonitorActivity.Compute.RestorePointCollectionDeleted :: Restore Point Collection Deleted Case Insensitive", "A1: as above"),
            entry("Azure.MonitorActivity.RecoveryServices.ProtectionContainerDeleted :: Protection Container Deleted Successfully", "A1: as above"),
            entry("Azure.MonitorActivity.RecoveryServices.ProtectionContainerDeleted :: Multiple Protection Containers Deleted - Mass Backup Destruction",
                    "A1: one record; an Azure backup-deletion burst is not built yet"),
            entry("Azure.MonitorActivity.RecoveryServices.ProtectionContainerDeleted :: Storage Account Backup Container Deleted", "A1: as above"),
            entry("AWS.S3.SecurityControlDisabling :: Match - MFA Delete Disabled",
                    "A1-adjacent: MfaDelete=Disabled with Status=Enabled is also the everyday form of turning versioning on"),
            entry("GCP.GCS.Ransom.Note.Upload :: Ransomware note uploaded", "A1: ransom-note names are matched on S3 only so far"),
            entry("AWS.CloudTrail.ResourceMadePublic :: ECR Made Public", "T3: the pack covers public S3 buckets; other resource policies not yet"),
            entry("AWS.CloudTrail.ResourceMadePublic :: Public Finding Keywords (Should Alert)", "T3: as above (not an S3 bucket)"),
            entry("AWS.CloudTrail.ResourceMadePublic :: Wildcard Principal No Conditions (Should Alert)", "T3: as above (not an S3 bucket)"),
            entry("AWS.CloudTrail.ResourceMadePublic :: Mixed Conditions Some Restrictive (Should Alert)", "T3: as above (not an S3 bucket)"),
            entry("AWS.CloudTrail.NetworkACLPermissiveEntry :: Overly Permissive Entry Added", "T3: network ACLs are not covered yet (security groups are)"),
            entry("AWS.EC2.ManualSecurityGroupChange :: AWS Console - Ingress SG Authorization", "not an admin or data port: T3 lists ports"),
            entry("AWS.RDS.PublicRestore :: RDS-Restore-Public", "T3-adjacent: a public RDS instance is alerted at high by SigmaHQ c3f265c7, not by a pack rule"),
            entry("GCP.Logging.Sink.Modified :: logging-sink.modifed-should-alert", "T3: a sink update is usually benign; sink deletion not covered yet"),
            entry("AWS.DNS.Crypto.Domain :: Checking Against Subdomain IOC", "A3: a pool IOC without pool words in its name: left to intel feeds (R6)"),
            entry("AWS.DNS.Crypto.Domain :: Checking Against Subdomain IOC Trailing Period", "A3: as above"),
            entry("AWS.DNS.Crypto.Domain :: Crypto Query - OCSF", "an OCSF-normalized record, not the Route 53 resolver format CloudWarden reads"),
            entry("Kubernetes.Pod.SystemNamespace :: EKS pod created in kube-system", "T5: a plain pod in a system namespace is not covered yet"),
            entry("Kubernetes.Pod.SystemNamespace :: EKS pod created in kube-node-lease", "T5: as above"),
            entry("Kubernetes.Pod.SystemNamespace :: GKE pod created in gke-system", "T5: as above"),
            entry("Kubernetes.ClusterRoleBinding.Privileged :: GKE ClusterRoleBinding to admin role", "T5: GKE RBAC changes are not covered yet (pod specs are)"),
            entry("Kubernetes.Pod.Exec :: GCP GKE Exec Into Pod", "T5: GKE exec is not covered yet"),
            entry("Kubernetes.ClusterRoleBinding.Privileged :: AKS ClusterRoleBinding to system:masters",
                    "AKS kube-audit wrapped in an Azure diagnostic record: CloudWarden does not unwrap it yet"),
            entry("Kubernetes.Pod.Exec :: AKS Exec Into Pod (realistic)", "AKS kube-audit envelope: not unwrapped yet"),
            entry("Kubernetes.Pod.SystemNamespace :: AKS pod created in kube-public", "AKS kube-audit envelope: not unwrapped yet"),
            entry("Kubernetes.Pod.Dangerous.Capabilities :: AKS Pod with NET_ADMIN Capability", "AKS kube-audit envelope: not unwrapped yet"));

    /** Panther's labels record what Panther's Python rule returns; where that is false but the record is a catalog
     *  attack (so a high alert is right), the sample is listed here with the reason. */
    private static final Map<String, String> PANTHER_FALSE_BUT_ATTACK = Map.ofEntries(
    );

    /** Panther log type (the record's p_log_type, else its file's) → the source CloudWarden reads it as. */
    private static final Map<String, SourceType> PANTHER_SOURCES = Map.of(
            "AWS.CloudTrail", SourceType.CLOUDTRAIL,
            "Amazon.EKS.Audit", SourceType.K8S_AUDIT,
            "GCP.AuditLog", SourceType.GCP_AUDIT,
            "Azure.MonitorActivity", SourceType.AZURE_ACTIVITY,
            "AWS.VPCDns", SourceType.ROUTE53_RESOLVER);

    /** The field holding the event time for each forced source: Panther's fixtures often leave it out. */
    private static final Map<SourceType, String> TIME_FIELD = Map.of(
            SourceType.CLOUDTRAIL, "eventTime",
            SourceType.K8S_AUDIT, "stageTimestamp",
            SourceType.GCP_AUDIT, "timestamp",
            SourceType.AZURE_ACTIVITY, "time",
            SourceType.ROUTE53_RESOLVER, "query_timestamp");

    // ------------------------------------------------------------------------------------------------------------

    private static Path datasets() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/datasets"), dir.resolve("../shared/datasets").normalize())) {
                if (Files.isDirectory(candidate.resolve("logs"))) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("../shared/datasets not found from " + Path.of("").toAbsolutePath()
                + ": the shared datasets are not on this machine, so the real-dataset firing checks are skipped");
        return null;
    }

    /** What one sample produced. */
    record Outcome(int events, List<String> rejections, List<Alert> alerts) {
        Set<String> pack() {
            Set<String> out = new TreeSet<>();
            alerts.forEach(a -> {
                String n = PACK_NAMES.get(a.ruleId());
                if (n != null) {
                    out.add(n);
                }
            });
            return out;
        }

        Set<String> highs() {
            Set<String> out = new TreeSet<>();
            alerts.stream().filter(a -> a.level() == Level.HIGH || a.level() == Level.CRITICAL)
                    .forEach(a -> out.add(a.ruleTitle() + " [" + a.ruleId() + ", " + a.level() + "]"));
            return out;
        }
    }

    private static Outcome run(Input input, IngestOptions options) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(options).read(input, c);
        List<Alert> alerts = RunResults.of(RunConfig.of(RULES).withGrouping(AlertGrouping.off()), c.events).alerts();
        return new Outcome(c.events.size(), c.rejections.stream().map(r -> r.reason()).toList(), alerts);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Collects missing and unexpected firings, wrongly tagged expectations and benign high alerts. */
    private static final class Verdicts {
        final String dataset;
        final Map<String, String> problems = new TreeMap<>();
        int samples;
        int attacks;
        int attacksFiring;
        int benign;
        int benignChecked;

        Verdicts(String dataset) {
            this.dataset = dataset;
        }

        void check(String sample, Outcome o, Expect expect, boolean benignSample) {
            samples++;
            Set<String> fired = o.pack();
            Set<String> wanted = expect == null ? Set.of() : expect.rules();
            if (expect != null) {
                attacks++;
                boolean tagged = false;
                for (String rule : wanted) {
                    List<String> tags = PACK_TAGS.get(rule);
                    if (tags == null) {
                        problems.put(sample, "expects " + rule + ", which is not a CloudWarden rule");
                        return;
                    }
                    tagged |= tags.contains("cloudwarden." + expect.catalog());
                }
                if (!tagged) {
                    problems.put(sample, "none of " + wanted + " carries cloudwarden." + expect.catalog());
                }
                if (fired.containsAll(wanted)) {
                    attacksFiring++;
                }
            }
            if (!fired.equals(wanted)) {
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(fired);
                Set<String> unexpected = new TreeSet<>(fired);
                unexpected.removeAll(wanted);
                problems.merge(sample, "missing " + missing + ", unexpected " + unexpected
                        + (o.rejections().isEmpty() ? "" : ", rejected: " + o.rejections()), (a, b) -> a + "; " + b);
            }
            if (benignSample) {
                benign++;
                Set<String> highs = o.highs();
                if (!highs.isEmpty()) {
                    problems.merge(sample, "benign sample fires at high or critical: " + highs, (a, b) -> a + "; " + b);
                } else {
                    benignChecked++;
                }
            }
        }

        void listed(String sample) {
            problems.put(sample, "listed in the test but not in the dataset");
        }

        void assertClean() {
            System.out.printf("%s: %d samples, %d catalog attacks expected to fire (%d do), %d benign checked for high alerts%n",
                    dataset, samples, attacks, attacksFiring, benign);
            StringBuilder msg = new StringBuilder();
            problems.forEach((k, v) -> msg.append("\n  ").append(k).append(": ").append(v));
            assertThat(problems).as("%s: samples whose firings differ from the list in %s:%s", dataset,
                    SharedDatasetsFiringTest.class.getSimpleName(), msg).isEmpty();
        }
    }

    @Test
    void stratusDetonationsFireTheirCatalogRules() throws IOException {
        Path dir = datasets().resolve("logs/stratus-red-team/detonation-logs");
        Verdicts v = new Verdicts("stratus-red-team");
        Set<String> seen = new TreeSet<>();
        for (Path f : list(dir, ".json")) {
            String name = f.getFileName().toString();
            seen.add(name);
            Outcome o = run(Input.file(f), IngestOptions.defaults());
            if (!STRATUS.containsKey(name) && !STRATUS_OUTSIDE_CATALOG.containsKey(name)) {
                v.problems.put(name, "not listed: say which catalog rule it must fire, or why it is outside the catalog "
                        + "(fires " + o.pack() + ")");
                continue;
            }
            // Detonations outside the catalog are still attacks: only the CloudWarden firings are checked.
            v.check(name, o, STRATUS.get(name), false);
        }
        Stream.concat(STRATUS.keySet().stream(), STRATUS_OUTSIDE_CATALOG.keySet().stream())
                .filter(k -> !seen.contains(k)).forEach(v::listed);
        v.assertClean();
    }

    /** Falco's test file: trace file → whether Falco detects something in it under some rule set. */
    private static Map<String, Boolean> falcoDetections(Path tests) throws IOException {
        Map<String, Boolean> out = new TreeMap<>();
        Pattern block = Pattern.compile("\\n  (\\w+):\\n(.*?)(?=\\n  \\w+:\\n|$)", Pattern.DOTALL);
        Matcher m = block.matcher(Files.readString(tests));
        while (m.find()) {
            Matcher file = Pattern.compile("k8s_audit/([\\w.-]+\\.json)").matcher(m.group(2));
            Matcher detect = Pattern.compile("detect: (\\w+)").matcher(m.group(2));
            if (file.find() && detect.find()) {
                out.merge(file.group(1), Boolean.parseBoolean(detect.group(1).toLowerCase()), Boolean::logicalOr);
            }
        }
        return out;
    }

    @Test
    void falcoTracesFireTheirCatalogRulesAndBenignTracesNothingHigh() throws IOException {
        Path root = datasets().resolve("logs/falco-k8s-audit/test");
        Map<String, Boolean> falco = falcoDetections(root.resolve("falco_k8s_audit_tests.yaml"));
        assertThat(falco).as("Falco's expected detections").hasSizeGreaterThan(30);
        Verdicts v = new Verdicts("falco-k8s-audit");
        Set<String> seen = new TreeSet<>();
        for (Path f : list(root.resolve("trace_files/k8s_audit"), ".json")) {
            String name = f.getFileName().toString();
            seen.add(name);
            Outcome o = run(Input.file(f), IngestOptions.defaults());
            boolean falcoDetects = falco.getOrDefault(name, false);
            if (falcoDetects && !FALCO.containsKey(name) && !FALCO_OUTSIDE_CATALOG.containsKey(name)) {
                v.problems.put(name, "Falco detects it: list the catalog rule it must fire, or why it is outside the catalog");
            }
            v.check(name, o, FALCO.get(name), !FALCO.containsKey(name) && !FALCO_OUTSIDE_CATALOG.containsKey(name));
        }
        Stream.concat(FALCO.keySet().stream(), FALCO_OUTSIDE_CATALOG.keySet().stream())
                .filter(k -> !seen.contains(k)).forEach(v::listed);
        v.assertClean();
    }

    @Test
    void pantherSamplesFireTheirCatalogRulesAndBenignSamplesNothingHigh() throws IOException {
        Path byType = datasets().resolve("logs/panther/by-logtype");
        Verdicts v = new Verdicts("panther");
        Set<String> seen = new TreeSet<>();
        int rejected = 0;
        for (Path f : list(byType, ".jsonl")) {
            String fileType = f.getFileName().toString().replaceFirst("\\.jsonl$", "");
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode test = Json.MAPPER.readTree(line);
                String key = test.path("rule_id").asText() + " :: " + test.path("test_name").asText();
                seen.add(key);
                Outcome o = runPanther(fileType, test.path("log"));
                if (!o.rejections().isEmpty()) {
                    rejected++;
                }
                boolean benign = !test.path("expected_result").asBoolean() && !PANTHER_FALSE_BUT_ATTACK.containsKey(key);
                v.check(key, o, PANTHER.get(key), benign);
            }
        }
        Stream.of(PANTHER.keySet(), PANTHER_CATALOG_NOT_FIRING.keySet(), PANTHER_FALSE_BUT_ATTACK.keySet())
                .flatMap(Set::stream).filter(k -> !seen.contains(k)).forEach(v::listed);
        PANTHER_CATALOG_NOT_FIRING.keySet().stream().filter(PANTHER::containsKey)
                .forEach(k -> v.problems.put(k, "listed both as firing and as not firing"));
        System.out.printf("panther: %d samples rejected by their parser (partial fixtures, or log types CloudWarden "
                + "reads as generic JSON with malformed times); they fire nothing%n", rejected);
        v.assertClean();
    }

    /**
     * One Panther fixture as an event. Records of a log type CloudWarden reads are parsed as that source (Panther's
     * fixtures often leave out fields its rule does not read, so a missing event time gets a fixed one); the rest go
     * through format detection like any input.
     */
    private static Outcome runPanther(String fileType, JsonNode log) {
        String logType = log.path("p_log_type").asText(fileType);
        SourceType source = PANTHER_SOURCES.get(logType);
        if (source != null && log instanceof ObjectNode obj) {
            String timeField = TIME_FIELD.get(source);
            boolean hasTime = obj.hasNonNull(timeField) || source == SourceType.K8S_AUDIT && obj.hasNonNull("requestReceivedTimestamp");
            if (!hasTime) {
                obj = obj.deepCopy();
                obj.put(timeField, "2026-06-30T12:00:00Z");
                log = obj;
            }
        }
        IngestOptions options = source == null ? IngestOptions.defaults() : IngestOptions.defaults().withForcedSource(source);
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        return run(Input.bytes(logType + ".json", bytes, GoldenFiles.REFERENCE_TIME), options);
    }

    /** Prints every Panther sample that fires a CloudWarden rule or a high alert ({@code -Dcw.datasets.dump=true}). */
    @Test
    void dumpPantherFirings() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("cw.datasets.dump"), "set -Dcw.datasets.dump=true to print firings");
        Path byType = datasets().resolve("logs/panther/by-logtype");
        for (Path f : list(byType, ".jsonl")) {
            String fileType = f.getFileName().toString().replaceFirst("\\.jsonl$", "");
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode test = Json.MAPPER.readTree(line);
                String key = test.path("rule_id").asText() + " :: " + test.path("test_name").asText();
                Outcome o = runPanther(fileType, test.path("log"));
                System.out.println("DUMP\t" + fileType + "\t" + test.path("expected_result").asBoolean() + "\t" + key
                        + "\t" + o.pack() + "\t" + o.highs() + "\t" + o.rejections());
            }
        }
    }
}
