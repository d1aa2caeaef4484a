package dev.cloudwarden.engine.posture.model;

/**
 * A skip written beside the resource (a {@code checkov:skip=CKV_AWS_20:reason} comment, a Kubernetes
 * {@code checkov.io/skip1} annotation, CloudFormation {@code Metadata.checkov.skip}): the check it names is reported as
 * suppressed on that resource unless inline skips are turned off. The id may be any equivalent id of a check.
 */
public record InlineSkip(String checkId, String reason) {
}
