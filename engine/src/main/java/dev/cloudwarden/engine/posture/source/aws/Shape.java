package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps every form ends with, so one check reads one shape per type: tags as the describe APIs' list of
 * {@code {Key, Value}}, policy documents as objects, an IAM policy's default version as {@code PolicyDocument}.
 */
final class Shape {
    private Shape() {
    }

    static Map<String, Object> finish(AwsType type, Map<String, Object> attributes) {
        Object tags = attributes.get("Tags");
        if (tags instanceof Map<?, ?> map) {
            attributes.put("Tags", tagList(map));
        }
        PolicyDocuments.decodeAll(attributes);
        if (type == AwsType.POLICY && !attributes.containsKey("PolicyDocument")) {
            defaultVersionDocument(attributes);
        }
        for (String field : UNSEEN.getOrDefault(type, List.of())) {
            attributes.putIfAbsent(field, Unknown.of(field + " not in this output"));
        }
        return attributes;
    }

    /**
     * Fields the report's checks hinge on that some forms do not carry (list-policies has no document, only the
     * credential report knows MFA, older snapshots lack an instance's metadata options): absent, they are Unknown, so
     * such a check says "unknown" instead of passing on silence.
     */
    private static final Map<AwsType, List<String>> UNSEEN = Map.of(
            AwsType.POLICY, List.of("PolicyDocument"),
            AwsType.USER, List.of("CredentialReport"),
            AwsType.ROOT_USER, List.of("CredentialReport"),
            AwsType.INSTANCE, List.of("MetadataOptions"));

    static List<Object> tagList(Map<?, ?> map) {
        List<Object> list = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("Key", String.valueOf(k));
            tag.put("Value", v);
            list.add(tag);
        });
        return list;
    }

    /** get-account-authorization-details and AWS Config list a policy's versions; checks read the default one. */
    private static void defaultVersionDocument(Map<String, Object> policy) {
        if (policy.get("PolicyVersionList") instanceof List<?> versions) {
            for (Object v : versions) {
                if (v instanceof Map<?, ?> version && Boolean.TRUE.equals(version.get("IsDefaultVersion"))) {
                    policy.put("PolicyDocument", version.get("Document"));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }
}
