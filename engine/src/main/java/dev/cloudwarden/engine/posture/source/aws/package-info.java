/**
 * Exported AWS configuration (AWS Config items, the CLI's describe/list/get output, IAM's credential report,
 * Panther's snapshot resources) normalised to one shape per AWS Config resource type, so one check judges all forms.
 * See {@link dev.cloudwarden.engine.posture.source.aws.AwsSnapshotSource}.
 */
package dev.cloudwarden.engine.posture.source.aws;
