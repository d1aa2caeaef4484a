package dev.cloudwarden.app.respond.host;

import java.util.List;

/**
 * Shell scripts that block one address on a Linux host in both directions, and undo it: one for iptables (ip6tables
 * for IPv6), one for nftables. Generated here, never run: a person reads and runs them as root on the host.
 *
 * <p><b>Safe to run twice.</b> iptables: each rule is checked ({@code -C}) before it is inserted ({@code -I}), and the
 * undo deletes while the rule is there. nftables: everything lives in a table {@code inet cloudwarden} of its own,
 * with sets {@code blocked4}/{@code blocked6} of blocked addresses; the chains are flushed and written anew in the same
 * atomic {@code nft -f} transaction, so they hold their rules once, and adding an address already in a set changes
 * nothing. The undo removes the address from the set and leaves the table for the other blocks.
 *
 * <p>Both directions on the host and through it: INPUT from, OUTPUT to, and FORWARD both ways (the traffic of the
 * containers and VMs it routes). Hooks at priority -10, before the usual filter chains, so an accept elsewhere does not
 * let it through.
 */
final class FirewallScripts {
    private static final List<String[]> IPTABLES_RULES = List.of(
            new String[]{"INPUT", "-s"}, new String[]{"OUTPUT", "-d"},
            new String[]{"FORWARD", "-s"}, new String[]{"FORWARD", "-d"});

    private FirewallScripts() {
    }

    static String iptables(BlockedAddress address, String tag) {
        StringBuilder b = header(address, tag, "iptables",
                "each rule is checked (-C) before it is inserted (-I), so running it again adds nothing");
        for (String[] rule : IPTABLES_RULES) {
            String r = rule(address, tag, rule);
            b.append(tool(address)).append(" -C ").append(r).append(" 2>/dev/null || ")
                    .append(tool(address)).append(" -I ").append(r).append('\n');
        }
        return b.toString();
    }

    static String iptablesUndo(BlockedAddress address, String tag) {
        StringBuilder b = header(address, tag, "iptables (undo)", "deletes each rule for as long as it is there");
        for (String[] rule : IPTABLES_RULES) {
            String r = rule(address, tag, rule);
            b.append("while ").append(tool(address)).append(" -C ").append(r).append(" 2>/dev/null; do ")
                    .append(tool(address)).append(" -D ").append(r).append("; done\n");
        }
        return b.toString();
    }

    /** The nftables ruleset that {@link #nftables} feeds to {@code nft -f} (kept apart so it can be syntax-checked). */
    static String nftRuleset(BlockedAddress address, String tag) {
        return """
                table inet cloudwarden {
                \tset blocked4 { type ipv4_addr; flags interval; }
                \tset blocked6 { type ipv6_addr; flags interval; }
                \tchain input { type filter hook input priority -10; policy accept; }
                \tchain output { type filter hook output priority -10; policy accept; }
                \tchain forward { type filter hook forward priority -10; policy accept; }
                }
                flush chain inet cloudwarden input
                flush chain inet cloudwarden output
                flush chain inet cloudwarden forward
                table inet cloudwarden {
                \tchain input { ip saddr @blocked4 drop; ip6 saddr @blocked6 drop; }
                \tchain output { ip daddr @blocked4 drop; ip6 daddr @blocked6 drop; }
                \tchain forward { ip saddr @blocked4 drop; ip6 saddr @blocked6 drop; \
                ip daddr @blocked4 drop; ip6 daddr @blocked6 drop; }
                }
                """ + "add element inet cloudwarden " + set(address) + " { " + address.text()
                + " comment \"" + tag + "\" }\n";
    }

    static String nftables(BlockedAddress address, String tag) {
        return header(address, tag, "nftables", "table inet cloudwarden is made once, its chains are written anew "
                + "and the address is added to a set, all in one transaction, so running it again changes nothing")
                .append("nft -f - <<'CLOUDWARDEN'\n").append(nftRuleset(address, tag)).append("CLOUDWARDEN\n")
                .toString();
    }

    static String nftablesUndo(BlockedAddress address, String tag) {
        String element = "inet cloudwarden " + set(address) + " '{ " + address.text() + " }'";
        return header(address, tag, "nftables (undo)", "removes the address from the set if it is there; the "
                + "table stays for other blocks")
                .append("if nft get element ").append(element).append(" >/dev/null 2>&1; then\n")
                .append("\tnft delete element ").append(element).append('\n')
                .append("fi\n").toString();
    }

    private static StringBuilder header(BlockedAddress address, String tag, String kind, String idempotence) {
        return new StringBuilder("#!/bin/sh\n")
                .append("# CloudWarden, ").append(kind).append(": block ").append(address.text())
                .append(" in both directions (").append(tag).append(").\n")
                .append("# Generated, not run: read it, then run it as root on the host.\n")
                .append("# Safe to run again: ").append(idempotence).append(".\n")
                .append("set -eu\n");
    }

    private static String rule(BlockedAddress address, String tag, String[] rule) {
        return rule[0] + " " + rule[1] + " " + address.text() + " -m comment --comment \"" + tag + "\" -j DROP";
    }

    private static String tool(BlockedAddress address) {
        return address.ipv6() ? "ip6tables" : "iptables";
    }

    private static String set(BlockedAddress address) {
        return address.ipv6() ? "blocked6" : "blocked4";
    }
}
