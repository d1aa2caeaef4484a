package dev.cloudwarden.engine.sigma.pack;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static dev.cloudwarden.engine.sigma.pack.PackFixtures.at;
import static dev.cloudwarden.engine.sigma.pack.PackFixtures.detect;
import static dev.cloudwarden.engine.sigma.pack.PackFixtures.ingest;
import static dev.cloudwarden.engine.sigma.pack.PackFixtures.packAlertNames;
import static dev.cloudwarden.engine.sigma.pack.PackFixtures.packAlerts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack's correlation rules on realistic event sequences, read from NDJSON and text through the real
 * ingest path and run through the detection pipeline with every built-in rule loaded.
 */
class PackCorrelationTest {
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank"};

    // ---------------------------------------------------------------- CloudTrail

    private static String ct(int second, String source, String name, String ip, String userJson, String extra) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\"" + at(second) + "\",\"eventSource\":\"" + source
                + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + ip
                + "\",\"userAgent\":\"aws-cli/2.15\",\"eventID\":\"" + java.util.UUID.nameUUIDFromBytes((name + second + ip).getBytes())
                + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\",\"userIdentity\":" + userJson
                + (extra.isEmpty() ? "" : "," + extra) + "}\n";
    }

    private static String iamUser(String name) {
        return "{\"type\":\"IAMUser\",\"principalId\":\"AIDA" + name.toUpperCase(Locale.ROOT) + "\",\"accountId\":\"111122223333\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/" + name + "\",\"userName\":\"" + name + "\"}";
    }

    private static String consoleLogin(int second, String ip, String user, boolean success) {
        return ct(second, "signin.amazonaws.com", "ConsoleLogin", ip, iamUser(user),
                "\"responseElements\":{\"ConsoleLogin\":\"" + (success ? "Success" : "Failure") + "\"}"
                        + (success ? "" : ",\"errorMessage\":\"Failed authentication\""));
    }

    @Test
    void consoleBruteForceAndSprayingFromOneAddressThenASuccess() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            in.append(consoleLogin(i * 20, "198.51.100.20", USERS[i % USERS.length], false));
        }
        in.append(consoleLogin(600, "198.51.100.20", "carol", true));
        // a user who mistypes twice and gets in: no alert
        in.append(consoleLogin(700, "192.0.2.44", "grace", false));
        in.append(consoleLogin(720, "192.0.2.44", "grace", false));
        in.append(consoleLogin(740, "192.0.2.44", "grace", true));

        List<Alert> alerts = detect(ingest("console.jsonl", in.toString()));

        assertThat(new TreeSet<>(packAlertNames(alerts))).containsExactly(
                "cw_aws_console_bruteforce_per_source", "cw_aws_console_password_spraying",
                "cw_aws_console_success_after_bruteforce");
        Alert success = packAlerts(alerts).stream().filter(a -> a.ruleTitle().contains("succeeds")).findFirst().orElseThrow();
        assertThat(success.level()).isEqualTo(Level.CRITICAL);
        assertThat(success.tags()).contains("cloudwarden.t2", "attack.t1110");
    }

    @Test
    void consoleBruteForceAgainstOneUserFromManyAddresses() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(consoleLogin(i * 30, "203.0.113." + (10 + i), "root-admin", false));
        }
        assertThat(packAlertNames(detect(ingest("console-user.jsonl", in.toString()))))
                .containsExactly("cw_aws_console_bruteforce_per_user");
    }

    @Test
    void ransomwareAndBackupDestructionBursts() {
        String attacker = iamUser("svc-backup");
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            in.append(ct(i * 5, "s3.amazonaws.com", "DeleteObjects", "203.0.113.66", attacker,
                    "\"requestParameters\":{\"bucketName\":\"finance\",\"delete\":\"\"}"));
        }
        for (int i = 0; i < 3; i++) {
            in.append(ct(400 + i * 10, "kms.amazonaws.com", "ScheduleKeyDeletion", "203.0.113.66", attacker,
                    "\"requestParameters\":{\"keyId\":\"k" + i + "\",\"pendingWindowInDays\":7}"));
        }
        for (int i = 0; i < 10; i++) {
            in.append(ct(500 + i * 15, "ec2.amazonaws.com", "DeleteSnapshot", "203.0.113.66", attacker,
                    "\"requestParameters\":{\"snapshotId\":\"snap-" + i + "\"}"));
        }
        // a cleanup job deleting a few objects now and then: no alert
        for (int i = 0; i < 20; i++) {
            in.append(ct(i * 60, "s3.amazonaws.com", "DeleteObject", "10.0.0.8", iamUser("cleanup"),
                    "\"requestParameters\":{\"bucketName\":\"tmp\",\"key\":\"x" + i + "\"}"));
        }
        List<Alert> alerts = detect(ingest("ransom.jsonl", in.toString()));
        List<String> names = packAlertNames(alerts);
        assertThat(new TreeSet<>(names)).containsExactly("cw_aws_kms_key_destruction_burst",
                "cw_aws_kms_key_disable", "cw_aws_s3_mass_deletion", "cw_aws_snapshot_deletion_burst");
        assertThat(names.stream().filter("cw_aws_s3_mass_deletion"::equals)).hasSize(1);
        assertThat(names.stream().filter("cw_aws_kms_key_disable"::equals))
                .as("generate: true keeps the single-key alerts").hasSize(3);
    }

    @Test
    void hostingBurstsAndStsFailures() {
        String user = iamUser("intern");
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            in.append(ct(i * 60, "route53.amazonaws.com", "CreateHostedZone", "203.0.113.70", user,
                    "\"requestParameters\":{\"name\":\"support-desk-" + i + ".example\",\"callerReference\":\"r" + i + "\"}"));
            in.append(ct(i * 60 + 5, "cloudfront.amazonaws.com", "CreateDistribution", "203.0.113.70", user,
                    "\"requestParameters\":{\"distributionConfig\":{\"callerReference\":\"d" + i + "\"}}"));
        }
        for (int i = 0; i < 10; i++) {
            in.append(ct(400 + i * 10, "sts.amazonaws.com", "AssumeRole", "198.51.100.99", user,
                    "\"errorCode\":\"AccessDenied\",\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/r" + i
                            + "\",\"roleSessionName\":\"s\"}"));
        }
        assertThat(new TreeSet<>(packAlertNames(detect(ingest("hosting.jsonl", in.toString()))))).containsExactly(
                "cw_aws_cloudfront_distribution_burst", "cw_aws_route53_hosted_zone_burst", "cw_aws_sts_failure_burst");
    }

    // ---------------------------------------------------------------- sshd

    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String sshd(int second, String message) {
        Instant t = Instant.parse("2026-06-20T08:00:00Z").plusSeconds(second);
        return SYSLOG.format(t) + " ip-10-0-0-5 sshd[" + (3000 + second) + "]: " + message + "\n";
    }

    @Test
    void sshBruteForceSprayingAndALoginThatFollows() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            in.append(sshd(i * 10, "Failed password for " + USERS[i % USERS.length] + " from 203.0.113.7 port " + (40000 + i) + " ssh2"));
        }
        in.append(sshd(200, "Accepted password for carol from 203.0.113.7 port 40100 ssh2"));
        // an admin who mistypes once: no alert
        in.append(sshd(300, "Failed password for ubuntu from 198.51.100.5 port 50000 ssh2"));
        in.append(sshd(310, "Accepted password for ubuntu from 198.51.100.5 port 50001 ssh2"));

        List<Alert> alerts = detect(ingest("auth.log", in.toString()));
        assertThat(new TreeSet<>(packAlertNames(alerts))).containsExactly("cw_sshd_bruteforce_per_source",
                "cw_sshd_password_spraying", "cw_sshd_success_after_bruteforce");
        assertThat(packAlerts(alerts)).filteredOn(a -> a.ruleTitle().startsWith("SSH login accepted after"))
                .singleElement().satisfies(a -> {
                    assertThat(a.level()).isEqualTo(Level.CRITICAL);
                    assertThat(a.event().raw().tree().toString()).contains("Accepted password for carol");
                });
    }

    @Test
    void sshBruteForceFromOneOfOurInstancesAndAgainstNasAccounts() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(sshd(i * 20, "Failed password for root from 10.0.1.20 port " + (41000 + i) + " ssh2"));
        }
        List<String> internal = packAlertNames(detect(ingest("auth.log", in.toString())));
        // root is in every dictionary: it says nothing about a NAS
        assertThat(new TreeSet<>(internal)).containsExactly("cw_sshd_bruteforce_from_internal_host",
                "cw_sshd_bruteforce_per_source");

        StringBuilder nas = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            nas.append(sshd(i * 30, "Failed password for admin from 198.51.100.61 port " + (42000 + i) + " ssh2"));
        }
        assertThat(packAlertNames(detect(ingest("auth.log", nas.toString())))).containsExactly("cw_sshd_nas_admin_bruteforce");
    }

    @Test
    void sshBruteForceAsRealHostsWriteIt() {
        // OpenSSH 9.8+ (sshd-session), RFC 5424 and unpadded days, an IPv6 attacker, and every attempt wrapped in
        // the lines sshd and PAM write around it: each of them reads as a failure from that address, and the
        // brute force counts one line per guess (the Failed line), not the four lines of one guess.
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String user = USERS[i % USERS.length];
            int port = 43000 + i;
            String t = String.format(Locale.ROOT, "2026-06-20T08:%02d:%02d", i / 6, (i % 6) * 10);
            in.append("<38>1 ").append(t).append(".000Z ip-10-0-0-5 sshd-session ").append(4000 + i)
                    .append(" - - Invalid user ").append(user).append(" from 2001:db8::66 port ").append(port).append('\n');
            in.append(t).append(".100000+00:00 ip-10-0-0-5 sshd-session[").append(4000 + i)
                    .append("]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8::66\n");
            in.append("Jun 20 ").append(t, 11, 19).append(" ip-10-0-0-5 sshd-session[").append(4000 + i)
                    .append("]: Failed password for invalid user ").append(user).append(" from 2001:db8::66 port ").append(port)
                    .append(" ssh2\n");
            in.append("Jun 20 ").append(t, 11, 19).append(" ip-10-0-0-5 sshd[").append(4000 + i).append("]: User ").append(user)
                    .append(" from 2001:db8::66 not allowed because not listed in AllowUsers\n");
        }
        List<Event> events = ingest("auth.log", in.toString());
        assertThat(events).hasSize(40).allSatisfy(e -> {
            assertThat(e.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
            assertThat(e.src().ip()).isEqualTo("2001:db8::66");
        });
        List<Alert> alerts = detect(events);
        assertThat(new TreeSet<>(packAlertNames(alerts))).containsExactly("cw_sshd_bruteforce_per_source",
                "cw_sshd_password_spraying");
        assertThat(packAlerts(alerts)).filteredOn(a -> a.ruleTitle().startsWith("SSH brute force from one address"))
                .first().satisfies(a -> assertThat(a.events()).hasSize(10).allSatisfy(e ->
                        assertThat(e.raw().tree().get("message").asText()).startsWith("Failed password for invalid user ")));
    }

    // ---------------------------------------------------------------- Azure sign-in

    private static String signIn(int second, String upn, String ip, int errorCode) {
        return "{\"id\":\"" + java.util.UUID.nameUUIDFromBytes((upn + second).getBytes()) + "\",\"createdDateTime\":\""
                + at(second) + "\",\"userDisplayName\":\"" + upn + "\",\"userPrincipalName\":\"" + upn
                + "\",\"userId\":\"5f2a1c9e-3b7d-4e8a-9c6f-183363939407\",\"appId\":\"c44b4083-3bb0-49c1-b47d-974e53cbdf3c\","
                + "\"appDisplayName\":\"Azure Portal\",\"ipAddress\":\"" + ip + "\",\"clientAppUsed\":\"Browser\","
                + "\"isInteractive\":true,\"status\":{\"errorCode\":" + errorCode
                + (errorCode == 0 ? "" : ",\"failureReason\":\"Invalid username or password.\"") + "}}\n";
    }

    @Test
    void azureBruteForceThenSuccessAndSpraying() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(signIn(i * 30, "megan.bowen@contoso.com", "203.0.113.61", 50126));
        }
        in.append(signIn(400, "megan.bowen@contoso.com", "203.0.113.61", 0));
        for (int i = 0; i < 6; i++) {
            in.append(signIn(500 + i * 20, USERS[i] + "@contoso.com", "198.51.100.7", 50126));
        }
        assertThat(new TreeSet<>(packAlertNames(detect(ingest("signins.jsonl", in.toString()))))).containsExactly(
                "cw_azure_signin_bruteforce_per_user", "cw_azure_signin_password_spraying",
                "cw_azure_signin_success_after_bruteforce");
    }

    private static String signInDiag(int second, String upn, String ip, String resultType, int errorCode) {
        return "{\"time\":\"" + at(second) + "\",\"resourceId\":\"/tenants/tenant-123/providers/Microsoft.aadiam\","
                + "\"operationName\":\"Sign-in activity\",\"operationVersion\":\"1.0\",\"category\":\"SignInLogs\","
                + "\"tenantId\":\"tenant-123\",\"resultType\":\"" + resultType + "\",\"callerIpAddress\":\"" + ip
                + "\",\"correlationId\":\"" + java.util.UUID.nameUUIDFromBytes((upn + second).getBytes()) + "\",\"Level\":\"4\","
                + "\"properties\":{\"userPrincipalName\":\"" + upn + "\",\"ipAddress\":\"" + ip
                + "\",\"appDisplayName\":\"Azure Portal\",\"isInteractive\":true,\"status\":{\"errorCode\":" + errorCode + "}}}\n";
    }

    @Test
    void azureDiagnosticShapeBruteForceThenSuccessAndSprayingAcrossBothShapes() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(signInDiag(i * 30, "peregrin@lotr.com", "3.3.3.3", "50126", 50126));
        }
        in.append(signInDiag(400, "peregrin@lotr.com", "3.3.3.3", "0", 0));
        // three users through the Graph shape and three through diagnostic settings, one address
        for (int i = 0; i < 3; i++) {
            in.append(signIn(500 + i * 20, USERS[i] + "@contoso.com", "198.51.100.7", 50126));
            in.append(signInDiag(510 + i * 20, USERS[i + 3] + "@contoso.com", "198.51.100.7", "50126", 50126));
        }
        assertThat(new TreeSet<>(packAlertNames(detect(ingest("signins-diag.jsonl", in.toString()))))).containsExactly(
                "cw_azure_signin_bruteforce_per_user", "cw_azure_signin_password_spraying",
                "cw_azure_signin_success_after_bruteforce_diag");
    }

    private static String mfaFailure(int second, String user, String ip) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\"" + at(second) + "\",\"eventSource\":\"signin.amazonaws.com\","
                + "\"eventName\":\"ConsoleLogin\",\"eventID\":\"" + java.util.UUID.nameUUIDFromBytes((user + second).getBytes())
                + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + ip + "\",\"recipientAccountId\":\"111122223333\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"111122223333\",\"userName\":\"" + user
                + "\",\"arn\":\"arn:aws:iam::111122223333:user/" + user + "\"},\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
                + "\"additionalEventData\":{\"MFAUsed\":\"Yes\"},\"errorMessage\":\"Failed authentication\"}\n";
    }

    @Test
    void repeatedMfaFailuresOfOneUserFromOneAddress() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            in.append(mfaFailure(i * 60, "dave", "203.0.113.66"));           // three prompts from one address: alert
        }
        for (int i = 0; i < 3; i++) {
            in.append(mfaFailure(600 + i * 60, "erin", "198.51.100." + i));  // three addresses: mistyped codes, no alert
        }
        in.append(mfaFailure(2000, "ivan", "203.0.113.9"));
        assertThat(packAlertNames(detect(ingest("trail.jsonl", in.toString())))).filteredOn(n -> n.contains("repeated"))
                .containsExactly("cw_aws_console_mfa_failures_repeated");
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void kubernetesForbiddenBurstFromOneAddress() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            Instant t = at(i * 5);
            in.append("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"")
                    .append(java.util.UUID.nameUUIDFromBytes(("k" + i).getBytes())).append("\",\"stage\":\"ResponseComplete\",")
                    .append("\"requestURI\":\"/api/v1/namespaces/kube-system/secrets\",\"verb\":\"list\",")
                    .append("\"user\":{\"username\":\"system:anonymous\",\"groups\":[\"system:unauthenticated\"]},")
                    .append("\"sourceIPs\":[\"203.0.113.80\"],\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"kube-system\",\"apiVersion\":\"v1\"},")
                    .append("\"responseStatus\":{\"metadata\":{},\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403},")
                    .append("\"requestReceivedTimestamp\":\"").append(t).append("\",\"stageTimestamp\":\"").append(t).append("\"}\n");
        }
        // each refused secret read is also a medium alert of its own; the burst is the one correlation
        assertThat(new TreeSet<>(packAlertNames(detect(ingest("audit.jsonl", in.toString())))))
                .containsExactly("cw_k8s_secret_read_refused", "cw_k8s_unauthorized_burst");
    }

    // ---------------------------------------------------------------- VPC flow logs

    private static String flowLine(int second, String src, String dst, int dport, int proto, long packets, long bytes) {
        long start = at(second).getEpochSecond();
        return "2 111122223333 eni-0a1b2c3d4e5f60718 " + src + " " + dst + " " + (40000 + second % 20000) + " " + dport + " "
                + proto + " " + packets + " " + bytes + " " + start + " " + (start + 60) + " ACCEPT OK\n";
    }

    @Test
    void flowFanOutFloodsAndLargeEgress() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            in.append(flowLine(i * 5, "10.0.3.9", "10.0.5." + (10 + i), i % 2 == 0 ? 22 : 25, 6, 6, 360));
        }
        for (int i = 0; i < 12; i++) {
            in.append(flowLine(200 + i * 5, "10.0.3.10", "10.0.6." + (10 + i), 2375, 6, 8, 900));
        }
        for (int i = 0; i < 3; i++) {
            in.append(flowLine(300 + i * 60, "10.0.3.11", "198.51.100.99", 80, 17, 400_000, 24_000_000));
        }
        for (int i = 0; i < 6; i++) {
            in.append(flowLine(600 + i * 60, "10.0.3.12", "198.51.100.80", 443, 6, 700_000, 1_000_000_000));
        }
        // an admin host reaching three servers on 22: no alert
        for (int i = 0; i < 3; i++) {
            in.append(flowLine(1200 + i, "10.0.0.4", "10.0.5." + (50 + i), 22, 6, 40, 5000));
        }
        List<String> names = packAlertNames(detect(ingest("flows.log", in.toString())));
        assertThat(new TreeSet<>(names)).containsExactly("cw_flow_docker_api_fanout", "cw_flow_flood_to_one_destination",
                "cw_flow_large_egress", "cw_flow_outbound_udp_flood_record", "cw_flow_ssh_smtp_fanout");
        assertThat(names.stream().filter("cw_flow_ssh_smtp_fanout"::equals)).hasSize(1);
    }

    @Test
    void everyCorrelationOfThePackIsExercisedHere() {
        Set<String> exercised = Set.of("cw_aws_console_bruteforce_per_source", "cw_aws_console_password_spraying",
                "cw_aws_console_success_after_bruteforce", "cw_aws_console_bruteforce_per_user", "cw_aws_s3_mass_deletion",
                "cw_aws_kms_key_destruction_burst", "cw_aws_snapshot_deletion_burst", "cw_aws_cloudfront_distribution_burst",
                "cw_aws_route53_hosted_zone_burst", "cw_aws_sts_failure_burst", "cw_sshd_bruteforce_per_source",
                "cw_sshd_password_spraying", "cw_sshd_success_after_bruteforce", "cw_sshd_bruteforce_from_internal_host",
                "cw_sshd_nas_admin_bruteforce", "cw_azure_signin_bruteforce_per_user", "cw_azure_signin_password_spraying",
                "cw_azure_signin_success_after_bruteforce", "cw_k8s_unauthorized_burst", "cw_flow_docker_api_fanout",
                "cw_flow_flood_to_one_destination", "cw_flow_large_egress", "cw_flow_ssh_smtp_fanout",
                // chain steps, exercised through the success-after-brute-force correlations above
                "cw_aws_console_failures_before_success", "cw_sshd_failures_before_success",
                "cw_azure_signin_failures_before_success", "cw_azure_signin_success_after_bruteforce_diag",
                "cw_azure_signin_failures_before_success_diag", "cw_aws_console_mfa_failures_repeated");
        Set<String> correlations = new TreeSet<>();
        PackFixtures.oursCorrelations().forEach(c -> correlations.add(c.name()));
        assertThat(correlations).isEqualTo(new TreeSet<>(exercised));
    }
}
