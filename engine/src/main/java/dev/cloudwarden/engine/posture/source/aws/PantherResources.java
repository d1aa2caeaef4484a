package dev.cloudwarden.engine.posture.source.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Panther's snapshot resources: the describe APIs' PascalCase fields merged per resource, wrapped in Panther's own
 * fields ({@code ResourceType: AWS.S3.Bucket}, {@code ResourceId}, {@code TimeCreated}, ...). The wrapper is
 * dropped, except {@code AccountId}, {@code Region} and {@code Arn} (from {@code ARN} when needed), which every form
 * carries; tags become the describe list; the type comes from {@code ResourceType} or, when absent, from the shape.
 */
public final class PantherResources {
    private static final List<String> WRAPPER = List.of("ResourceType", "ResourceId", "ResourceID", "TimeCreated", "ID");

    private PantherResources() {
    }

    /** True when the object says it is a Panther resource ({@code ResourceType: AWS.x.y}). */
    static boolean isPanther(Map<String, Object> m) {
        return m.get("ResourceType") instanceof String t && t.startsWith("AWS.");
    }

    /**
     * The normalised type a Panther resource maps to: its {@code ResourceType}, else {@code hint} (a Panther type
     * given beside the resource, as Panther's test cases do), else its shape; null when none fits.
     */
    public static String typeOf(Map<String, Object> resource, String hint) {
        AwsType t = type(resource, hint);
        return t == null ? null : t.name();
    }

    static AwsType type(Map<String, Object> resource, String hint) {
        if (isPanther(resource)) {
            AwsType t = AwsType.PANTHER.get((String) resource.get("ResourceType"));
            if (t != null) {
                return t;
            }
        }
        if (hint != null && AwsType.PANTHER.containsKey(hint)) {
            return AwsType.PANTHER.get(hint);
        }
        return ShapeInference.infer(resource);
    }

    static Map<String, Object> normalise(AwsType type, Map<String, Object> resource) {
        Map<String, Object> out = new LinkedHashMap<>(resource);
        WRAPPER.forEach(out::remove);
        if (!out.containsKey("Arn") && out.get("ARN") != null) {
            out.put("Arn", out.get("ARN"));
        }
        out.remove("ARN");
        if (!out.containsKey("UserId") && out.containsKey("UserID")) {
            out.put("UserId", out.remove("UserID"));
        }
        if (type == AwsType.POLICY && out.containsKey("Id") && !out.containsKey("PolicyId")) {
            out.put("PolicyId", out.remove("Id"));
        }
        if (type == AwsType.POLICY && out.containsKey("Name") && !out.containsKey("PolicyName")) {
            out.put("PolicyName", out.get("Name"));
        }
        return Shape.finish(type, out);
    }
}
