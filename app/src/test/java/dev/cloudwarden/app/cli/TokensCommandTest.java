package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokensCommandTest {
    @Test
    void aTokenIsShownOnceKeptAsItsHashListedAndRevoked(@TempDir Path dir) throws Exception {
        String store = dir.resolve("store.duckdb").toString();
        CliRun created = CliRun.of("tokens", "create", "--role", "analyst", "--name", "ci <bot>", "--store", store);
        assertThat(created.exitCode()).as(created.err()).isZero();
        String[] lines = created.out().strip().split("\n");
        String token = lines[lines.length - 1];
        assertThat(token).startsWith(ApiTokens.PREFIX).hasSizeGreaterThan(40);
        assertThat(created.err()).contains("role analyst");
        assertThat(new String(Files.readAllBytes(Path.of(store)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the store keeps the hash, never the token").doesNotContain(token);
        try (PlatformStore s = PlatformStore.open(store)) {
            assertThat(s.authenticate(ApiTokens.hash(token))).hasValueSatisfying(t -> {
                assertThat(t.role()).isEqualTo(Role.ANALYST);
                assertThat(t.name()).isEqualTo("ci <bot>");
            });
        }
        CliRun listed = CliRun.of("tokens", "list", "--store", store);
        assertThat(listed.out()).contains("analyst").contains("ci <bot>").doesNotContain(token);
        String id = listed.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")[0];
        assertThat(CliRun.of("tokens", "revoke", id, "--store", store).exitCode()).isZero();
        try (PlatformStore s = PlatformStore.open(store)) {
            assertThat(s.authenticate(ApiTokens.hash(token))).isEmpty();
        }
        assertThat(CliRun.of("tokens", "create", "--role", "root", "--store", store).exitCode()).isEqualTo(2);
    }
}
