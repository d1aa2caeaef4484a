package dev.cloudwarden.engine.posture.source.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Config's camelCase configuration into the describe APIs' PascalCase. Config serialises the same SDK objects
 * the describe APIs return, with the first letter lowered ({@code dBInstanceIdentifier}, {@code iAMDatabase...},
 * {@code trailARN}), so raising the first letter gives the API's name back. Maps whose keys are data, not field
 * names (tag maps, Lambda environment variables, policy documents), are copied as they are. The few fields whose
 * Config name differs from the API's are renamed after ({@link #RENAMES}).
 */
final class PascalCase {
    /** Keys whose object value holds user data: its keys are not field names. */
    private static final Set<String> DATA_VALUED = Set.of("tags", "variables", "policyDocument",
            "assumeRolePolicyDocument", "document", "policyText", "policy", "tagSets", "Tags", "Variables",
            "PolicyDocument", "AssumeRolePolicyDocument", "Document", "Policy");

    /** Config names that do not raise to the API's. */
    private static final Map<String, String> RENAMES = Map.of(
            "SseAlgorithm", "SSEAlgorithm",
            "KmsMasterKeyID", "KMSMasterKeyID");

    private PascalCase() {
    }

    static Object convert(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = DATA_VALUED.contains(key) && e.getValue() instanceof Map<?, ?> ? e.getValue() : convert(e.getValue());
                out.put(raise(key), value);
            }
            securityGroupRanges(out);
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(convert(x)));
            return out;
        }
        return v;
    }

    static String raise(String key) {
        if (key.isEmpty() || !Character.isLowerCase(key.charAt(0))) {
            return key;
        }
        String raised = Character.toUpperCase(key.charAt(0)) + key.substring(1);
        return RENAMES.getOrDefault(raised, raised);
    }

    /**
     * A security group rule in Config carries {@code ipv4Ranges} (objects, as the API's {@code IpRanges}) and a legacy
     * {@code ipRanges} (bare CIDR strings): the objects become {@code IpRanges}, the legacy list goes.
     */
    private static void securityGroupRanges(Map<String, Object> rule) {
        if (rule.containsKey("Ipv4Ranges")) {
            rule.put("IpRanges", rule.remove("Ipv4Ranges"));
        }
    }
}
