package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Owner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One posture control over one kind of configuration.
 *
 * @param resourceTypes the resource types it judges (empty: every resource of the framework)
 * @param benchmarks    benchmark ids by benchmark ({@code cis_aws: ["2.1.5"]})
 * @param equivalents   the ids other tools give the same control ({@code checkov: [CKV_AWS_20]},
 *                      {@code prowler: [s3_bucket_public_access]}), so findings and baselines carry over
 * @param threats       the report's rows it guards against (T3, A2 ...)
 * @param definedAt     where the check is written (its file and line), for errors and {@code posture checks}
 */
public record Check(String id, String title, Level severity, Framework framework, Set<String> resourceTypes,
                    Layer layer, Owner owner, Map<String, List<String>> benchmarks,
                    Map<String, List<String>> equivalents, List<String> threats, String remediation,
                    Condition condition, Location definedAt) {
    public Check {
        resourceTypes = Set.copyOf(resourceTypes);
        benchmarks = Map.copyOf(benchmarks);
        equivalents = Map.copyOf(equivalents);
        threats = List.copyOf(threats);
    }

    public boolean judges(ConfigResource resource) {
        return resource.framework() == framework && (resourceTypes.isEmpty() || resourceTypes.stream()
                .anyMatch(t -> framework.typeKey(t).equals(framework.typeKey(resource.type()))));
    }

    /** Whether {@code otherId} is this check's id or one of its equivalents' (an inline skip may name either). */
    public boolean answersTo(String otherId) {
        return id.equals(otherId) || equivalents.values().stream().anyMatch(ids -> ids.contains(otherId));
    }
}
