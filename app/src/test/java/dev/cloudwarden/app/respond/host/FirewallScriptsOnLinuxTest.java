package dev.cloudwarden.app.respond.host;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated scripts run for real, twice, then undone, but only inside a network namespace of their own
 * ({@code unshare --net}): never against this machine's firewall. Skipped, saying why, where {@code unshare},
 * {@code nft} or {@code iptables} is missing or a namespace cannot be made (not root).
 */
class FirewallScriptsOnLinuxTest {
    private static final String TAG = "cloudwarden incident 0123abcd";

    @Test
    void nftablesScriptBlocksOnceAndUndoes(@TempDir Path dir) throws Exception {
        requireSandbox("nft");
        BlockedAddress v4 = BlockedAddress.parse("203.0.113.7");
        BlockedAddress v6 = BlockedAddress.parse("2001:db8::/48");
        Path ruleset = write(dir, "ruleset.nft", FirewallScripts.nftRuleset(v4, TAG));
        String script = "nft -c -f " + ruleset + "\n"
                + FirewallScripts.nftables(v4, TAG) + FirewallScripts.nftables(v4, TAG)
                + FirewallScripts.nftables(v6, TAG)
                + "nft list ruleset > " + dir.resolve("blocked.txt") + "\n"
                + FirewallScripts.nftablesUndo(v4, TAG) + FirewallScripts.nftablesUndo(v4, TAG)
                + "nft list ruleset > " + dir.resolve("undone.txt") + "\n";

        assertThat(runIsolated(write(dir, "all.sh", script))).isZero();

        String blocked = Files.readString(dir.resolve("blocked.txt"));
        // once in input and once in forward, however often the script ran
        assertThat(blocked.split("ip saddr @blocked4 drop", -1)).hasSize(3);
        assertThat(blocked).containsOnlyOnce("203.0.113.7")
                .contains("2001:db8::/48").contains("comment \"" + TAG + "\"");
        String undone = Files.readString(dir.resolve("undone.txt"));
        assertThat(undone).doesNotContain("203.0.113.7").contains("2001:db8::/48");
    }

    @Test
    void iptablesScriptBlocksOnceAndUndoes(@TempDir Path dir) throws Exception {
        requireSandbox("iptables");
        BlockedAddress v4 = BlockedAddress.parse("198.51.100.0/24");
        String script = FirewallScripts.iptables(v4, TAG) + FirewallScripts.iptables(v4, TAG)
                + "iptables -S > " + dir.resolve("blocked.txt") + "\n"
                + FirewallScripts.iptablesUndo(v4, TAG) + "iptables -S > " + dir.resolve("undone.txt") + "\n";

        assertThat(runIsolated(write(dir, "all.sh", script))).isZero();

        List<String> rules = Files.readAllLines(dir.resolve("blocked.txt")).stream()
                .filter(l -> l.contains("198.51.100.0/24")).toList();
        assertThat(rules).hasSize(4);
        assertThat(Files.readString(dir.resolve("undone.txt"))).doesNotContain("198.51.100.0/24");
    }

    private static void requireSandbox(String tool) throws Exception {
        Assumptions.assumeTrue(onPath("unshare") && onPath(tool),
                "skipped: unshare or " + tool + " is not installed, so the script is not run (golden text only)");
        Assumptions.assumeTrue(run(List.of("unshare", "--net", "true")) == 0,
                "skipped: cannot make a network namespace here (needs root); never run against the real firewall");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static int runIsolated(Path script) throws Exception {
        return run(List.of("unshare", "--net", "sh", "-eu", script.toString()));
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed:\n" + output);
        }
        return p.exitValue();
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
