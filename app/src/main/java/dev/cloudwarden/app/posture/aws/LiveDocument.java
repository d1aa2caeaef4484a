package dev.cloudwarden.app.posture.aws;

import java.util.Map;

/**
 * One output of the live scan in the AWS CLI's shape ({@code {"SecurityGroups": [...]}}), from one service in one
 * region ({@link #GLOBAL} for IAM and the S3 bucket list), named {@code aws://ACCOUNT/REGION/SERVICE} in findings.
 */
public record LiveDocument(String service, String region, String name, Map<String, Object> content) {
    static final String GLOBAL = "global";

    static String address(String account, String region, String service) {
        return "aws://" + account + "/" + region + "/" + service;
    }
}
