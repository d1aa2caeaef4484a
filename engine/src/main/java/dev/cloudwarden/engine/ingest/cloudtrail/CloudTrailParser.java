package dev.cloudwarden.engine.ingest.cloudtrail;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.net.Addresses;

import java.util.List;

/**
 * AWS CloudTrail records, management and data events alike (the record format is the same; data events
 * add {@code resources} and, for S3, byte counts in {@code additionalEventData}).
 *
 * <p>The actor is the identity's ARN (for roles, the assumed-role ARN with its session), falling back to
 * the invoking service for {@code AWSService} identities. Console sign-ins are Authentication events whose
 * outcome comes from {@code responseElements.ConsoleLogin}.
 */
final class CloudTrailParser extends ExtractingJsonParser {
    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    private static final int EVENT_TIME = PATHS.path("eventTime");
    private static final int EVENT_SOURCE = PATHS.path("eventSource");
    private static final int EVENT_NAME = PATHS.path("eventName");
    private static final int EVENT_ID = PATHS.path("eventID");
    private static final int REGION = PATHS.path("awsRegion");
    private static final int RECIPIENT_ACCOUNT = PATHS.path("recipientAccountId");
    private static final int SOURCE_IP = PATHS.path("sourceIPAddress");
    private static final int USER_AGENT = PATHS.path("userAgent");
    private static final int ERROR_CODE = PATHS.path("errorCode");
    private static final int ERROR_MESSAGE = PATHS.path("errorMessage");
    private static final int ID_TYPE = PATHS.path("userIdentity.type");
    private static final int ID_ARN = PATHS.path("userIdentity.arn");
    private static final int ID_PRINCIPAL = PATHS.path("userIdentity.principalId");
    private static final int ID_USER = PATHS.path("userIdentity.userName");
    private static final int ID_ACCOUNT = PATHS.path("userIdentity.accountId");
    private static final int ID_KEY = PATHS.path("userIdentity.accessKeyId");
    private static final int ID_INVOKED_BY = PATHS.path("userIdentity.invokedBy");
    private static final int ID_MFA = PATHS.path("userIdentity.sessionContext.attributes.mfaAuthenticated");
    private static final int MFA_USED = PATHS.path("additionalEventData.MFAUsed");
    private static final int BYTES_IN = PATHS.path("additionalEventData.bytesTransferredIn");
    private static final int BYTES_OUT = PATHS.path("additionalEventData.bytesTransferredOut");
    private static final int CONSOLE_LOGIN = PATHS.path("responseElements.ConsoleLogin");
    private static final int HOST_HEADER = PATHS.path("tlsDetails.clientProvidedHostHeader");
    private static final int RESOURCE_ARN = PATHS.path("resources.ARN");
    private static final int RESOURCE_TYPE = PATHS.path("resources.type");
    private static final int BUCKET = PATHS.path("requestParameters.bucketName");
    private static final int OBJECT_KEY = PATHS.path("requestParameters.key");
    private static final int INSTANCE_ID = PATHS.path("requestParameters.instanceId");
    private static final int INSTANCE_IDS = PATHS.path("requestParameters.instancesSet.items.instanceId");
    private static final int CREATED_INSTANCES = PATHS.path("responseElements.instancesSet.items.instanceId");
    private static final int ROLE_ARN = PATHS.path("requestParameters.roleArn");
    private static final int ROLE_NAME = PATHS.path("requestParameters.roleName");
    private static final int USER_NAME = PATHS.path("requestParameters.userName");
    private static final int POLICY_ARN = PATHS.path("requestParameters.policyArn");
    private static final int GROUP_ID = PATHS.path("requestParameters.groupId");
    private static final int SNAPSHOT_ID = PATHS.path("requestParameters.snapshotId");
    private static final int KEY_ID = PATHS.path("requestParameters.keyId");
    private static final int TRAIL_NAME = PATHS.path("requestParameters.name");
    private static final int HOSTED_ZONE = PATHS.path("requestParameters.hostedZoneId");
    private static final int FUNCTION_NAME = PATHS.path("requestParameters.functionName");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    CloudTrailParser() {
        super(SourceType.CLOUDTRAIL, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        String eventName = f.nonEmpty(EVENT_NAME);
        String eventSource = f.nonEmpty(EVENT_SOURCE);
        EventBuilder b = builder(raw, context, f.get(EVENT_TIME)).origin(origin).uid(f.nonEmpty(EVENT_ID));
        String account = f.nonEmpty(RECIPIENT_ACCOUNT) != null ? f.get(RECIPIENT_ACCOUNT) : f.get(ID_ACCOUNT);
        b.cloud(Cloud.aws(account, f.get(REGION)));
        b.operation(eventSource, eventName);
        b.actor(actor(f));
        b.userAgent(f.nonEmpty(USER_AGENT));
        b.src(endpointOf(f.nonEmpty(SOURCE_IP)));
        String host = f.nonEmpty(HOST_HEADER) != null ? f.get(HOST_HEADER) : eventSource;
        b.dst(host == null ? Endpoint.NONE : new Endpoint(null, null, host));
        b.outcome(outcome(f));
        Long in = f.getLong(BYTES_IN);
        Long out = f.getLong(BYTES_OUT);
        if (in != null || out != null) {
            // S3 counts from the bucket's side: bytes transferred out of S3 are what the caller received.
            b.traffic(new Traffic(out, in, null, null));
        }
        if ("ConsoleLogin".equals(eventName) || "signin.amazonaws.com".equals(eventSource)) {
            b.ocsfClass(OcsfClass.AUTHENTICATION);
        }
        resources(f, b);
        return b.build();
    }

    private static Actor actor(ExtractedFields f) {
        String type = f.nonEmpty(ID_TYPE);
        String principal = f.nonEmpty(ID_ARN);
        if (principal == null) {
            principal = "AWSService".equals(type) ? f.nonEmpty(ID_INVOKED_BY) : null;
        }
        if (principal == null) {
            principal = f.nonEmpty(ID_USER) != null ? f.get(ID_USER) : f.nonEmpty(ID_PRINCIPAL);
        }
        Boolean mfa = f.getBoolean(ID_MFA);
        if (mfa == null) {
            mfa = f.getBoolean(MFA_USED);
        }
        return new Actor(principal, type, f.nonEmpty(ID_KEY), sessionName(f), mfa);
    }

    /** The role session name: the last part of an assumed-role ARN, or of a principal id "AROA...:name". */
    private static String sessionName(ExtractedFields f) {
        String arn = f.get(ID_ARN);
        if (arn != null && arn.contains(":assumed-role/")) {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
        String principalId = f.get(ID_PRINCIPAL);
        int colon = principalId == null ? -1 : principalId.indexOf(':');
        return colon > 0 ? principalId.substring(colon + 1) : null;
    }

    private static Outcome outcome(ExtractedFields f) {
        String code = f.nonEmpty(ERROR_CODE);
        if (code != null) {
            return Outcome.failure(code, f.nonEmpty(ERROR_MESSAGE));
        }
        String login = f.get(CONSOLE_LOGIN);
        if ("Failure".equalsIgnoreCase(login)) {
            return Outcome.failure("Failure", f.nonEmpty(ERROR_MESSAGE));
        }
        return Outcome.SUCCESS;
    }

    /** sourceIPAddress holds an address, or the name of the AWS service that called on the user's behalf. */
    private static Endpoint endpointOf(String sourceIp) {
        if (sourceIp == null) {
            return Endpoint.NONE;
        }
        return Addresses.looksLikeIp(sourceIp) ? Endpoint.ip(sourceIp) : new Endpoint(null, null, sourceIp);
    }

    private static void resources(ExtractedFields f, EventBuilder b) {
        List<String> arns = f.all(RESOURCE_ARN);
        List<String> types = f.all(RESOURCE_TYPE);
        for (int i = 0; i < arns.size(); i++) {
            b.resource(i < types.size() ? types.get(i) : null, arns.get(i));
        }
        b.resource("AWS::S3::Bucket", f.get(BUCKET));
        if (f.get(BUCKET) != null && f.get(OBJECT_KEY) != null) {
            b.resource("AWS::S3::Object", f.get(BUCKET) + "/" + f.get(OBJECT_KEY));
        }
        b.resource("AWS::EC2::Instance", f.get(INSTANCE_ID));
        f.all(INSTANCE_IDS).forEach(id -> b.resource("AWS::EC2::Instance", id));
        f.all(CREATED_INSTANCES).forEach(id -> b.resource("AWS::EC2::Instance", id));
        b.resource("AWS::IAM::Role", f.get(ROLE_ARN) != null ? f.get(ROLE_ARN) : f.get(ROLE_NAME));
        b.resource("AWS::IAM::User", f.get(USER_NAME));
        b.resource("AWS::IAM::Policy", f.get(POLICY_ARN));
        b.resource("AWS::EC2::SecurityGroup", f.get(GROUP_ID));
        b.resource("AWS::EC2::Snapshot", f.get(SNAPSHOT_ID));
        b.resource("AWS::KMS::Key", f.get(KEY_ID));
        b.resource("AWS::Route53::HostedZone", f.get(HOSTED_ZONE));
        b.resource("AWS::Lambda::Function", f.get(FUNCTION_NAME));
        if ("cloudtrail.amazonaws.com".equals(f.get(EVENT_SOURCE))) {
            b.resource("AWS::CloudTrail::Trail", f.get(TRAIL_NAME));
        }
    }
}
