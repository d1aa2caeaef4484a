package dev.cloudwarden.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeConfigFileTest {
    @Test
    void noFileAndNoEnvironmentIsTheSimpleCase() throws Exception {
        ServeConfig c = ServeConfigFile.load(null, Map.of());
        assertThat(c.server().bind()).isEqualTo("127.0.0.1");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.detection().allowedLateness()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.hunting().retain()).isEqualTo(Duration.ofDays(90));
        assertThat(c.inputs().watch()).isEmpty();
    }

    @Test
    void aFileSetsNestedKeysAndTheEnvironmentOverridesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudwarden.yml");
        Files.writeString(file, """
                server:
                  port: 9000
                  queue_events: 5000
                store: /var/lib/cloudwarden/store.duckdb
                inputs:
                  watch: [/var/log/auth.log, /data/cloudtrail]
                  poll_interval: 2s
                  s3:
                    - bucket: trail-bucket
                      prefix: AWSLogs/
                      region: eu-west-1
                    - queue_url: https://sqs.eu-west-1.amazonaws.com/111122223333/trail-deliveries
                      prefix: AWSLogs/
                detection:
                  allowed_lateness: PT10M
                  idle_after: 30s
                hunting:
                  retain: 30d
                """);
        ServeConfig c = ServeConfigFile.load(file, Map.of(
                "CLOUDWARDEN_SERVER__PORT", "9443",
                "CLOUDWARDEN_INPUTS__WATCH", "/a, /b",
                "CLOUDWARDEN_JAVA_OPTS", "-Xmx1g", // the launcher's, not a setting: left alone
                "HOME", "/root"));
        assertThat(c.server().port()).isEqualTo(9443);
        assertThat(c.server().queueEvents()).isEqualTo(5000);
        assertThat(c.store()).isEqualTo("/var/lib/cloudwarden/store.duckdb");
        assertThat(c.inputs().watch()).containsExactly("/a", "/b");
        assertThat(c.inputs().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.inputs().s3()).hasSize(2).first().satisfies(s -> {
            assertThat(s.bucket()).isEqualTo("trail-bucket");
            assertThat(s.region()).isEqualTo("eu-west-1");
            assertThat(s.queueUrl()).isNull();
        });
        assertThat(c.inputs().s3().get(1)).isEqualTo(new ServeConfig.S3(null, "AWSLogs/", null, null,
                "https://sqs.eu-west-1.amazonaws.com/111122223333/trail-deliveries"));
        assertThat(c.detection().allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.detection().idleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.hunting().retain()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aTypoIsAnErrorNamingTheFileLineAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudwarden.yml");
        Files.writeString(file, "server:\n  port: 9000\n  bnid: 0.0.0.0\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of()))
                .isInstanceOf(ServeConfigFile.ConfigException.class)
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining("unknown setting 'bnid'").hasMessageContaining("known here: bind, port");
    }

    @Test
    void aBadTimeOrPortIsAnErrorSayingWhatIsExpected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudwarden.yml");
        Files.writeString(file, "detection:\n  idle_after: soon\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of()))
                .hasMessageStartingWith(file + ":2: ").hasMessageContaining("'soon' is not a time");
        Files.writeString(file, "server:\n  port: 70000\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of()))
                .hasMessageContaining("server.port must be 0-65535");
        assertThatThrownBy(() -> ServeConfigFile.load(null, Map.of("CLOUDWARDEN_SERVER__PORT", "http")))
                .hasMessageStartingWith("environment CLOUDWARDEN_SERVER__PORT: ");
    }

    @Test
    void brokenYamlNamesItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudwarden.yml");
        Files.writeString(file, "server:\n  port: [9000\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of())).hasMessageStartingWith(file + ":");
        Files.writeString(file, "- just\n- a list\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of())).hasMessageContaining("expected a mapping");
    }

    @Test
    void environmentListsAndUnknownNames() throws Exception {
        ServeConfig c = ServeConfigFile.load(null, Map.of("CLOUDWARDEN_RULES", "/r1,/r2", "CLOUDWARDEN_NOPE__X", "1",
                "CLOUDWARDEN_STORE", "postgresql://cw@localhost/cw"));
        assertThat(c.rules()).isEqualTo(List.of("/r1", "/r2"));
        assertThat(c.store()).isEqualTo("postgresql://cw@localhost/cw");
    }

    @Test
    void tokensAreKeptAsHashesWhetherGivenByHashOrByVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudwarden.yml");
        String shipperHash = dev.cloudwarden.app.store.ApiTokens.hash("cw_shipper");
        Files.writeString(file, """
                tokens:
                  - name: shipper
                    role: analyst
                    sha256: %s
                  - name: grafana
                    role: viewer
                    env: GRAFANA_TOKEN
                """.formatted(shipperHash.toUpperCase(java.util.Locale.ROOT)));
        ServeConfig c = ServeConfigFile.load(file, Map.of("GRAFANA_TOKEN", "cw_grafana\n"));
        assertThat(c.tokens()).extracting(ServeConfig.Token::name, ServeConfig.Token::role, ServeConfig.Token::sha256,
                ServeConfig.Token::env).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shipper", "analyst", shipperHash, null),
                org.assertj.core.groups.Tuple.tuple("grafana", "viewer",
                        dev.cloudwarden.app.store.ApiTokens.hash("cw_grafana"), null));
        ConfigTokens lookup = new ConfigTokens(c.tokens(), token -> java.util.Optional.empty());
        assertThat(lookup.byToken("cw_grafana")).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo("config:grafana");
            assertThat(caller.role()).isEqualTo(dev.cloudwarden.app.store.Role.VIEWER);
        });
        assertThat(lookup.byToken("cw_shipper")).map(Caller::name).hasValue("config:shipper");
        assertThat(lookup.byToken("cw_other")).isEmpty();

        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of())).hasMessageContaining("tokens.grafana.env")
                .hasMessageContaining("GRAFANA_TOKEN is not set");
        Files.writeString(file, "tokens:\n  - {name: x, role: root, sha256: %s}\n".formatted(shipperHash));
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of())).hasMessageStartingWith(file + ":")
                .hasMessageContaining("tokens.x.role must be viewer, analyst, responder or admin");
        Files.writeString(file, "tokens:\n  - {name: x, role: admin, sha256: abc}\n");
        assertThatThrownBy(() -> ServeConfigFile.load(file, Map.of())).hasMessageContaining("64 hex digits");
    }
}
