package dev.cloudwarden.app.respond.host;

import dev.cloudwarden.app.respond.FakeActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.evidence.EvidenceFolder;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockAddressTest {
    private final BlockAddress action = new BlockAddress();
    private final FakeActionContext context = FakeActionContext.of("resp-1");
    private final String tag = "cloudwarden incident " + context.incident().id();

    private static Entity ip(String value) {
        return Entity.of(EntityType.IP, value);
    }

    @Test
    void iptablesScriptIsExactlyThis() throws Exception {
        StepOutcome out = action.execute(ip("203.0.113.7"), Map.of("firewall", "iptables"), context);

        String c = "-m comment --comment \"" + tag + "\" -j DROP";
        assertThat(out.outputs().get("block.iptables.sh")).isEqualTo("#!/bin/sh\n"
                + "# CloudWarden, iptables: block 203.0.113.7 in both directions (" + tag + ").\n"
                + "# Generated, not run: read it, then run it as root on the host.\n"
                + "# Safe to run again: each rule is checked (-C) before it is inserted (-I), so running it again "
                + "adds nothing.\n"
                + "set -eu\n"
                + "iptables -C INPUT -s 203.0.113.7 " + c + " 2>/dev/null || iptables -I INPUT -s 203.0.113.7 " + c
                + "\n"
                + "iptables -C OUTPUT -d 203.0.113.7 " + c + " 2>/dev/null || iptables -I OUTPUT -d 203.0.113.7 " + c
                + "\n"
                + "iptables -C FORWARD -s 203.0.113.7 " + c + " 2>/dev/null || iptables -I FORWARD -s 203.0.113.7 "
                + c + "\n"
                + "iptables -C FORWARD -d 203.0.113.7 " + c + " 2>/dev/null || iptables -I FORWARD -d 203.0.113.7 "
                + c + "\n");
        assertThat(out.outputs().get("undo.iptables.sh")).endsWith(
                "while iptables -C FORWARD -d 203.0.113.7 " + c + " 2>/dev/null; do iptables -D FORWARD -d "
                        + "203.0.113.7 " + c + "; done\n");
        assertThat(out.outputs()).doesNotContainKey("block.nftables.sh");
    }

    @Test
    void nftablesScriptIsExactlyThis() throws Exception {
        StepOutcome out = action.execute(ip("203.0.113.7"), Map.of("firewall", "nftables"), context);

        assertThat(out.outputs().get("block.nftables.sh")).isEqualTo("#!/bin/sh\n"
                + "# CloudWarden, nftables: block 203.0.113.7 in both directions (" + tag + ").\n"
                + "# Generated, not run: read it, then run it as root on the host.\n"
                + "# Safe to run again: table inet cloudwarden is made once, its chains are written anew and the "
                + "address is added to a set, all in one transaction, so running it again changes nothing.\n"
                + "set -eu\n"
                + "nft -f - <<'CLOUDWARDEN'\n"
                + "table inet cloudwarden {\n"
                + "\tset blocked4 { type ipv4_addr; flags interval; }\n"
                + "\tset blocked6 { type ipv6_addr; flags interval; }\n"
                + "\tchain input { type filter hook input priority -10; policy accept; }\n"
                + "\tchain output { type filter hook output priority -10; policy accept; }\n"
                + "\tchain forward { type filter hook forward priority -10; policy accept; }\n"
                + "}\n"
                + "flush chain inet cloudwarden input\n"
                + "flush chain inet cloudwarden output\n"
                + "flush chain inet cloudwarden forward\n"
                + "table inet cloudwarden {\n"
                + "\tchain input { ip saddr @blocked4 drop; ip6 saddr @blocked6 drop; }\n"
                + "\tchain output { ip daddr @blocked4 drop; ip6 daddr @blocked6 drop; }\n"
                + "\tchain forward { ip saddr @blocked4 drop; ip6 saddr @blocked6 drop; ip daddr @blocked4 drop; "
                + "ip6 daddr @blocked6 drop; }\n"
                + "}\n"
                + "add element inet cloudwarden blocked4 { 203.0.113.7 comment \"" + tag + "\" }\n"
                + "CLOUDWARDEN\n");
        assertThat(out.outputs().get("undo.nftables.sh")).endsWith(
                "if nft get element inet cloudwarden blocked4 '{ 203.0.113.7 }' >/dev/null 2>&1; then\n"
                        + "\tnft delete element inet cloudwarden blocked4 '{ 203.0.113.7 }'\n"
                        + "fi\n");
    }

    @Test
    void ipv6UsesIp6tablesAndTheIpv6Set() throws Exception {
        StepOutcome out = action.execute(ip("2001:DB8:0:0::1"), Map.of(), context);

        assertThat(out.outputs()).containsEntry("address", "2001:db8::1");
        assertThat(out.outputs().get("block.iptables.sh")).contains("ip6tables -I INPUT -s 2001:db8::1 ")
                .doesNotContain("\niptables");
        assertThat(out.outputs().get("block.nftables.sh"))
                .contains("add element inet cloudwarden blocked6 { 2001:db8::1 comment");
    }

    @ParameterizedTest
    @CsvSource({"198.51.100.77/24, 198.51.100.0/24", "::ffff:203.0.113.7, 203.0.113.7",
            "2001:db8:aa::5/48, 2001:db8:aa::/48", "10.0.0.1, 10.0.0.1"})
    void addressesAreWrittenInCanonicalForm(String input, String canonical) {
        assertThat(BlockedAddress.parse(input).text()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4; rm -rf /", "$(id)", "`id`", "1.2.3.4\nrm -rf /", "1.2.3.4 -j ACCEPT",
            "1.2.3.4\" ; reboot ; \"", "1.2.*.*", "1.2.3.0-255", "example.com", "", "0.0.0.0/0", "::/0", "10.0.0.0/7",
            "127.0.0.1", "::1", "0.0.0.0", "224.0.0.1", "1.2.3.4/33", "1.2.3", "'1.2.3.4'", "010.0.0.1", "0x7f.1.1.1", "16909060"})
    void hostileOrUselessAddressesAreRefused(String input) {
        FakeActionContext ctx = FakeActionContext.of("resp-1");
        assertThatThrownBy(() -> action.execute(ip(input), Map.of(), ctx)).isInstanceOf(ActionException.class);
        assertThatThrownBy(() -> action.plan(ip(input), Map.of(), ctx)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ctx.calls()).isEmpty();
    }

    @Test
    void aRefusalShowsNoControlCharacters() {
        assertThatThrownBy(() -> BlockedAddress.parse("1.2.3.4\nrm"))
                .hasMessage("not an IP address or CIDR: \"1.2.3.4?rm\"");
    }

    @Test
    void executeRecordsOneHostScriptCallAndWritesTheFiles(@TempDir Path dir) throws Exception {
        FakeActionContext ctx = FakeActionContext.of("resp-1").atStep("block")
                .with(EvidenceStore.class, new EvidenceFolder(dir));

        StepOutcome out = action.execute(ip("203.0.113.7"), Map.of(), ctx);

        assertThat(ctx.calls()).singleElement().satisfies(c -> {
            assertThat(c.call().service()).isEqualTo("host");
            assertThat(c.call().operation()).isEqualTo("script");
            assertThat(c.call().parameters()).containsEntry("address", "203.0.113.7")
                    .containsEntry("firewall", "iptables,nftables");
            assertThat(c.result()).contains("not run");
        });
        Path file = dir.resolve("resp-1").resolve("block").resolve("block.nftables.sh");
        assertThat(out.outputs()).containsEntry("file/block.nftables.sh", file.toString());
        assertThat(Files.readString(file)).isEqualTo(out.outputs().get("block.nftables.sh"));
        assertThat(action.plan(ip("203.0.113.7"), Map.of(), ctx).calls()).hasSize(1);
        assertThatThrownBy(() -> action.execute(ip("203.0.113.7"), Map.of("firewall", "pf"), ctx))
                .isInstanceOf(ActionException.class);
    }
}
