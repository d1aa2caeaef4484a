package dev.cloudwarden.engine.posture.source.aws;

import java.util.Map;

/**
 * The type of a resource object that does not say its type (Panther's test resources mostly do not), from the
 * fields only that type's describe API returns. Ordered from the most to the least specific; each rule asks for
 * more than one field (or an IAM ARN), so an application's settings file with a {@code UserName} is not taken for
 * an IAM user; null when nothing fits.
 */
final class ShapeInference {
    private ShapeInference() {
    }

    static AwsType infer(Map<String, Object> r) {
        if (has(r, "GroupId") && has(r, "IpPermissions")) {
            return AwsType.SECURITY_GROUP;
        }
        if (has(r, "ImageId") && has(r, "ImageLocation")) {
            return AwsType.IMAGE;
        }
        if (has(r, "InstanceId") && has(r, "ImageId")) {
            return AwsType.INSTANCE;
        }
        if (has(r, "NetworkAclId") || has(r, "Entries") && has(r, "Associations")) {
            return AwsType.NETWORK_ACL;
        }
        if (has(r, "VolumeId") && has(r, "Encrypted")) {
            return AwsType.VOLUME;
        }
        if (has(r, "SnapshotId") && has(r, "VolumeId")) {
            return AwsType.EC2_SNAPSHOT;
        }
        if (has(r, "FlowLogId")) {
            return AwsType.FLOW_LOG;
        }
        if (has(r, "SubnetId") && has(r, "CidrBlock")) {
            return AwsType.SUBNET;
        }
        if (has(r, "VpcId") && has(r, "CidrBlock")) {
            return AwsType.VPC;
        }
        if (has(r, "DBSnapshotIdentifier")) {
            return AwsType.DB_SNAPSHOT;
        }
        if (has(r, "DBInstanceIdentifier")) {
            return AwsType.DB_INSTANCE;
        }
        if (has(r, "ClusterIdentifier") && has(r, "NodeType")) {
            return AwsType.REDSHIFT;
        }
        if (has(r, "TrailARN") || has(r, "IsMultiRegionTrail")) {
            return AwsType.TRAIL;
        }
        if (has(r, "LogGroupName") && (has(r, "Arn") || has(r, "CreationTime") || has(r, "RetentionInDays"))) {
            return AwsType.LOG_GROUP;
        }
        if (has(r, "CertificateArn")) {
            return AwsType.CERTIFICATE;
        }
        if (has(r, "StackStatus") || has(r, "StackId")) {
            return AwsType.STACK;
        }
        if (has(r, "KeyId") && (has(r, "KeyManager") || has(r, "KeyState"))) {
            return AwsType.KMS_KEY;
        }
        if (has(r, "FunctionName") && (has(r, "Runtime") || has(r, "FunctionArn"))) {
            return AwsType.FUNCTION;
        }
        if (has(r, "TableName") && has(r, "KeySchema")) {
            return AwsType.TABLE;
        }
        if (has(r, "LoadBalancerArn") || has(r, "Listeners") && has(r, "Scheme")) {
            return AwsType.LOAD_BALANCER_V2;
        }
        if (has(r, "MinimumPasswordLength") || has(r, "RequireSymbols")) {
            return AwsType.PASSWORD_POLICY;
        }
        if (has(r, "Detectors") && (has(r, "AccountId") || has(r, "Region"))) {
            return AwsType.DETECTOR_META;
        }
        if (has(r, "Trails") && has(r, "AccountId") && has(r, "Region") && !has(r, "ResourceType")) {
            return AwsType.TRAIL_META;
        }
        if (has(r, "Recorders") && (has(r, "AccountId") || has(r, "Region"))) {
            return AwsType.RECORDER_META;
        }
        if (has(r, "PolicyDocument") && (has(r, "DefaultVersionId") || has(r, "AttachmentCount"))
                || has(r, "PolicyVersionList")) {
            return AwsType.POLICY;
        }
        if (has(r, "AssumeRolePolicyDocument") || has(r, "RoleName") && (has(r, "RoleId") || arn(r).contains(":role/"))) {
            return AwsType.ROLE;
        }
        if (arn(r).contains(":group/") || has(r, "GroupId") && has(r, "GroupName") && has(r, "Users")) {
            return AwsType.GROUP;
        }
        if (has(r, "CredentialReport")
                || has(r, "UserName") && (has(r, "UserId") || has(r, "UserID") || arn(r).startsWith("arn:aws:iam:"))) {
            return arn(r).endsWith(":root") || "root".equals(r.get("UserName")) || "<root_account>".equals(r.get("UserName"))
                    ? AwsType.ROOT_USER : AwsType.USER;
        }
        if (has(r, "EncryptionRules") || has(r, "Grants") && has(r, "Versioning")
                || has(r, "PublicAccessBlockConfiguration") && has(r, "Name")) {
            return AwsType.BUCKET;
        }
        if (has(r, "WebACLId") && has(r, "DefaultAction")) {
            return AwsType.WEB_ACL;
        }
        return null;
    }

    private static boolean has(Map<String, Object> r, String key) {
        return r.containsKey(key);
    }

    private static String arn(Map<String, Object> r) {
        Object a = r.get("Arn") != null ? r.get("Arn") : r.get("ARN");
        return a instanceof String s ? s : "";
    }
}
