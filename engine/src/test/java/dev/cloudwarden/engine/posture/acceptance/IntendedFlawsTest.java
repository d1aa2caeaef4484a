package dev.cloudwarden.engine.posture.acceptance;

import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TerraGoat and CloudGoat are vulnerable by design ({@code ../shared/datasets/config}): each flaw below is one their
 * authors wrote on purpose (TerraGoat says so in a comment beside the resource; CloudGoat's scenario is built on it),
 * and a scan must fail the resource on a check answering to the named control (a CloudWarden id or an equivalent).
 */
class IntendedFlawsTest {
    /** A flaw: where (a path fragment), which resource, and the checks that name it (any one failing is enough). */
    record Flaw(String where, String resource, List<String> checks, String what) {
    }

    private static final List<Flaw> TERRAGOAT = List.of(
            new Flaw("terraform/aws/ec2.tf", "aws_instance.web_host", List.of("CKV_AWS_46"), "plain-text secrets in user data"),
            new Flaw("terraform/aws/ec2.tf", "aws_ebs_volume.web_host_storage", List.of("CKV_AWS_3"), "unencrypted volume"),
            new Flaw("terraform/aws/ec2.tf", "aws_security_group.web-node", List.of("CKV_AWS_24"), "SSH open to the world"),
            new Flaw("terraform/aws/kms.tf", "aws_kms_key.logs_key", List.of("CKV_AWS_7"), "key without rotation"),
            new Flaw("terraform/aws/lambda.tf", "aws_lambda_function.analysis_lambda", List.of("CKV_AWS_45"),
                    "plain-text secrets in environment variables"),
            new Flaw("terraform/aws/s3.tf", "aws_s3_bucket.data", List.of("CKV2_AWS_6"), "bucket is public (no block)"),
            new Flaw("terraform/aws/db-app.tf", "aws_db_instance.default", List.of("CKV_AWS_17"), "database publicly accessible"),
            new Flaw("terraform/azure/networking.tf", "azurerm_network_security_group.bad_sg", List.of("CKV_AZURE_10"),
                    "SSH open to the internet"),
            new Flaw("terraform/gcp/gcs.tf", "google_storage_bucket_iam_binding.allow_public_read", List.of("CKV_GCP_28"),
                    "bucket readable by allUsers"));

    private static final List<Flaw> CLOUDGOAT = List.of(
            new Flaw("scenarios/aws/ec2_ssrf/", "aws_instance.ubuntu_ec2", List.of("CKV_AWS_79"),
                    "IMDSv1 behind an SSRF-able app: the scenario's way to the instance role's keys"),
            new Flaw("scenarios/aws/cloud_breach_s3/", "aws_instance.ec2-vulnerable-proxy-server", List.of("CKV_AWS_79"),
                    "a reverse proxy with IMDSv1, the Capital One pattern"),
            new Flaw("scenarios/aws/iam_privesc_by_attachment/", "aws_iam_policy.ec2_mighty_policy", List.of("CKV_AWS_62"),
                    "an instance policy with full administrative rights"),
            new Flaw("scenarios/aws/iam_privesc_by_attachment/", "aws_security_group.ec2_server", List.of("CKV_AWS_24"),
                    "SSH open to the world"),
            new Flaw("scenarios/aws/beanstalk_secrets/", "aws_iam_policy.admin_user_policy", List.of("CKV_AWS_62"),
                    "an administrator policy for a user whose keys leak"));

    @Test
    void terraGoatAndCloudGoatFailOnTheirIntendedFlaws() {
        Path config = CheckovAgreementTest.dataset("terragoat").getParent();
        Assumptions.assumeTrue(Files.isDirectory(config.resolve("terragoat")) && Files.isDirectory(config.resolve("cloudgoat")),
                "TerraGoat and CloudGoat are not here (" + config + ")");
        PostureScan scan = new PostureScanner(PostureSources.all(), BuiltInChecks.all())
                .scan(List.of(config.resolve("terragoat"), config.resolve("cloudgoat")), Suppressions.none(false));
        assertThat(scan.problems()).isEmpty();
        List<String> missed = new ArrayList<>();
        List<Flaw> all = new ArrayList<>(TERRAGOAT);
        all.addAll(CLOUDGOAT);
        for (Flaw flaw : all) {
            boolean found = scan.findings().stream().anyMatch(f -> found(f, flaw));
            if (!found) {
                missed.add(flaw.resource() + " in " + flaw.where() + ": " + flaw.what() + " " + flaw.checks());
            }
        }
        assertThat(missed).as("intended flaws not found").isEmpty();
    }

    private static boolean found(Finding f, Flaw flaw) {
        return f.verdict() == Verdict.FAIL && f.resource().id().equals(flaw.resource())
                && f.resource().location().file().replace('\\', '/').contains(flaw.where())
                && flaw.checks().stream().anyMatch(f.check()::answersTo);
    }
}
