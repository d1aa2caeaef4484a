package dev.cloudwarden.engine.posture.source.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A normalised AWS resource type: its AWS Config name ({@code AWS::EC2::SecurityGroup}; a few account-level settings
 * that AWS Config does not record get a name of the same form, marked pseudo), the describe-API field that names one
 * resource ({@code GroupId}), and whether AWS Config gives that key as {@code resourceId} or as {@code resourceName}.
 */
record AwsType(String name, String keyField, boolean configKeyIsResourceId, boolean pseudo) {

    static final Map<String, AwsType> BY_NAME = new LinkedHashMap<>();

    private static AwsType of(String name, String keyField, boolean configKeyIsResourceId) {
        AwsType t = new AwsType(name, keyField, configKeyIsResourceId, false);
        BY_NAME.put(name, t);
        return t;
    }

    private static AwsType pseudo(String name, String keyField) {
        AwsType t = new AwsType(name, keyField, false, true);
        BY_NAME.put(name, t);
        return t;
    }

    static final AwsType SECURITY_GROUP = of("AWS::EC2::SecurityGroup", "GroupId", true);
    static final AwsType INSTANCE = of("AWS::EC2::Instance", "InstanceId", true);
    static final AwsType VOLUME = of("AWS::EC2::Volume", "VolumeId", true);
    static final AwsType EC2_SNAPSHOT = pseudo("AWS::EC2::Snapshot", "SnapshotId");
    static final AwsType VPC = of("AWS::EC2::VPC", "VpcId", true);
    static final AwsType FLOW_LOG = of("AWS::EC2::FlowLog", "FlowLogId", true);
    static final AwsType NETWORK_ACL = of("AWS::EC2::NetworkAcl", "NetworkAclId", true);
    static final AwsType SUBNET = of("AWS::EC2::Subnet", "SubnetId", true);
    static final AwsType IMAGE = pseudo("AWS::EC2::Image", "ImageId");
    static final AwsType TRAIL = of("AWS::CloudTrail::Trail", "Name", false);
    /** One region's trails, those homed elsewhere that record it included: whether anything records the region. */
    static final AwsType TRAIL_META = pseudo("AWS::CloudTrail::Meta", "Region");
    static final AwsType USER = of("AWS::IAM::User", "UserName", false);
    static final AwsType ROLE = of("AWS::IAM::Role", "RoleName", false);
    static final AwsType POLICY = of("AWS::IAM::Policy", "PolicyName", false);
    static final AwsType GROUP = of("AWS::IAM::Group", "GroupName", false);
    static final AwsType ROOT_USER = pseudo("AWS::IAM::RootUser", "UserName");
    static final AwsType PASSWORD_POLICY = pseudo("AWS::IAM::AccountPasswordPolicy", "AccountId");
    static final AwsType BUCKET = of("AWS::S3::Bucket", "Name", false);
    static final AwsType DB_INSTANCE = of("AWS::RDS::DBInstance", "DBInstanceIdentifier", false);
    static final AwsType DB_SNAPSHOT = of("AWS::RDS::DBSnapshot", "DBSnapshotIdentifier", false);
    static final AwsType DB_CLUSTER = of("AWS::RDS::DBCluster", "DBClusterIdentifier", false);
    static final AwsType LOAD_BALANCER_V2 = of("AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerName", false);
    static final AwsType LOAD_BALANCER = of("AWS::ElasticLoadBalancing::LoadBalancer", "LoadBalancerName", true);
    static final AwsType FUNCTION = of("AWS::Lambda::Function", "FunctionName", false);
    static final AwsType KMS_KEY = of("AWS::KMS::Key", "KeyId", true);
    static final AwsType REDSHIFT = of("AWS::Redshift::Cluster", "ClusterIdentifier", true);
    static final AwsType LOG_GROUP = of("AWS::Logs::LogGroup", "LogGroupName", false);
    static final AwsType CERTIFICATE = of("AWS::ACM::Certificate", "CertificateArn", true);
    static final AwsType STACK = of("AWS::CloudFormation::Stack", "StackName", false);
    static final AwsType TABLE = of("AWS::DynamoDB::Table", "TableName", false);
    static final AwsType RECORDER = of("AWS::Config::ConfigurationRecorder", "Name", false);
    static final AwsType RECORDER_META = pseudo("AWS::Config::Recorder::Meta", "Region");
    static final AwsType DETECTOR = of("AWS::GuardDuty::Detector", "DetectorId", true);
    static final AwsType DETECTOR_META = pseudo("AWS::GuardDuty::Detector::Meta", "Region");
    static final AwsType WEB_ACL = of("AWS::WAF::WebACL", "WebACLId", true);
    static final AwsType REGIONAL_WEB_ACL = of("AWS::WAFRegional::WebACL", "WebACLId", true);
    static final AwsType ECS_CLUSTER = of("AWS::ECS::Cluster", "ClusterName", false);
    static final AwsType EKS_CLUSTER = of("AWS::EKS::Cluster", "Name", false);

    /** Panther's resource types ({@code AWS.S3.Bucket}) and the normalised type each is. */
    static final Map<String, AwsType> PANTHER = Map.ofEntries(
            Map.entry("AWS.ACM.Certificate", CERTIFICATE),
            Map.entry("AWS.CloudFormation.Stack", STACK),
            Map.entry("AWS.CloudTrail", TRAIL),
            Map.entry("AWS.CloudWatch.LogGroup", LOG_GROUP),
            Map.entry("AWS.Config.Recorder", RECORDER),
            Map.entry("AWS.Config.Recorder.Meta", RECORDER_META),
            Map.entry("AWS.DynamoDB.Table", TABLE),
            Map.entry("AWS.EC2.AMI", IMAGE),
            Map.entry("AWS.EC2.Instance", INSTANCE),
            Map.entry("AWS.EC2.NetworkACL", NETWORK_ACL),
            Map.entry("AWS.EC2.SecurityGroup", SECURITY_GROUP),
            Map.entry("AWS.EC2.Volume", VOLUME),
            Map.entry("AWS.EC2.VPC", VPC),
            Map.entry("AWS.ECS.Cluster", ECS_CLUSTER),
            Map.entry("AWS.EKS.Cluster", EKS_CLUSTER),
            Map.entry("AWS.ELBV2.ApplicationLoadBalancer", LOAD_BALANCER_V2),
            Map.entry("AWS.GuardDuty.Detector", DETECTOR),
            Map.entry("AWS.GuardDuty.Detector.Meta", DETECTOR_META),
            Map.entry("AWS.IAM.Group", GROUP),
            Map.entry("AWS.IAM.Policy", POLICY),
            Map.entry("AWS.IAM.Role", ROLE),
            Map.entry("AWS.IAM.RootUser", ROOT_USER),
            Map.entry("AWS.IAM.User", USER),
            Map.entry("AWS.KMS.Key", KMS_KEY),
            Map.entry("AWS.Lambda.Function", FUNCTION),
            Map.entry("AWS.PasswordPolicy", PASSWORD_POLICY),
            Map.entry("AWS.RDS.Instance", DB_INSTANCE),
            Map.entry("AWS.Redshift.Cluster", REDSHIFT),
            Map.entry("AWS.S3.Bucket", BUCKET),
            Map.entry("AWS.WAF.Regional.WebACL", REGIONAL_WEB_ACL),
            Map.entry("AWS.WAF.WebACL", WEB_ACL));

    /**
     * The top-level keys of {@code aws ... describe-*}/{@code list-*}/{@code get-*} output, and the type of the
     * resources listed under each (a single object for {@code KeyMetadata}, {@code PasswordPolicy}, ...).
     */
    static final Map<String, AwsType> DESCRIBE_KEYS = Map.ofEntries(
            Map.entry("SecurityGroups", SECURITY_GROUP),
            Map.entry("Reservations", INSTANCE),
            Map.entry("Instances", INSTANCE),
            Map.entry("Volumes", VOLUME),
            Map.entry("Snapshots", EC2_SNAPSHOT),
            Map.entry("Vpcs", VPC),
            Map.entry("FlowLogs", FLOW_LOG),
            Map.entry("NetworkAcls", NETWORK_ACL),
            Map.entry("Subnets", SUBNET),
            Map.entry("Images", IMAGE),
            Map.entry("trailList", TRAIL),
            Map.entry("Trails", TRAIL),
            Map.entry("Users", USER),
            Map.entry("UserDetailList", USER),
            Map.entry("Roles", ROLE),
            Map.entry("RoleDetailList", ROLE),
            Map.entry("Policies", POLICY),
            Map.entry("Groups", GROUP),
            Map.entry("GroupDetailList", GROUP),
            Map.entry("Buckets", BUCKET),
            Map.entry("DBInstances", DB_INSTANCE),
            Map.entry("DBSnapshots", DB_SNAPSHOT),
            Map.entry("DBClusters", DB_CLUSTER),
            Map.entry("LoadBalancers", LOAD_BALANCER_V2),
            Map.entry("LoadBalancerDescriptions", LOAD_BALANCER),
            Map.entry("Functions", FUNCTION),
            Map.entry("KeyMetadata", KMS_KEY),
            Map.entry("Clusters", REDSHIFT),
            Map.entry("logGroups", LOG_GROUP),
            Map.entry("Certificate", CERTIFICATE),
            Map.entry("Stacks", STACK),
            Map.entry("Table", TABLE),
            Map.entry("ConfigurationRecorders", RECORDER),
            Map.entry("PasswordPolicy", PASSWORD_POLICY));

    /** Keys above whose value is one resource, not a list. */
    static final List<String> SINGLE_OBJECT_KEYS = List.of("KeyMetadata", "Certificate", "Table", "PasswordPolicy");
}
