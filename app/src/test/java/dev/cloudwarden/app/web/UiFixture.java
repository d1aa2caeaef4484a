package dev.cloudwarden.app.web;

import dev.cloudwarden.app.cli.CloudWardenCli;
import dev.cloudwarden.app.server.ServeConfig;
import dev.cloudwarden.app.server.Service;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service and one browser for every UI test class of a run (starting chromium and a service for each class would
 * cost more than the tests): a DuckDB store holding the alerts, incidents and posture findings of a simulated estate, a token per
 * role, and chromium. Stopped when the test JVM exits.
 */
record UiFixture(Path dir, PlatformStore store, Service service, String base, ChromeDriver browser) {
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static UiFixture shared;
    /** The shipped starter lists, and a feed whose names and labels are hostile (feeds are untrusted input too). */
    static final List<Indicator> INTEL = intel();

    private static List<Indicator> intel() {
        List<Indicator> all = new java.util.ArrayList<>(StarterIntel.indicators());
        all.add(Indicator.of(IocType.DOMAIN, "pool.hostile-feed.example", "<script>window.__xss=20</script>feed",
                List.of("<img src=x onerror=window.__xss=21>", "cryptomining")));
        all.add(Indicator.of(IocType.ADDRESS, "192.0.2.0/24", "test-feed", List.of("malware:graboid")));
        return List.copyOf(all);
    }

    static synchronized UiFixture get() {
        if (shared == null) {
            ChromeDriver browser = Browser.start(); // first: without a browser the tests are skipped before any work
            try {
                shared = start(browser);
            } catch (IOException | RuntimeException e) {
                browser.quit();
                throw new IllegalStateException("cannot start the service for the UI tests", e);
            }
            UiFixture f = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                f.browser().quit();
                f.service().close();
            }));
        }
        return shared;
    }

    private static UiFixture start(ChromeDriver browser) throws IOException {
        Path dir = Files.createTempDirectory("cloudwarden-ui");
        String location = dir.resolve("store.duckdb").toString();
        cli("simulate", "--out", dir.resolve("sim").toString(), "--events", "3000", "--seed", "5");
        cli("scan", "--no-intel", "--format", "json", "--store", location, dir.resolve("sim/logs").toString());
        cli("posture", "scan", "--format", "json", "--store", location, dir.resolve("sim/config").toString());
        PlatformStore store = PlatformStore.open(location);
        for (Role r : Role.values()) {
            String token = ApiTokens.newToken();
            store.createToken("test", r.id() + "-token", r, ApiTokens.hash(token));
            TOKENS.put(r, token);
        }
        Path ruleDir = canaryRule(dir);
        List<dev.cloudwarden.engine.sigma.load.RuleFile> ruleFiles = new java.util.ArrayList<>(RuleFiles.builtIn());
        ruleFiles.addAll(RuleFiles.fromPaths(List.of(ruleDir)));
        RuleSet rules = RuleSet.compile(ruleFiles, SigmaConfig.defaults(), RuleTuning.builtIn());
        ServeConfig config = new ServeConfig(new ServeConfig.Server("127.0.0.1", 0, null, 4L * 1024 * 1024, 10_000),
                null, new ServeConfig.Inputs(List.of(), Duration.ofSeconds(1), null),
                new ServeConfig.Detection(1, Duration.ofSeconds(1), Duration.ofMillis(200)), List.of(ruleDir.toString()),
                null, new ServeConfig.Hunting(dir.resolve("events").toString(), null));
        Service service = Service.start(config, RunConfig.of(rules).withIncidents(RunConfig.Incidents.defaults())
                .withIntel(IntelIndex.of(INTEL)), INTEL, store);
        return new UiFixture(dir, store, service, "http://127.0.0.1:" + service.port(), browser);
    }

    /**
     * A rule of the user's (one call name nothing else makes) with a test file beside it: one case that passes and
     * one that fails, so the rules page has a failing rule to show.
     */
    private static Path canaryRule(Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("ui_canary.yml"), """
                title: UI canary rule
                id: 4b7c0d1e-2f3a-4b5c-8d6e-7f8091a2b3c4
                status: test
                logsource:
                  product: aws
                  service: cloudtrail
                detection:
                  selection:
                    eventName: CloudWardenUiCanaryCall
                  condition: selection
                level: low
                """);
        Files.writeString(rules.resolve("ui_canary.tests.yml"), """
                tests:
                  - name: "the canary call"
                    match: true
                    event: {"eventSource": "iam.amazonaws.com", "eventName": "CloudWardenUiCanaryCall"}
                  - name: "a case written wrong on purpose"
                    match: true
                    event: {"eventSource": "iam.amazonaws.com", "eventName": "ListUsers"}
                """);
        return rules;
    }

    private static void cli(String... args) {
        StringWriter err = new StringWriter();
        var cli = CloudWardenCli.commandLine(new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(err.toString()).isIn(0, 1);
    }
}
