package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.TestStores;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudwarden.app.server.ServiceTest.JSON;
import static dev.cloudwarden.app.server.ServiceTest.failedLogin;
import static dev.cloudwarden.app.server.ServiceTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL store that stops taking writes while the service runs (its alerts table renamed away from under it):
 * the service keeps what it detected, says it is unhealthy and why, and writes everything once the store is back.
 */
class ServiceStoreFaultTest {
    @TempDir
    Path dir;

    private String base;
    private String token;

    @Test
    void aStoreThatStopsTakingWritesMakesTheServiceUnhealthyAndLosesNothing() throws Exception {
        String location = TestStores.newPostgresSchema("fault");
        String schema = location.substring(location.indexOf("currentSchema=") + "currentSchema=".length());
        try (PlatformStore store = PlatformStore.open(location)) {
            token = "cw_fault_" + System.nanoTime();
            store.createToken("test", "analyst", Role.ANALYST, ApiTokens.hash(token));
            RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
            ServeConfig config = new ServeConfig(new ServeConfig.Server("127.0.0.1", 0, null, 1024L * 1024, 1000), null,
                    new ServeConfig.Inputs(List.of(), Duration.ofSeconds(1), null),
                    new ServeConfig.Detection(1, Duration.ofSeconds(1), Duration.ofMillis(200)), null, null,
                    new ServeConfig.Hunting(dir.resolve("events").toString(), null));
            Service service = Service.start(config, RunConfig.of(rules).withIncidents(RunConfig.Incidents.defaults()),
                    List.of(), store);
            try {
                base = "http://127.0.0.1:" + service.port();
                assertThat(post(burst(0, "before", "203.0.113.81"))).isEqualTo(202);
                await("an alert before the fault", () -> hasAlerts("203.0.113.81"));

                sql(TestStores.postgresUrl(), "ALTER TABLE " + schema + ".alerts RENAME TO alerts_away");
                assertThat(post(burst(10_000, "during", "203.0.113.82"))).isEqualTo(202);
                await("the service unhealthy", () -> {
                    HttpResponse<String> h = get("/api/v1/health");
                    return h.statusCode() == 503 && JSON.readTree(h.body()).get("problem").asText().startsWith("store: ");
                });

                sql(TestStores.postgresUrl(), "ALTER TABLE " + schema + ".alerts_away RENAME TO alerts");
                await("the alerts of the events that came during the fault", () -> hasAlerts("203.0.113.82"));
                await("the service healthy again", () -> get("/api/v1/health").statusCode() == 200);
                assertThat(get("/metrics").body()).containsPattern("cloudwarden_store_write_failures_total [1-9]");
            } finally {
                service.close();
            }
        } finally {
            TestStores.dropPostgresSchema(location);
        }
    }

    private static List<String> burst(long from, String user, String ip) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(failedLogin(from + i * 10L, user, ip));
        }
        return records;
    }

    private boolean hasAlerts(String ip) throws Exception {
        HttpResponse<String> r = get("/api/v1/alerts?entity=ip:" + ip);
        return r.statusCode() == 200 && !JSON.readTree(r.body()).get("items").isEmpty();
    }

    private int post(List<String> records) throws Exception {
        return ServiceTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(lines(records)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return ServiceTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
