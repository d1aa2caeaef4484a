package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SDK response as the AWS CLI prints it, so the snapshot reader takes it as it takes a saved {@code aws ...}
 * output. Both come from the same service models: the CLI's keys are the model's member names, which the SDK keeps
 * as {@link SdkField#memberName()} ({@code SecurityGroups}, and CloudTrail's {@code trailList} as the model spells
 * it), not the wire names (EC2's XML says {@code securityGroupInfo}). Members the service did not send are left out,
 * as the CLI leaves them out (the SDK's empty auto-constructed lists stand for "absent"); timestamps are ISO-8601
 * UTC; blobs base64, as the CLI prints them.
 */
final class CliJson {
    /** Paging members: the CLI follows them and leaves them out of the merged output. */
    private static final Set<String> PAGING = Set.of("NextToken", "Marker", "NextMarker", "IsTruncated",
            "ContinuationToken", "nextToken");

    private CliJson() {
    }

    static Map<String, Object> of(SdkPojo pojo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (present(value)) {
                out.put(field.memberName(), value(value));
            }
        }
        return out;
    }

    /**
     * The pages of a paginated call as the CLI prints them: one object whose lists are every page's lists in order
     * (the other members from the first page), without the paging tokens.
     */
    static Map<String, Object> merged(Iterable<? extends SdkPojo> pages) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkPojo page : pages) {
            of(page).forEach((key, value) -> {
                if (PAGING.contains(key)) {
                    return;
                }
                if (value instanceof List<?> more && out.get(key) instanceof List<?> earlier) {
                    List<Object> all = new ArrayList<>(earlier);
                    all.addAll(more);
                    out.put(key, all);
                } else {
                    out.putIfAbsent(key, value);
                }
            });
        }
        return out;
    }

    private static boolean present(Object v) {
        return v != null && !(v instanceof SdkAutoConstructList<?>) && !(v instanceof SdkAutoConstructMap<?, ?>);
    }

    private static Object value(Object v) {
        if (v instanceof SdkPojo p) {
            return of(p);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> out.add(e == null ? null : value(e)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, e) -> out.put(String.valueOf(k), e == null ? null : value(e)));
            return out;
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof SdkBytes b) {
            return Base64.getEncoder().encodeToString(b.asByteArray());
        }
        return v; // String (enums arrive as their wire strings), Boolean, numbers
    }
}
