package dev.cloudwarden.simulate.estate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AWS Config configuration item as a configuration snapshot delivers it: the item's envelope (version, capture
 * time and status, state id, account, type, id, name, ARN, region, zone, tags, relationships) around the resource's
 * configuration (the describe API's object, camelCase) and supplementary configuration (what Config reads from
 * other APIs, e.g. a bucket's ACL and policy).
 */
record ConfigItem(String type, String id, String name, String arn, String region, String zone, Instant captured,
                  Map<String, String> tags, List<Map<String, Object>> relationships, Map<String, Object> configuration,
                  Map<String, Object> supplementary) {

    static ConfigItem of(String type, String id, String name, String arn, String region, String zone, Instant captured,
                         Map<String, Object> configuration) {
        return new ConfigItem(type, id, name, arn, region, zone, captured, Map.of(), List.of(), configuration, Map.of());
    }

    ConfigItem tags(Map<String, String> tags) {
        return new ConfigItem(type, id, name, arn, region, zone, captured, tags, relationships, configuration, supplementary);
    }

    ConfigItem supplementary(Map<String, Object> s) {
        return new ConfigItem(type, id, name, arn, region, zone, captured, tags, relationships, configuration, s);
    }

    /** Adds Config's relationship to another resource ({@code "Is contained in Vpc"}). */
    ConfigItem related(String relationship, String otherType, String otherId, String otherName) {
        List<Map<String, Object>> all = new ArrayList<>(relationships);
        Map<String, Object> r = Obj.of("resourceId", otherId);
        if (otherName != null) {
            r.put("resourceName", otherName);
        }
        r.put("resourceType", otherType);
        r.put("name", relationship);
        all.add(r);
        return new ConfigItem(type, id, name, arn, region, zone, captured, tags, all, configuration, supplementary);
    }

    Map<String, Object> toJson(String account) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configurationItemVersion", "1.3");
        m.put("configurationItemCaptureTime", Timeline.iso(captured));
        m.put("configurationItemStatus", "OK");
        m.put("configurationStateId", captured.toEpochMilli());
        m.put("configurationItemMD5Hash", "");
        m.put("ARN", arn);
        m.put("resourceType", type);
        m.put("resourceId", id);
        m.put("resourceName", name);
        m.put("awsRegion", region);
        m.put("availabilityZone", zone);
        m.put("awsAccountId", account);
        m.put("tags", new LinkedHashMap<>(tags));
        m.put("relationships", relationships);
        m.put("configuration", configuration);
        m.put("supplementaryConfiguration", supplementary);
        return m;
    }
}
