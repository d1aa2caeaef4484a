package dev.cloudwarden.engine.sigma.pack;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack over the real and hand-written golden samples ({@code src/test/resources/golden/**}, read through the
 * Ingestor, every built-in rule loaded): the attack samples the catalog covers fire the expected CloudWarden
 * rules, and every other sample fires no CloudWarden rule at all (so nothing at high or critical either).
 */
class PackGoldenSamplesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static final Set<String> CATALOG = PackFixtures.catalogNames();

    /** Sample → the CloudWarden catalog rules (by name) that must fire on it, and no others. Samples not listed fire none. */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            // Stratus Red Team detonations (real CloudTrail)
            entry("cloudtrail/stratus-aws.exfiltration.ec2-security-group-open-port-22-ingress.json",
                    Set.of("cw_aws_security_group_admin_port_open_to_world")),                       // T3
            entry("cloudtrail/stratus-aws.exfiltration.ec2-share-ebs-snapshot.json",
                    Set.of("cw_aws_ebs_snapshot_shared")),                                           // A2
            entry("cloudtrail/stratus-aws.defense-evasion.dns-delete-logs.json",
                    Set.of("cw_aws_logging_disabled")),                                              // T3 (T1562.008)
            entry("cloudtrail/stratus-aws.execution.ec2-launch-unusual-instances.json",
                    Set.of("cw_aws_ec2_gpu_or_huge_instance_launch")),                               // A3 (p2.xlarge x10)
            entry("cloudtrail/stratus-aws.initial-access.console-login-without-mfa.json",
                    Set.of("cw_aws_console_login_without_mfa")),                                      // T2 (T1078.004)
            entry("cloudtrail/stratus-aws.persistence.iam-create-admin-user.json",
                    Set.of("cw_aws_access_key_for_other_user")),                                     // A2 (T1098.001)
            entry("cloudtrail/records-file.json", Set.of("cw_aws_access_key_for_other_user")),      // same records
            // Panther rule fixtures: a DeleteTrail/StopLogging, an expire-everything lifecycle, a key for another user
            entry("cloudtrail/panther-cloudtrail.jsonl", Set.of("cw_aws_access_key_for_other_user",
                    "cw_aws_logging_disabled", "cw_aws_s3_lifecycle_expire_everything")),
            // hand-written attack traffic
            entry("docker/daemon.log", Set.of("cw_docker_api_container_create_or_image_pull",            // T1
                    "cw_docker_privileged_or_host_root_container",                                    // T5
                    "cw_docker_container_downloads_and_runs_script",                                  // M3
                    "cw_docker_miner_container")),                                                     // A3
            entry("docker/journal.log", Set.of("cw_docker_api_container_create_or_image_pull",
                    "cw_docker_privileged_or_host_root_container", "cw_docker_container_downloads_and_runs_script")),
            entry("exim/mainlog.log", Set.of("cw_exim_cve_2019_10149_run_expansion",                     // T1
                    "cw_exim_exploit_in_accepted_address")),                                           // A6
            entry("yarn/rm-audit.log", Set.of("cw_yarn_unauthenticated_app_submission",                   // T1 / M1
                    "cw_yarn_app_submission_from_public_address")),
            entry("yarn/resourcemanager.log", Set.of("cw_yarn_unauthenticated_app_submission",
                    "cw_yarn_app_submission_from_public_address", "cw_yarn_container_downloads_and_runs_script")), // M1
            entry("web/nginx-clf.log", Set.of("cw_web_ssrf_instance_metadata", "cw_web_imds_credentials_path")), // T1, T5
            // Panther rule fixtures of Azure, GCP and EKS, each file mixing attacks and benign records
            entry("azure/panther-activity.jsonl", Set.of("cw_azure_diagnostic_settings_deleted",          // T3
                    "cw_azure_key_vault_purged", "cw_azure_blob_versioning_or_soft_delete_disabled")),        // A1
            // Entra sign-ins: a device-code phishing sign-in (breadth rule, high) among benign ones; no catalog rule
            entry("azure/panther-signin.jsonl", Set.of()),
            entry("gcp/panther-gcp-audit.jsonl", Set.of("cw_gcp_storage_bucket_public",                       // T3
                    "cw_gke_privileged_or_host_namespace_pod")),                                              // T5
            entry("k8saudit/panther-eks.jsonl", Set.of("cw_k8s_anonymous_request_allowed")),                  // T3
            entry("route53/handwritten.jsonl", Set.of("cw_dns_mining_pool_query")),                      // A3 (pool.minexmr.com)
            entry("route53/panther-vpcdns.jsonl", Set.of("cw_dns_mining_pool_query")),                   // A3 (moneropool.ru)
            entry("vpcflow/default-v2.log", Set.of("cw_flow_mining_pool_port")),                         // A3
            entry("vpcflow/custom-v5.log", Set.of("cw_flow_mining_pool_port")),                          // A3
            // the same real records wrapped as shippers and clouds deliver them (golden/envelope/): the attacks inside
            // are scanned, as they were not when the envelope, a missing time or a missing member lost the record
            entry("envelope/cloudwatch-get-log-events.json", Set.of("cw_k8s_anonymous_request_allowed",
                    "cw_k8s_cluster_admin_binding", "cw_k8s_exec_into_pod")),
            entry("envelope/cloudwatch-lambda.json", Set.of("cw_aws_access_key_for_other_user")),
            // Event Hubs records holding the Entra device-code phishing sign-in above (breadth rule, high)
            entry("envelope/eventhubs-records.json", Set.of()),
            entry("envelope/elastic-fields.jsonl", Set.of("cw_aws_access_key_for_other_user", "cw_aws_logging_disabled")),
            entry("envelope/eventbridge-firehose.jsonl", Set.of("cw_aws_logging_disabled")),
            entry("envelope/firehose-cloudwatch.json", Set.of("cw_aws_logging_disabled")),
            entry("envelope/logstash-message.jsonl", Set.of("cw_aws_access_key_for_other_user", "cw_aws_logging_disabled")),
            // Falco's regression traces: privileged pods, hostPath / mounts, cluster-admin binding, exec, anonymous access
            entry("k8saudit/falco-traces.jsonl", Set.of("cw_k8s_privileged_or_host_namespace_pod",        // T5
                    "cw_k8s_hostpath_sensitive_mount", "cw_k8s_cluster_admin_binding", "cw_k8s_exec_into_pod", // T5
                    "cw_k8s_anonymous_request_allowed")));                                             // T3

    @Test
    void goldenSamplesFireExactlyTheExpectedPackRules() throws IOException {
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(GOLDEN)) {
            inputs = s.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".expected.ndjson"))
                    .filter(p -> !p.getFileName().toString().startsWith("LICENSE") && !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThan(30);
        Map<String, Set<String>> fired = new TreeMap<>();
        Map<String, Set<String>> benignHighs = new TreeMap<>();
        for (Path p : inputs) {
            String name = GOLDEN.relativize(p).toString().replace('\\', '/');
            List<Alert> alerts = PackFixtures.packAlerts(PackFixtures.detect(PackFixtures.ingest(p)));
            Set<String> names = new TreeSet<>(PackFixtures.packAlertNames(alerts));
            names.retainAll(CATALOG); // the breadth rules are measured on Panther's labels (PantherCoverageTest)
            if (!names.isEmpty()) {
                fired.put(name, names);
            }
            if (!EXPECTED.containsKey(name)) {
                Set<String> high = new TreeSet<>();
                alerts.stream().filter(a -> a.level() == Level.HIGH || a.level() == Level.CRITICAL)
                        .forEach(a -> high.add(a.ruleTitle()));
                if (!high.isEmpty()) {
                    benignHighs.put(name, high);
                }
            }
        }
        assertThat(benignHighs).as("benign samples firing at high or critical").isEmpty();
        Map<String, Set<String>> expected = new TreeMap<>(EXPECTED);
        expected.values().removeIf(Set::isEmpty); // listed to say it mixes attacks and benign records, fires no catalog rule
        assertThat(fired).isEqualTo(expected);
    }
}
