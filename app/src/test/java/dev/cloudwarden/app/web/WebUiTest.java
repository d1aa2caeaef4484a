package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.TargetKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real browser (Debian's chromium, headless) over a real service and DuckDB store holding the
 * alerts and incidents of a simulated estate: sign-in, the queue, an incident's page and its triage, and the
 * access rules (roles, sessions, CSRF) checked over HTTP as well.
 */
class WebUiTest {
    static PlatformStore store;
    static String base;
    static ChromeDriver browser;
    static final Map<Role, String> TOKENS = UiFixture.TOKENS;
    static final HttpClient HTTP = UiFixture.HTTP;

    @BeforeAll
    static void start() {
        UiFixture ui = UiFixture.get();
        store = ui.store();
        base = ui.base();
        browser = ui.browser();
    }

    /** Clicks what submits a form and waits for the page the server answers with (a new document). */
    static void submit(WebDriver driver, By button) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__cwOldPage = true");
        driver.findElement(button).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> "complete".equals(js.executeScript("return window.__cwOldPage === undefined"
                        + " ? document.readyState : 'old'")));
    }

    /** Signs the browser in with the token of {@code role}, from a page that needs a session. */
    static void signIn(WebDriver driver, Role role) {
        driver.manage().deleteAllCookies();
        driver.get(UiFixture.get().base() + "/incidents");
        assertThat(driver.getCurrentUrl()).contains("/login?next=");
        driver.findElement(By.id("token")).sendKeys(TOKENS.get(role));
        submit(driver, By.cssSelector("#signin-token button"));
        assertThat(driver.getCurrentUrl()).isEqualTo(UiFixture.get().base() + "/incidents");
    }

    @Test
    void signingInOpensTheQueueWithTheSimulatedIncidents() {
        signIn(browser, Role.VIEWER);
        assertThat(browser.getTitle()).isEqualTo("Incidents · CloudWarden");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.list tbody tr a"));
        assertThat(rows).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".facets")).getText().toLowerCase(java.util.Locale.ROOT))
                .contains("severity", "status", "technique");
        assertThat(browser.findElements(By.name("ids"))).as("a viewer gets no triage controls").isEmpty();
    }

    @Test
    void theQueueSortsByAColumnHeaderAndKeepsTheOrderAcrossFilters() {
        signIn(browser, Role.VIEWER);
        submit(browser, By.linkText("Score"));
        assertThat(browser.getCurrentUrl()).endsWith("/incidents?sort=score");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=descending]")).getText()).startsWith("Score");
        List<Integer> scores = browser.findElements(By.cssSelector("table.list tbody tr td:nth-child(2)")).stream()
                .map(e -> Integer.parseInt(e.getText())).toList();
        assertThat(scores).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        new Select(browser.findElement(By.name("status"))).selectByValue("new");
        submit(browser, By.cssSelector("form.filters button[type=submit]"));
        assertThat(browser.getCurrentUrl()).contains("sort=score").contains("status=new");
    }

    @Test
    void triageOnAnIncidentsPagePersistsAndIsAudited() {
        signIn(browser, Role.ANALYST);
        submit(browser, By.cssSelector("table.list tbody tr a"));
        String id = browser.getCurrentUrl().substring((base + "/incidents/").length());
        new Select(browser.findElement(By.id("triage-status"))).selectByValue("in_progress");
        WebElement assignee = browser.findElement(By.id("triage-assignee"));
        assignee.clear();
        assignee.sendKeys("dana");
        submit(browser, By.id("triage-save"));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("in_progress");
        assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("dana");
        assertThat(store.auditLog(TargetKind.INCIDENT, id, 10, null).items()).first().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("analyst-token");
            assertThat(a.afterJson()).contains("in_progress").contains("dana");
            assertThat(a.beforeJson()).doesNotContain("dana");
        });
        assertThat(browser.findElement(By.cssSelector(".timeline")).getText()).contains("analyst-token");
    }

    /** Records a posture scan of {@code files} (name, text) into the fixture's store, as {@code posture scan --store} does. */
    static void recordPostureScan(java.nio.file.Path dir, Map<String, String> files) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (var f : files.entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        var checks = dev.cloudwarden.engine.posture.check.BuiltInChecks.all();
        var scan = new dev.cloudwarden.engine.posture.scan.PostureScanner(
                dev.cloudwarden.engine.posture.scan.PostureSources.all(), checks)
                .scan(List.of(dir), dev.cloudwarden.engine.posture.scan.Suppressions.none(true));
        // the shared fixture's store: other classes call this before this class has set its own fields
        UiFixture.get().store().recordPostureScan("ui-test", List.of(dir.toString()), scan,
                checks.stream().map(dev.cloudwarden.engine.posture.check.Check::id).toList());
    }

    @Test
    void postureFindingsShowOnTheirPageAndOnTheIncidentOfTheirBucket() throws Exception {
        // the simulated estate's misconfiguration scenario made this bucket public; its Terraform says so too
        recordPostureScan(UiFixture.get().dir().resolve("iac-ui"), Map.of("exports.tf", """
                resource "aws_s3_bucket" "exports" {
                  bucket = "acme-customer-exports"
                  acl    = "public-read"
                }
                """));
        signIn(browser, Role.VIEWER);
        browser.get(base + "/posture");
        assertThat(browser.getTitle()).isEqualTo("Posture · CloudWarden");
        assertThat(browser.findElement(By.id("scans")).getText()).contains("ui-test", "iac-ui");
        assertThat(browser.findElement(By.cssSelector("table.findings")).getText())
                .contains("CW_TF_AWS_S3_ACL_PUBLIC_READ", "aws_s3_bucket.exports", "bucket:acme-customer-exports");
        assertThat(browser.findElement(By.cssSelector("#by-layer")).getText()).contains("iaas");
        new Select(browser.findElement(By.name("severity"))).selectByValue("critical");
        submit(browser, By.cssSelector("form.filters button[type=submit]"));
        assertThat(browser.getCurrentUrl()).contains("severity=critical");
        assertThat(browser.findElements(By.cssSelector("table.findings .sev"))).allSatisfy(e ->
                assertThat(e.getText()).isEqualTo("critical"));
        browser.get(base + "/posture");
        submit(browser, By.linkText("CW_TF_AWS_S3_ACL_PUBLIC_READ"));
        assertThat(browser.findElements(By.cssSelector("table.findings tbody tr"))).hasSize(1);

        var bucket = dev.cloudwarden.engine.incident.Entity.of(dev.cloudwarden.engine.incident.EntityType.BUCKET,
                "acme-customer-exports");
        var incidents = store.incidents(dev.cloudwarden.app.store.IncidentQuery.all().withEntity(bucket)).items();
        assertThat(incidents).as("the simulated incident on the bucket").isNotEmpty();
        browser.get(base + "/incidents/" + incidents.get(0).id());
        WebElement section = browser.findElement(By.cssSelector("section[aria-labelledby=h-posture]"));
        // the estate's own configuration (AWS Config, scanned when the fixture was made) says the same
        assertThat(section.getText()).contains("Misconfigurations of these entities", "CW_TF_AWS_S3_ACL_PUBLIC_READ",
                "CW_AWS_S3_ACL_PUBLIC_READ", "bucket:acme-customer-exports");
    }

    @Test
    void aResponsesTrailShowsOnTheIncidentAndAResponderApprovesTheStepThatWaits() throws Exception {
        var incidentRow = store.incidents(dev.cloudwarden.app.store.IncidentQuery.all().withLimit(100)).items().stream()
                .filter(i -> store.incident(i.id()).orElseThrow().entities().stream()
                        .anyMatch(e -> e.type() == dev.cloudwarden.engine.incident.EntityType.INSTANCE))
                .findFirst().orElseThrow();
        var incident = dev.cloudwarden.app.respond.IncidentSource.fromStore(store, incidentRow.id()).orElseThrow();
        var estate = new dev.cloudwarden.app.respond.TestActions();
        var actions = estate.actions();
        var playbook = new dev.cloudwarden.app.respond.playbook.PlaybookLoader(actions).load("pb.yml",
                dev.cloudwarden.app.respond.PlaybookLoaderTest.GOOD.replace("    when: incident.severity == \"critical\"\n", "")
                        .replace("  min_severity: high\n", "").replace("  categories: [A3, M2]\n", "")
                        .replace("  techniques: [T1496]\n", "")).playbook();
        var plan = new dev.cloudwarden.app.respond.run.Planner(actions, java.time.Clock.systemUTC()).plan(incident, playbook);
        var runner = new dev.cloudwarden.app.respond.run.ResponseRunner(store, dev.cloudwarden.app.respond.run.Clients.none(),
                "cli:ops", java.time.Clock.systemUTC(), dev.cloudwarden.app.respond.run.ResponseRunner.Pauser.NONE);
        assertThat(runner.execute(plan).stoppedAt().step().id()).isEqualTo("terminate");

        signIn(browser, Role.ANALYST);
        browser.get(base + "/incidents/" + incident.id());
        String trail = browser.findElement(By.id("response-trail")).getText().toLowerCase(java.util.Locale.ROOT);
        assertThat(trail).contains("createsnapshot", "request req-1", "waiting_approval", "cli:ops");
        assertThat(browser.findElement(By.id("response-steps")).getText()).contains("waiting_approval", "test.terminate");
        assertThat(browser.findElements(By.id("approve-terminate"))).as("an analyst cannot approve").isEmpty();

        signIn(browser, Role.RESPONDER);
        browser.get(base + "/incidents/" + incident.id());
        submit(browser, By.id("approve-terminate"));
        assertThat(store.responseApprovals(plan.responseId())).containsExactly("terminate");
        assertThat(browser.findElement(By.id("response-trail")).getText().toLowerCase(java.util.Locale.ROOT))
                .contains("approved", "responder-token");
        assertThat(runner.execute(plan).complete()).isTrue();
    }

    @Test
    void commentsAreKeptAndShown() {
        signIn(browser, Role.ANALYST);
        submit(browser, By.cssSelector("table.list tbody tr a"));
        browser.findElement(By.id("comment-body")).sendKeys("Checked with the owner: not them.");
        submit(browser, By.cssSelector("#comments > form.comment-form button"));
        assertThat(browser.findElement(By.id("comments")).getText()).contains("Checked with the owner: not them.",
                "analyst-token");
    }

    @Test
    void aCommentIsEditedByItsAuthorOnlyAndKeepsItsEarlierText() throws Exception {
        signIn(browser, Role.ANALYST);
        submit(browser, By.cssSelector("table.list tbody tr a"));
        String page = browser.getCurrentUrl();
        browser.findElement(By.id("comment-body")).sendKeys("First take: a scanner.");
        submit(browser, By.cssSelector("#comments > form.comment-form button"));
        WebElement mine = browser.findElements(By.cssSelector("article.comment")).stream()
                .filter(e -> e.getText().contains("First take: a scanner.")).findFirst().orElseThrow();
        String commentId = mine.getAttribute("id").substring("comment-".length());
        mine.findElement(By.tagName("summary")).click();
        WebElement field = mine.findElement(By.tagName("textarea"));
        field.clear();
        field.sendKeys("Second take: the key was stolen.");
        submit(browser, By.cssSelector("#comment-" + commentId + " form button"));
        WebElement edited = browser.findElement(By.id("comment-" + commentId));
        assertThat(edited.getText()).contains("Second take: the key was stolen.", "Edited (1 earlier)");
        assertThat(store.commentHistory(Long.parseLong(commentId))).singleElement()
                .satisfies(e -> assertThat(e.previousBody()).isEqualTo("First take: a scanner."));

        // another analyst sees no edit form, and the form's address refuses them
        signIn(browser, Role.RESPONDER);
        browser.get(page);
        assertThat(browser.findElement(By.id("comment-" + commentId)).findElements(By.tagName("form"))).isEmpty();
        String session = browser.manage().getCookieNamed("cw_session").getValue();
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        String path = page.substring(base.length()) + "/comments/" + commentId;
        assertThat(post(path, session, "_csrf=" + csrf + "&body=rewritten").statusCode()).isEqualTo(403);
    }

    @Test
    void theMatrixShowsEveryTechniqueDetectedAndOpensItsAlerts() throws Exception {
        signIn(browser, Role.VIEWER);
        browser.get(base + "/matrix");
        Map<String, Long> detected = store.techniqueCounts(dev.cloudwarden.app.store.AlertQuery.all());
        assertThat(detected).isNotEmpty();
        List<String> shown = browser.findElements(By.cssSelector(".matrix .cell .tid")).stream().map(WebElement::getText)
                .toList();
        assertThat(shown).containsAll(detected.keySet());
        String technique = detected.keySet().iterator().next();
        int detectedCells = browser.findElements(By.cssSelector(".matrix .cell:not(.h0)")).size();
        submit(browser, By.cssSelector(".matrix a.cell[href^='/alerts?technique=" + technique + "']"));
        assertThat(browser.getCurrentUrl()).contains("/alerts?technique=" + technique);
        assertThat(browser.findElements(By.cssSelector("table.list tbody tr a"))).hasSize(
                (int) Math.min(100, store.alerts(dev.cloudwarden.app.store.AlertQuery.all().withTechnique(technique))
                        .items().size()));

        browser.get(base + "/matrix?view=coverage");
        assertThat(browser.findElements(By.cssSelector(".matrix .cell:not(.h0)"))).as("covered techniques")
                .hasSizeGreaterThan(detectedCells);
        HttpResponse<String> layer = get("/matrix/navigator.json", browser.manage().getCookieNamed("cw_session").getValue());
        assertThat(layer.statusCode()).isEqualTo(200);
        assertThat(dev.cloudwarden.engine.event.Json.MAPPER.readTree(layer.body()).get("techniques")).hasSize(detected.size());
    }

    @Test
    void aHuntRunsAQueryAndIsSavedAndRunAgain() {
        signIn(browser, Role.ANALYST);
        browser.get(base + "/hunt");
        browser.findElement(By.id("hunt-q")).sendKeys("SELECT count(*) AS n FROM alerts WHERE level = 'high'");
        submit(browser, By.id("hunt-run"));
        long high = store.alerts(dev.cloudwarden.app.store.AlertQuery.all().withMinLevel(
                dev.cloudwarden.engine.alert.Level.HIGH).withLimit(1000)).items().stream()
                .filter(a -> a.level() == dev.cloudwarden.engine.alert.Level.HIGH).count();
        assertThat(browser.findElement(By.cssSelector("#hunt-result tbody td")).getText()).isEqualTo(Long.toString(high));
        browser.findElement(By.cssSelector(".hunt-save input[name=name]")).sendKeys("high alerts");
        submit(browser, By.cssSelector(".hunt-save button"));
        assertThat(browser.getCurrentUrl()).endsWith("/hunt?saved=high+alerts");
        assertThat(browser.findElement(By.cssSelector("#hunt-result tbody td")).getText()).isEqualTo(Long.toString(high));
        assertThat(store.hunt("high alerts")).isPresent();

        browser.get(base + "/hunt?q=" + Fmt.url("DELETE FROM alerts"));
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("refused");
    }

    @Test
    void anAdminSwitchesARuleOffWithAReasonAndOnAgain() {
        String rule = store.alerts(dev.cloudwarden.app.store.AlertQuery.all()).items().get(0).ruleId();
        signIn(browser, Role.ANALYST);
        browser.get(base + "/rules?q=" + Fmt.url(rule));
        assertThat(browser.findElements(By.cssSelector("form.switch"))).as("only admins switch rules").isEmpty();
        signIn(browser, Role.ADMIN);
        browser.get(base + "/rules?q=" + Fmt.url(rule));
        browser.findElement(By.cssSelector("form.switch input[name=reason]")).sendKeys("noisy during the migration");
        submit(browser, By.cssSelector("form.switch button"));
        assertThat(browser.findElement(By.cssSelector("table.list tbody")).getText()).contains("off: noisy during the migration");
        assertThat(store.ruleStates()).anySatisfy(r -> {
            assertThat(r.ruleId()).isEqualTo(rule);
            assertThat(r.enabled()).isFalse();
        });
        submit(browser, By.cssSelector("form.switch button"));
        assertThat(store.ruleStates()).anySatisfy(r -> {
            assertThat(r.ruleId()).isEqualTo(rule);
            assertThat(r.enabled()).isTrue();
        });
    }

    @Test
    void theRulesPageShowsEachRulesTestsAndFindsTheFailingOnes() {
        signIn(browser, Role.VIEWER);
        browser.get(base + "/rules?tests=failing");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.list tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("UI canary rule", "1 of 2 fail", "a case written wrong on purpose",
                "expected a match");
        browser.get(base + "/rules?tests=passing&q=kms");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().endsWith("q=kms"));
        assertThat(browser.findElements(By.cssSelector("table.list tbody tr td.tests")))
                .as(browser.findElement(By.tagName("main")).getText()).isNotEmpty()
                .allSatisfy(td -> assertThat(td.getText()).matches("\\d+ pass"));
    }

    @Test
    void intelIsSearchedAsTheMatcherSeesIt() {
        signIn(browser, Role.VIEWER);
        browser.get(base + "/intel");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(UiFixture.INTEL.size() + " indicators matched");
        browser.findElement(By.id("intel-value")).sendKeys("192.0.2.77");
        submit(browser, By.id("intel-search"));
        assertThat(browser.findElement(By.id("intel-results")).getText()).contains("192.0.2.0/24", "test-feed",
                "malware:graboid");
    }

    @Test
    void theIntelPageListsTheFeedsAndTheIndicatorsSightedMost() throws Exception {
        String feed = "<script>window.__xss=40</script>feed";
        store.withConnection("a feed and its sightings, as an import and a scan record them", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("DELETE FROM intel_sightings");
                s.execute("DELETE FROM intel_feeds WHERE name LIKE '%feed'");
                s.execute("INSERT INTO intel_feeds (name, kind, url, last_import_at, last_imported, last_updated, "
                        + "last_unchanged, last_skipped, last_expired, last_problems) VALUES ('" + feed + "', 'misp', "
                        + "'https://misp.example/feeds/1', TIMESTAMP '2026-12-01 10:00:00', 1200, 30, 0, 0, 4, 1)");
                s.execute("INSERT INTO intel_indicators (source, id, type, value, labels, kill_chain_phases, imported_at, "
                        + "updated_at) VALUES ('" + feed + "', 'ind-1', 'domain', 'pool.ui-sighting.example', "
                        + "CAST([] AS VARCHAR[]), CAST([] AS VARCHAR[]), TIMESTAMP '2026-12-01 10:00:00', "
                        + "TIMESTAMP '2026-12-01 10:00:00')");
                s.execute("INSERT INTO intel_sightings VALUES ('" + feed + "', 'ind-1', 17, "
                        + "TIMESTAMP '2026-12-02 08:00:00', TIMESTAMP '2026-12-03 09:30:00')");
            }
            return null;
        });
        signIn(browser, Role.VIEWER);
        browser.get(base + "/intel");
        assertThat(browser.findElement(By.id("intel-feeds")).getText()).contains(feed, "misp", "1200");
        assertThat(browser.findElement(By.id("intel-sightings")).getText()).contains("pool.ui-sighting.example", feed, "17");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void theHealthPageShowsTheServicesState() {
        signIn(browser, Role.VIEWER);
        browser.get(base + "/health");
        assertThat(browser.findElement(By.id("health-status")).getText()).isEqualTo("ok");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("events processed", "queue");
    }

    @Test
    void theReportIsTheCommandsDocumentWithItsOwnStyleAndComesAsAPdfToo() throws Exception {
        signIn(browser, Role.VIEWER);
        browser.findElement(By.cssSelector("nav a[href='/report']")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cloud threat landscape: your own incidents");
        String everything = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
        browser.get(base + "/report?" + everything);
        // the report's inline style applies (the UI's own policy refuses inline style), and it runs nothing
        assertThat(browser.findElement(By.cssSelector("table")).getCssValue("border-collapse")).isEqualTo("collapse");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.id("attack")).getText()).isEqualTo("ATT&CK heat map");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("No incident in this period");

        String session = browser.manage().getCookieNamed("cw_session").getValue();
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/report.pdf?" + everything))
                .header("Cookie", "cw_session=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cloudwarden-report-2100-01-01.pdf\"");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(get("/report?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", session).statusCode()).isEqualTo(400);
        assertThat(get("/report?from=yesterday", session).statusCode()).isEqualTo(400);
        assertThat(get("/report", null).statusCode()).isEqualTo(302);
    }

    @Test
    void withoutASessionAPageSendsTheBrowserToSignIn() throws Exception {
        HttpResponse<String> r = get("/incidents?status=new", null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fincidents%3Fstatus%3Dnew");
        assertThat(post("/incidents/x/triage", null, "status=resolved").statusCode()).isEqualTo(401);
    }

    @Test
    void everyChangeNeedsTheSessionsCsrfTokenAndTheRole() throws Exception {
        signIn(browser, Role.ANALYST);
        String analyst = browser.manage().getCookieNamed("cw_session").getValue();
        String csrf = browser.findElement(By.tagName("body")).getAttribute("data-csrf");
        String id = store.incidents(dev.cloudwarden.app.store.IncidentQuery.all()).items().get(0).id();
        assertThat(post("/incidents/" + id + "/triage", analyst, "status=acknowledged").statusCode()).isEqualTo(403);
        assertThat(post("/incidents/" + id + "/triage", analyst, "status=acknowledged&_csrf=wrong").statusCode())
                .isEqualTo(403);
        assertThat(post("/incidents/" + id + "/triage", analyst, "status=acknowledged&_csrf=" + csrf).statusCode())
                .isEqualTo(303);
        assertThat(send("PATCH", "/api/v1/incidents/" + id, analyst, "{\"status\":\"new\"}", "application/json")
                .statusCode()).as("the API through a session needs it too").isEqualTo(403);

        signIn(browser, Role.VIEWER);
        String viewer = browser.manage().getCookieNamed("cw_session").getValue();
        String viewerCsrf = browser.findElement(By.tagName("body")).getAttribute("data-csrf");
        assertThat(post("/incidents/" + id + "/triage", viewer, "status=resolved&_csrf=" + viewerCsrf).statusCode())
                .isEqualTo(403);
        assertThat(store.incident(id).orElseThrow().incident().triage().status().id()).isEqualTo("acknowledged");

        // signing out ends the session on the server, not only in the browser
        assertThat(post("/logout", viewer, "_csrf=" + viewerCsrf).statusCode()).isEqualTo(303);
        assertThat(get("/incidents", viewer).statusCode()).isEqualTo(302);
    }

    @Test
    void aLocalUserSignsInWithANameAndPassword() {
        if (store.user("dana").isEmpty()) {
            store.addUser("test", "dana", Role.ANALYST, dev.cloudwarden.app.store.Passwords.hash("a passphrase long enough"));
        }
        browser.manage().deleteAllCookies();
        browser.get(base + "/login?next=%2Fincidents%3Fstatus%3Dnew");
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys("a passphrase long enough");
        submit(browser, By.cssSelector("#signin-password button"));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/incidents?status=new");
        assertThat(browser.findElement(By.cssSelector(".user")).getText()).isEqualTo("dana · analyst");
    }

    @Test
    void aWrongTokenIsRefusedAndTheFormSaysSo() {
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("token")).sendKeys("cw_wrong");
        submit(browser, By.cssSelector("#signin-token button"));
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("not known");
        assertThat(browser.manage().getCookieNamed("cw_session")).isNull();
    }

    static HttpResponse<String> get(String path, String session) throws Exception {
        return send("GET", path, session, null, null);
    }

    static HttpResponse<String> post(String path, String session, String form) throws Exception {
        return send("POST", path, session, form, "application/x-www-form-urlencoded");
    }

    static HttpResponse<String> send(String method, String path, String session, String body, String type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Cookie", "cw_session=" + session);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
