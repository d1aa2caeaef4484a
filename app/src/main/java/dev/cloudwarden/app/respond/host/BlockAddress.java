package dev.cloudwarden.app.respond.host;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.DeclaredAction;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code host.block_address}: the scripts that block an address on a Linux host, both ways, and undo it
 * ({@link FirewallScripts}). CloudWarden holds no shell on the estate's hosts, so it writes the scripts and a person
 * runs them; nothing is run here. The address is checked strictly first ({@link BlockedAddress}).
 *
 * <p>Outputs: {@code address} (canonical), and per firewall asked for {@code block.<firewall>.sh} and
 * {@code undo.<firewall>.sh}; with an {@link EvidenceStore} in the context the scripts are written there too
 * ({@code file/...} outputs say where).
 */
public final class BlockAddress extends DeclaredAction {
    static final String NAME = "host.block_address";
    static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public BlockAddress() {
        super(NAME, "Write (not run) iptables/nftables scripts that block an address both ways on a host, and undo it",
                Effect.CONTAINMENT, Set.of(EntityType.IP),
                Map.of("firewall", "iptables, nftables or both (default both): which scripts to write"));
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        BlockedAddress address = BlockedAddress.parse(target.value());
        return StepPlan.of(call(address, firewalls(params)))
                .withNote("The scripts are written, not run: a person runs them as root on the host");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        BlockedAddress address;
        List<String> firewalls;
        try {
            address = BlockedAddress.parse(target.value());
            firewalls = firewalls(params);
        } catch (IllegalArgumentException e) {
            throw new ActionException(e.getMessage());
        }
        String tag = tag(context);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("address", address.text());
        for (String firewall : firewalls) {
            boolean ipt = firewall.equals("iptables");
            out.put("block." + firewall + ".sh",
                    ipt ? FirewallScripts.iptables(address, tag) : FirewallScripts.nftables(address, tag));
            out.put("undo." + firewall + ".sh",
                    ipt ? FirewallScripts.iptablesUndo(address, tag) : FirewallScripts.nftablesUndo(address, tag));
        }
        var store = context.client(EvidenceStore.class);
        if (store.isPresent()) {
            for (String name : List.copyOf(out.keySet())) {
                if (name.endsWith(".sh")) {
                    out.put("file/" + name, write(store.get(), context, name, out.get(name)));
                }
            }
        }
        context.record(new ExecutedCall(call(address, firewalls), null, true,
                "scripts written for " + String.join(", ", firewalls) + "; not run"));
        return new StepOutcome(out, "scripts to block " + address.text() + " written (" + String.join(", ", firewalls)
                + "); run them on the host");
    }

    private static ApiCall call(BlockedAddress address, List<String> firewalls) {
        return ApiCall.of("host", "script", "address", address.text(), "firewall", String.join(",", firewalls));
    }

    private static String write(EvidenceStore store, ActionContext context, String name, String script)
            throws ActionException {
        try {
            return store.write(context.responseId(), context.stepId(), name, script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ActionException("could not write " + name + ": " + e, null, null, e);
        }
    }

    private static List<String> firewalls(Map<String, String> params) {
        String f = params.getOrDefault("firewall", "both");
        return switch (f) {
            case "both" -> List.of("iptables", "nftables");
            case "iptables", "nftables" -> List.of(f);
            default -> throw new IllegalArgumentException("firewall must be iptables, nftables or both: " + f);
        };
    }

    /**
     * The rules' comment, naming the incident. Incident ids are hex; anything else is replaced by a digest of it, so
     * the comment is never a way into the script either.
     */
    static String tag(ActionContext context) {
        String id = context.incident().id();
        if (!PLAIN_ID.matcher(id).matches()) {
            id = HexFormat.of().formatHex(Digests.sha256(id.getBytes(StandardCharsets.UTF_8)), 0, 16);
        }
        return "cloudwarden incident " + id;
    }
}
