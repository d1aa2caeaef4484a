package dev.cloudwarden.engine.posture.model;

import java.util.List;
import java.util.Map;

/**
 * One configured resource, as every check sees it whatever format it came from.
 *
 * @param framework  the family of configuration (a check applies to one)
 * @param type       the resource type in the format's own words: {@code aws_s3_bucket}, {@code AWS::S3::Bucket},
 *                   {@code Deployment}, {@code Microsoft.Storage/storageAccounts}, {@code yarn-site}
 * @param name       its name in the file: the Terraform name, the CloudFormation logical id, the Kubernetes
 *                   {@code metadata.name}, the ARM {@code name}
 * @param id         the id Checkov writes for it, so baselines carry over: {@code aws_s3_bucket.data},
 *                   {@code AWS::S3::Bucket.Data}, {@code Deployment.default.web}
 * @param location   the file and the lines of its definition
 * @param attributes its configuration as plain data ({@link Attributes}), nested blocks as lists of maps
 * @param references addresses of the resources it refers to (graph checks follow them)
 * @param skips      checks skipped beside it
 */
public record ConfigResource(Framework framework, String type, String name, String id, Location location,
                             Map<String, Object> attributes, List<String> references, List<InlineSkip> skips) {
    public ConfigResource {
        attributes = Attributes.freeze(attributes);
        references = List.copyOf(references);
        skips = List.copyOf(skips);
    }

    /** The value at a dotted path ({@code versioning.enabled}; a list is entered at its first element), or null. */
    public Object at(String path) {
        return Attributes.at(attributes, path);
    }
}
