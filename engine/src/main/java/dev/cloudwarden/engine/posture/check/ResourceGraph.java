package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scanned resources and the references between them, for graph checks: a public access block beside its bucket,
 * a security group on an instance, a role trusted by another account. A reference resolves within its scope: a
 * Terraform module's folder, or the one template (CloudFormation, ARM) or manifest file, by the resource's id or name.
 * Also keeps each resource's CEL input, built once however many checks read it.
 */
public final class ResourceGraph {
    private record Key(Framework framework, String scope, String address) {
    }

    private final List<ConfigResource> resources;
    private final Map<Key, ConfigResource> byAddress = new HashMap<>();
    private final Map<ConfigResource, List<ConfigResource>> references = new IdentityHashMap<>();
    private final Map<ConfigResource, List<ConfigResource>> referrers = new IdentityHashMap<>();
    private final Map<ConfigResource, CelInput> inputs = new IdentityHashMap<>();

    public ResourceGraph(List<ConfigResource> resources) {
        this.resources = List.copyOf(resources);
        for (ConfigResource r : this.resources) {
            byAddress.putIfAbsent(new Key(r.framework(), scope(r), r.id()), r);
            byAddress.putIfAbsent(new Key(r.framework(), scope(r), r.name()), r);
            byAddress.putIfAbsent(new Key(r.framework(), scope(r), r.type() + "." + r.name()), r);
        }
        for (ConfigResource r : this.resources) {
            Set<ConfigResource> targets = new LinkedHashSet<>();
            for (String address : r.references()) {
                ConfigResource target = byAddress.get(new Key(r.framework(), scope(r), address));
                if (target != null && target != r) {
                    targets.add(target);
                }
            }
            references.put(r, List.copyOf(targets));
            for (ConfigResource t : targets) {
                referrers.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
        }
    }

    public static ResourceGraph of(ConfigResource... resources) {
        return new ResourceGraph(List.of(resources));
    }

    public List<ConfigResource> resources() {
        return resources;
    }

    /** The resources {@code r} refers to, in the order it names them. */
    public List<ConfigResource> references(ConfigResource r) {
        return references.getOrDefault(r, List.of());
    }

    /** The resources that refer to {@code r}, in scan order. */
    public List<ConfigResource> referrers(ConfigResource r) {
        return referrers.getOrDefault(r, List.of());
    }

    synchronized CelInput input(ConfigResource r) {
        return inputs.computeIfAbsent(r, x -> CelInput.of(x, references(x), referrers(x)));
    }

    /** Terraform resolves addresses per module folder; other formats per file. */
    private static String scope(ConfigResource r) {
        String file = r.location().file();
        if (r.framework() != Framework.TERRAFORM) {
            return file;
        }
        Path parent = Path.of(file).getParent();
        return parent == null ? "" : parent.toString();
    }
}
