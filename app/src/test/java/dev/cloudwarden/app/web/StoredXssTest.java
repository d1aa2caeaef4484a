package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored XSS: CloudTrail and Kubernetes audit records whose attacker-controlled fields (user agent, user and pod
 * names, request parameters, error messages) hold markup, script URLs, template syntax and bidi overrides go in
 * through the events API; every page that shows them is then opened in chromium, and none of them may run (no
 * dialog, no change a payload makes to the window, the title or the DOM), while the text shows as it was.
 */
class StoredXssTest {
    /** Each payload marks the window or the title if it runs; none may. */
    static final List<String> PAYLOADS = List.of(
            "<script>window.__xss=1;document.title='pwned'</script>",
            "\"><img src=x onerror=\"window.__xss=2\">",
            "'><svg onload=window.__xss=3>",
            "javascript:window.__xss=4",
            "</textarea><script>window.__xss=5</script>",
            "</title><script>window.__xss=6</script>",
            "<a href=\"javascript:window.__xss=7\">click me</a>",
            "{{constructor.constructor('window.__xss=8')()}} ${7*7} @(7*7) <%= 7*7 %> #{7*7}",
            "<style>body{display:none}</style>",
            "<iframe srcdoc=\"<script>parent.__xss=10</script>\"></iframe>",
            "invoice\u202Egnp.exe");
    static final String USER = "evil<script>window.__xss=11</script>\u202Eresu";
    static final String POD = "web\"><img src=x onerror=window.__xss=12>";
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static UiFixture ui;
    static ChromeDriver browser;
    static PlatformStore store;

    @BeforeAll
    static void ingestHostileRecords() throws Exception {
        ui = UiFixture.get();
        browser = ui.browser();
        store = ui.store();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            records.add(cloudTrail(i, PAYLOADS.get(i)));
        }
        records.add(kubernetesExec());
        HttpResponse<String> r = UiFixture.HTTP.send(HttpRequest.newBuilder(URI.create(ui.base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + UiFixture.TOKENS.get(Role.ANALYST))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", records))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (hostileAlerts().size() < PAYLOADS.size() + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(hostileAlerts()).as("alerts on the hostile records").hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * CloudTrail turned off by a user whose every free-text field carries {@code payload}; a user of its own per
     * payload, so each record opens an alert group of its own and shows on the alert's page at once.
     */
    static String cloudTrail(int i, String payload) throws Exception {
        var m = dev.cloudwarden.engine.event.Json.MAPPER;
        var root = m.createObjectNode();
        root.put("eventVersion", "1.08");
        var who = root.putObject("userIdentity");
        who.put("type", "IAMUser");
        who.put("principalId", "AIDAHOSTILE" + i);
        who.put("arn", "arn:aws:iam::111122223333:user/" + USER + i);
        who.put("accountId", "111122223333");
        who.put("userName", USER + i);
        root.put("eventTime", T0.plusSeconds(i * 30L).toString());
        root.put("eventSource", "cloudtrail.amazonaws.com");
        root.put("eventName", "StopLogging");
        root.put("awsRegion", "us-east-1");
        root.put("sourceIPAddress", "198.51.100.66");
        root.put("userAgent", payload);
        root.putObject("requestParameters").put("name", "arn:aws:cloudtrail:us-east-1:111122223333:trail/" + payload);
        root.put("errorMessage", payload);
        root.putNull("responseElements");
        root.put("eventID", UUID.nameUUIDFromBytes(("xss" + i).getBytes()).toString());
        root.put("eventType", "AwsApiCall");
        root.put("recipientAccountId", "111122223333");
        return m.writeValueAsString(root);
    }

    /** A shell opened in a pod with a hostile name, by a user with a hostile name. */
    static String kubernetesExec() throws Exception {
        var m = dev.cloudwarden.engine.event.Json.MAPPER;
        var root = m.createObjectNode();
        root.put("kind", "Event");
        root.put("apiVersion", "audit.k8s.io/v1");
        root.put("level", "Request");
        root.put("auditID", UUID.nameUUIDFromBytes("xss-k8s".getBytes()).toString());
        root.put("stage", "ResponseComplete");
        root.put("requestURI", "/api/v1/namespaces/default/pods/" + POD + "/exec?command=sh&stdin=true&tty=true");
        root.put("verb", "create");
        var user = root.putObject("user");
        user.put("username", USER);
        user.putArray("groups").add("system:authenticated");
        root.putArray("sourceIPs").add("198.51.100.66");
        root.put("userAgent", PAYLOADS.get(0));
        var ref = root.putObject("objectRef");
        ref.put("resource", "pods");
        ref.put("namespace", "default");
        ref.put("name", POD);
        ref.put("subresource", "exec");
        ref.put("apiVersion", "v1");
        root.putObject("responseStatus").put("code", 101);
        root.put("requestReceivedTimestamp", T0.plusSeconds(600).toString());
        root.put("stageTimestamp", T0.plusSeconds(600).toString());
        return m.writeValueAsString(root);
    }

    static List<StoredAlert> hostileAlerts() {
        return store.alerts(AlertQuery.all().withEntity(Entity.of(EntityType.IP, "198.51.100.66"))).items();
    }

    /** Opens {@code path} and checks that nothing a payload carries ran, and that each of {@code texts} shows. */
    static String inert(String path, String... texts) {
        browser.get(ui.base() + path);
        assertThatThrownBy(() -> browser.switchTo().alert()).as(path + ": a dialog").isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.executeScript("return typeof window.__xss")).as(path + ": a payload ran").isEqualTo("undefined");
        assertThat(browser.getTitle()).as(path).doesNotContain("pwned").endsWith("CloudWarden");
        assertThat(browser.findElements(By.cssSelector("[onerror], [onload], [srcdoc], iframe, img[src='x'], style")))
                .as(path + ": elements made by a payload").isEmpty();
        for (WebElement s : browser.findElements(By.tagName("script"))) {
            assertThat(s.getAttribute("src")).as(path + ": a script not our own").endsWith("/static/app.js");
        }
        for (WebElement a : browser.findElements(By.cssSelector("a[href]"))) { // HTML and SVG links: the attribute as written
            String href = a.getDomAttribute("href");
            assertThat(href).as(path + ": a link out of the site").matches("/[^/\\\\].*|/|#.*");
        }
        String text = browser.findElement(By.tagName("body")).getText();
        for (String t : texts) {
            assertThat(text).as(path + ": shows the text as it was").contains(t);
        }
        assertThat(text).as(path + ": a bidi override is shown, not obeyed").doesNotContain("\u202E");
        return text;
    }

    @Test
    void noPageRunsWhatTheLogsCarry() {
        WebUiTest.signIn(browser, Role.ANALYST);
        inert("/alerts?entity=ip:198.51.100.66");
        StringBuilder shown = new StringBuilder();
        int incidents = 0;
        for (StoredAlert a : hostileAlerts()) {
            shown.append(inert("/alerts/" + a.id(), "evil<script>window.__xss=11</script>[U+202E]resu"));
            shown.append('\n');
            for (var i : store.incidents(IncidentQuery.all().withAlert(a.id())).items()) {
                shown.append(inert("/incidents/" + i.id()));
                incidents++;
            }
        }
        // every payload shows somewhere, as text: in the records' JSON (quotes escaped) or as the pod's name
        for (String p : PAYLOADS) {
            assertThat(shown).contains(p.replace("\"", "\\\"").replace("\u202E", "[U+202E]"));
        }
        assertThat(shown).contains(POD.replace("\"", "\\\""));
        assertThat(incidents).as("incidents holding the hostile alerts").isPositive();
        String principal = "principal:arn:aws:iam::111122223333:user/" + USER + 0;
        inert("/incidents?entity=" + Fmt.url(principal));
        inert("/alerts?rule=" + Fmt.url(PAYLOADS.get(1)) + "&entity=" + Fmt.url(principal));
        inert("/incidents/" + Fmt.path(PAYLOADS.get(2)), "no incident " + PAYLOADS.get(2));
        inert("/alerts/" + Fmt.path(POD), "no alert " + POD);
        inert("/intel?q=hostile-feed", "<script>window.__xss=20</script>feed", "<img src=x onerror=window.__xss=21>");
        inert("/intel", "<script>window.__xss=20</script>feed");
        inert("/hunt?q=" + Fmt.url("SELECT '" + PAYLOADS.get(2) + "' AS \"" + PAYLOADS.get(0) + "\""), PAYLOADS.get(2));
        inert("/matrix");
        inert("/rules?q=" + Fmt.url(PAYLOADS.get(1)));
        inert("/health");
    }

    @Test
    void hostileConfigurationIsTextOnThePosturePage() throws Exception {
        // whoever commits configuration names its files, buckets and pods
        String file = "<img src=x onerror=window.__xss=31>.tf";
        WebUiTest.recordPostureScan(ui.dir().resolve("iac-xss"), java.util.Map.of(file, """
                resource "aws_s3_bucket" "hostile" {
                  bucket = "%s"
                  acl    = "public-read"
                }
                """.formatted(PAYLOADS.get(0).replace("\"", "\\\"")), "pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: '%s'
                spec:
                  hostPID: true
                  containers:
                    - name: c
                      image: nginx
                      securityContext: {privileged: true}
                """.formatted(POD.replace("'", "''"))));
        WebUiTest.signIn(browser, Role.VIEWER);
        inert("/posture", file, "bucket:" + PAYLOADS.get(0).toLowerCase(java.util.Locale.ROOT), POD);
        inert("/posture?entity=" + Fmt.url("bucket:" + PAYLOADS.get(0).toLowerCase(java.util.Locale.ROOT)), file);
        inert("/posture?check=" + Fmt.url(PAYLOADS.get(1)));
    }

    @Test
    void hostileCommentsAndAssigneesAreTextToo() {
        WebUiTest.signIn(browser, Role.ANALYST);
        StoredAlert a = hostileAlerts().get(0);
        browser.get(ui.base() + "/alerts/" + a.id());
        browser.findElement(By.id("comment-body")).sendKeys(PAYLOADS.get(1) + " " + PAYLOADS.get(9));
        WebUiTest.submit(browser, By.cssSelector("#comments > form.comment-form button"));
        WebElement assignee = browser.findElement(By.id("triage-assignee"));
        assignee.clear();
        assignee.sendKeys(PAYLOADS.get(2));
        WebUiTest.submit(browser, By.id("triage-save"));
        inert("/alerts/" + a.id(), PAYLOADS.get(1), PAYLOADS.get(2));
    }

    @Test
    void theSignInPageReflectsNothing() {
        browser.manage().deleteAllCookies();
        inert("/login?next=" + Fmt.url("/incidents\"><script>window.__xss=13</script>"));
        inert("/login?next=" + Fmt.url("javascript:window.__xss=14"));
    }
}
