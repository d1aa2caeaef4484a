package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.source.PlainJson;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy documents as objects whatever form carried them: IAM returns them URL-encoded (AWS Config keeps that),
 * S3 and KMS as JSON text, the CLI already decoded. A text that is not a JSON object is left as it is.
 */
final class PolicyDocuments {
    static final Set<String> FIELDS = Set.of("PolicyDocument", "AssumeRolePolicyDocument", "Document", "Policy",
            "PolicyText");

    private PolicyDocuments() {
    }

    /** Walks the attributes, replacing document texts in place (the maps are the parser's own, still mutable). */
    @SuppressWarnings("unchecked")
    static void decodeAll(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (FIELDS.contains(e.getKey()) && e.getValue() instanceof String text) {
                    e.setValue(decode(text));
                } else {
                    decodeAll(e.getValue());
                }
            }
        } else if (v instanceof List<?> l) {
            l.forEach(PolicyDocuments::decodeAll);
        }
    }

    static Object decode(String text) {
        String json = text.strip();
        if (json.startsWith("%7B") || json.startsWith("%7b")) {
            try {
                json = URLDecoder.decode(json, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                return text;
            }
        }
        if (!json.startsWith("{")) {
            return text;
        }
        try {
            List<Object> values = new PlainJson().readAll(json);
            return values.size() == 1 && values.get(0) instanceof Map<?, ?> doc ? doc : text;
        } catch (IOException notJson) {
            return text;
        }
    }
}
