/**
 * AWS CloudFormation (and SAM) templates, JSON or YAML, as {@link dev.cloudwarden.engine.posture.model.ConfigResource}s.
 *
 * <p>What checks see, per resource of {@code Resources}: {@code type} the {@code Type}
 * ({@code AWS::S3::Bucket}), {@code name} the logical id, {@code id} {@code Type.LogicalId}; {@code attributes} the
 * {@code Properties} with intrinsic functions evaluated ({@link
 * dev.cloudwarden.engine.posture.source.cloudformation.Intrinsics}; YAML short forms are read as their long JSON
 * forms first), and under {@code _cfn} (only when present) the resource's other entries: {@code DependsOn} (always a
 * list), {@code DeletionPolicy}, {@code UpdateReplacePolicy}, {@code Condition}, {@code Metadata} ...;
 * {@code references} the ids ({@code AWS::SNS::Topic.Alerts}) of the resources reached by {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub} and {@code DependsOn}.
 */
package dev.cloudwarden.engine.posture.source.cloudformation;
