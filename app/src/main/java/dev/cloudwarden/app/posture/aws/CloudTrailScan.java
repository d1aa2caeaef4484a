package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region's CloudTrail: {@code describe-trails} with each trail's {@code get-trail-status} as {@code Status}
 * (Panther's name). The trails homed in the region are resources; every trail that records the region (shadow
 * trails of multi-region trails homed elsewhere too) goes into the region's {@code AWS::CloudTrail::Meta}
 * ({@code {Region, AccountId, Trails}}), so a region no trail records is a finding, which no trail resource could
 * say. When DescribeTrails fails, neither is given: an empty Meta would be a false finding.
 */
final class CloudTrailScan {
    private CloudTrailScan() {
    }

    /**
     * @param statuses the status of each trail by ARN, shared across regions: a multi-region trail is listed in
     *                 every region and asked for once
     */
    static void scan(CloudTrailClient trails, Calls calls, String account, Map<Object, Map<String, Object>> statuses,
                     List<LiveDocument> out) {
        Map<String, Object> described = calls.get("DescribeTrails",
                () -> CliJson.of(trails.describeTrails(r -> r.includeShadowTrails(true))));
        if (described == null) {
            return;
        }
        List<Object> home = new ArrayList<>();
        List<Object> recording = new ArrayList<>();
        for (Map<String, Object> trail : Ec2Scan.elements(described, "trailList")) {
            Object arn = trail.get("TrailARN");
            if (!statuses.containsKey(arn) && arn instanceof String a) {
                statuses.put(arn, calls.get("GetTrailStatus", () -> CliJson.of(trails.getTrailStatus(r -> r.name(a)))));
            }
            if (statuses.get(arn) != null) {
                trail.put("Status", statuses.get(arn));
            }
            recording.add(trail);
            if (calls.region().equals(trail.get("HomeRegion"))) {
                home.add(trail);
            }
        }
        Map<String, Object> trailList = new LinkedHashMap<>();
        trailList.put("trailList", home);
        out.add(calls.document("DescribeTrails", trailList));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("Region", calls.region());
        meta.put("AccountId", account);
        meta.put("Trails", recording);
        out.add(calls.document("DescribeTrails", meta));
    }
}
