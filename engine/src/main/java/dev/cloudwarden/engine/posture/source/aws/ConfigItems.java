package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.source.PlainJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Config configuration items, in all the shapes they come in: the snapshot file Config delivers to S3 and
 * {@code get-resource-config-history} ({@code configurationItems}), {@code batch-get-resource-config}
 * ({@code baseConfigurationItems}), one item alone. {@code configuration} and each supplementary value may be an
 * object or JSON text.
 *
 * <p>Attributes: the configuration in the describe API's PascalCase ({@link PascalCase}); then each
 * {@code supplementaryConfiguration} entry as a top-level attribute under its own (already PascalCase) name unless
 * the configuration has that name (the S3 bucket's are mapped onto the bucket shape instead, {@link S3Buckets});
 * then the item's tags as {@code Tags} when the configuration has none; then {@code AccountId}, {@code Region},
 * {@code Arn} from the item when the configuration lacks them.
 */
final class ConfigItems {
    private ConfigItems() {
    }

    /** A recognised item: its type and resource key as Config gives them, and the normalised attributes. */
    record Item(AwsType type, String configType, String resourceId, String resourceName, Map<String, Object> attributes) {
    }

    static boolean isItem(Map<String, Object> m) {
        return m.get("resourceType") instanceof String && m.containsKey("configuration");
    }

    /** The normalised item, or null for an item without configuration (deleted, not recorded). */
    static Item read(Map<String, Object> item) throws IOException {
        String configType = (String) item.get("resourceType");
        if (item.get("configurationItemStatus") instanceof String status && status.startsWith("ResourceDeleted")
                || "ResourceNotRecorded".equals(item.get("configurationItemStatus"))) {
            return null;
        }
        Object configuration = parseIfText(item.get("configuration"));
        if (!(configuration instanceof Map<?, ?>)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) PascalCase.convert(configuration);
        AwsType type = AwsType.BY_NAME.get(configType);
        Map<String, Object> supplementary = new LinkedHashMap<>();
        if (item.get("supplementaryConfiguration") instanceof Map<?, ?> s) {
            for (Map.Entry<?, ?> e : s.entrySet()) {
                supplementary.put(String.valueOf(e.getKey()), PascalCase.convert(parseIfText(e.getValue())));
            }
        }
        if (type == AwsType.BUCKET) {
            S3Buckets.fromConfig(attributes, supplementary);
        } else {
            supplementary.forEach(attributes::putIfAbsent);
        }
        if (!attributes.containsKey("Tags") && item.get("tags") instanceof Map<?, ?> tags && !tags.isEmpty()) {
            attributes.put("Tags", Shape.tagList(tags));
        }
        putIfText(attributes, "AccountId", first(item, "awsAccountId", "accountId"));
        putIfText(attributes, "Region", first(item, "awsRegion"));
        putIfText(attributes, "Arn", first(item, "ARN", "arn"));
        if (type != null) {
            Shape.finish(type, attributes);
        }
        return new Item(type, configType, text(item.get("resourceId")), text(item.get("resourceName")), attributes);
    }

    private static Object first(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) {
                return m.get(k);
            }
        }
        return null;
    }

    private static void putIfText(Map<String, Object> attributes, String key, Object value) {
        if (value instanceof String s && !attributes.containsKey(key)) {
            attributes.put(key, s);
        }
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isEmpty() ? s : null;
    }

    /** Config's API gives configuration (and supplementary values) as JSON text; the S3 snapshot as objects. */
    static Object parseIfText(Object v) throws IOException {
        if (v instanceof String s) {
            String t = s.strip();
            if (t.startsWith("{") || t.startsWith("[")) {
                List<Object> values = new PlainJson().readAll(t);
                return values.size() == 1 ? values.get(0) : v;
            }
        }
        return v;
    }
}
