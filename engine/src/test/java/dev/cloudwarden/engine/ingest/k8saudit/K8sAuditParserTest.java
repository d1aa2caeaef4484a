package dev.cloudwarden.engine.ingest.k8saudit;

import dev.cloudwarden.engine.event.TimeBasis;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class K8sAuditParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"falco-traces.jsonl", "panther-eks.jsonl"})
    void realRecordsMatchTheirGoldenFiles(String file) {
        List<Event> events = GoldenFiles.check("k8saudit/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.K8S_AUDIT);
            assertThat(e.operation().service()).isEqualTo("kubernetes");
        });
    }

    @Test
    void execIntoAPodNamesTheSubresourceThePodAndTheUser() {
        Event exec = byUri(falco(), "/exec?");
        assertThat(exec.operation().name()).isEqualTo("create");
        assertThat(exec.resources()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("pods/exec");
            assertThat(r.id()).startsWith("default/nginx-deployment-");
        });
        assertThat(exec.actor().principal()).isEqualTo("minikube-user");
        assertThat(exec.actor().principalType()).isEqualTo("User");
        assertThat(exec.src().ip()).isEqualTo("192.168.99.1");
        assertThat(exec.outcome()).isEqualTo(Outcome.SUCCESS); // 101 Switching Protocols
    }

    @Test
    void controllersAreServiceAccountsAndGeneratedPodNamesComeFromTheResponse() {
        Event create = falco().stream()
                .filter(e -> e.actor().principal().equals("system:serviceaccount:kube-system:replicaset-controller"))
                .findFirst().orElseThrow();
        assertThat(create.actor().principalType()).isEqualTo("ServiceAccount");
        assertThat(create.src().ip()).isEqualTo("::1");
        assertThat(create.resources()).extracting(Resource::type).containsExactly("pods");
        assertThat(create.resources().get(0).id()).matches("default/nginx-deployment-[0-9a-f]+-[a-z0-9]+");
    }

    @Test
    void anonymousRequestsRefusedByTheAuthorizerAreFailuresWithTheApiServersMessage() {
        List<Event> eks = GoldenFiles.read(GoldenFiles.resource("k8saudit/panther-eks.jsonl"),
                IngestOptions.defaults()).events;
        Event denied = eks.get(3);
        assertThat(denied.time()).isEqualTo(Instant.parse("2024-11-13T23:50:32.673504Z"));
        assertThat(denied.actor().principalType()).isEqualTo("Anonymous");
        assertThat(denied.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(denied.outcome().errorCode()).isEqualTo("403");
        assertThat(denied.outcome().errorMessage()).startsWith("forbidden: User \"system:anonymous\" cannot get path");
        assertThat(denied.resources()).singleElement()
                .isEqualTo(new Resource("nonResourceURL", "/vendor/phpunit/src/Util/PHP/eval-stdin.php"));
        assertThat(denied.userAgent()).isEqualTo("Custom-AsyncHttpClient");
        // Panther's EKS export names the cluster's AWS account.
        assertThat(eks.get(0).cloud().provider()).isEqualTo("aws");
        assertThat(eks.get(0).cloud().account()).isEqualTo("123412341234");
        assertThat(denied.cloud().provider()).isNull();
    }

    @Test
    void eksIamIdentityGivesAccessKeySessionAndAccount() {
        GoldenFiles.Collected c = ingest("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"4c6f1b0e-1b0a-4a51-9d8e-0f0e3c2a1b7d","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/kube-system/secrets?limit=500","verb":"list","user":{"username":"arn:aws:sts::111122223333:assumed-role/DevOps/alice","uid":"aws-iam-authenticator:111122223333:AROAEXAMPLEID","groups":["system:authenticated"],"extra":{"accessKeyId":["ASIAEXAMPLEKEY123456"],"arn":["arn:aws:sts::111122223333:assumed-role/DevOps/alice"],"canonicalArn":["arn:aws:iam::111122223333:role/DevOps"],"sessionName":["alice"]}},"sourceIPs":["198.51.100.7"],"userAgent":"kubectl/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"secrets","namespace":"kube-system","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2024-04-02T10:11:12.123456Z","stageTimestamp":"2024-04-02T10:11:12.140001Z"}
                """);
        Event list = c.events.get(0);
        assertThat(list.source()).isEqualTo(SourceType.K8S_AUDIT);
        assertThat(list.actor().accessKeyId()).isEqualTo("ASIAEXAMPLEKEY123456");
        assertThat(list.actor().session()).isEqualTo("alice");
        assertThat(list.cloud().account()).isEqualTo("111122223333");
        assertThat(list.resources()).singleElement().isEqualTo(new Resource("secrets", "kube-system/*"));
    }

    @Test
    void impersonationActsAsTheImpersonatedUserWithTheCallerAsSession() {
        Event e = ingest("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets/db","verb":"get","user":{"username":"dev@example.com","groups":["system:authenticated"]},"impersonatedUser":{"username":"system:serviceaccount:prod:deployer","groups":["system:serviceaccounts"]},"sourceIPs":["203.0.113.9"],"objectRef":{"resource":"secrets","namespace":"prod","name":"db","apiVersion":"v1"},"responseStatus":{"code":200},"stageTimestamp":"2024-04-02T10:11:12Z"}
                """).events.get(0);
        assertThat(e.actor().principal()).isEqualTo("system:serviceaccount:prod:deployer");
        assertThat(e.actor().principalType()).isEqualTo("ServiceAccount");
        assertThat(e.actor().session()).isEqualTo("dev@example.com");
    }

    @Test
    void aForbidDecisionWithoutResponseCodeIsAFailure() {
        Event e = ingest("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a2","stage":"ResponseStarted","requestURI":"/api/v1/pods","verb":"list","user":{"username":"bob"},"objectRef":{"resource":"pods"},"annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""},"requestReceivedTimestamp":"2024-04-02T10:11:12Z"}
                """).events.get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.failure("forbid", null));
        assertThat(e.resources()).singleElement().isEqualTo(new Resource("pods", "*"));
    }

    @Test
    void partialRecordsStayEventsAndABatchAmongEventsIsUnwrapped() {
        // A real but partial Panther test record (recognised: kind Event with a verb), Falco's own malformed-input
        // trace, a webhook batch among single events, and an event without a verb.
        GoldenFiles.Collected c = ingest(IngestOptions.defaults(), """
                {"kind":"Event","verb":"get","user":{"username":"admin@example.com"},"objectRef":{"resource":"certificatesigningrequests","name":"existing-csr"},"responseStatus":{"code":200},"p_log_type":"Amazon.EKS.Audit"}
                {"kind": 0}
                {"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{"kind":"Event","verb":"delete","objectRef":{"resource":"pods"}}]}
                {"kind":"Event","stageTimestamp":"2024-04-02T10:11:12Z","user":{"username":"x"}}
                """);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).extracting(Event::source).containsOnly(SourceType.K8S_AUDIT);
        assertThat(c.events).extracting(Event::timeBasis)
                .containsExactly(TimeBasis.INPUT, TimeBasis.INPUT, TimeBasis.INPUT, TimeBasis.RECORD);
        assertThat(c.events.get(0).operation().name()).isEqualTo("get");
        assertThat(c.events.get(0).resources()).extracting(r -> r.id()).containsExactly("existing-csr");
        assertThat(c.events.get(2).operation().name()).isEqualTo("delete");
        assertThat(c.events.get(3).operation().name()).isNull();
    }

    @Test
    void anAuditEventInAFileOfCloudTrailIsReadAsTheAuditEventItIs() {
        GoldenFiles.Collected c = ingest(IngestOptions.defaults(), """
                {"eventVersion":"1.08","eventTime":"2026-03-16T08:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets"}
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"create","objectRef":{"resource":"pods","namespace":"kube-system"},"stageTimestamp":"2026-03-16T08:00:05Z"}
                {"unrelated":true}
                """);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).extracting(Event::source)
                .containsExactly(SourceType.CLOUDTRAIL, SourceType.K8S_AUDIT, SourceType.CLOUDTRAIL);
        assertThat(c.events.get(1).operation().name()).isEqualTo("create");
        assertThat(c.events.get(1).timeBasis()).isEqualTo(TimeBasis.RECORD);
    }

    private static List<Event> falco() {
        return GoldenFiles.read(GoldenFiles.resource("k8saudit/falco-traces.jsonl"), IngestOptions.defaults()).events;
    }

    private static Event byUri(List<Event> events, String part) {
        return events.stream().filter(e -> e.raw().text().contains(part)).findFirst().orElseThrow();
    }

    static GoldenFiles.Collected ingest(String ndjson) {
        return ingest(IngestOptions.defaults(), ndjson);
    }

    static GoldenFiles.Collected ingest(IngestOptions options, String ndjson) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(options).read(Input.bytes("test.jsonl",
                ndjson.getBytes(StandardCharsets.UTF_8), GoldenFiles.REFERENCE_TIME), c);
        return c;
    }
}
