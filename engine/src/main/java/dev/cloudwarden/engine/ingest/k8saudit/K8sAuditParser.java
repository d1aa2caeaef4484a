package dev.cloudwarden.engine.ingest.k8saudit;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

/**
 * Kubernetes API server audit events ({@code audit.k8s.io/v1} and {@code v1beta1} {@code Event}), as the
 * log backend writes them and as EKS exports them to CloudWatch (the same record). GKE and AKS carry the
 * same event inside their own envelopes; those envelopes are other sources.
 *
 * <p>When a request impersonated someone, the actor is the impersonated user (the identity the request
 * was authorized as, as CloudTrail's actor is the assumed role) and the session names the authenticated
 * user behind it. EKS adds the caller's IAM identity under {@code user.extra}; its access key and session
 * name fill the actor, and its ARN makes the event an AWS one.
 */
final class K8sAuditParser extends ExtractingJsonParser {
    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    /** Annotation names hold dots, so they are given key by key. */
    private static final int DECISION = PATHS.keys("annotations", "authorization.k8s.io/decision");
    private static final int DECISION_REASON = PATHS.keys("annotations", "authorization.k8s.io/reason");
    private static final int STAGE_TIME = PATHS.path("stageTimestamp");
    private static final int RECEIVED_TIME = PATHS.path("requestReceivedTimestamp");
    private static final int V1BETA1_TIME = PATHS.path("timestamp");
    private static final int VERB = PATHS.path("verb");
    private static final int AUDIT_ID = PATHS.path("auditID");
    private static final int REQUEST_URI = PATHS.path("requestURI");
    private static final int USER_NAME = PATHS.path("user.username");
    private static final int USER_GROUPS = PATHS.path("user.groups");
    private static final int EKS_ARN = PATHS.path("user.extra.arn");
    private static final int EKS_ACCESS_KEY = PATHS.path("user.extra.accessKeyId");
    private static final int EKS_SESSION = PATHS.path("user.extra.sessionName");
    private static final int IMPERSONATED_NAME = PATHS.path("impersonatedUser.username");
    private static final int IMPERSONATED_GROUPS = PATHS.path("impersonatedUser.groups");
    private static final int SOURCE_IPS = PATHS.path("sourceIPs");
    private static final int USER_AGENT = PATHS.path("userAgent");
    private static final int NAMESPACE = PATHS.path("objectRef.namespace");
    private static final int RESOURCE = PATHS.path("objectRef.resource");
    private static final int SUBRESOURCE = PATHS.path("objectRef.subresource");
    private static final int NAME = PATHS.path("objectRef.name");
    private static final int RESPONSE_NAME = PATHS.path("responseObject.metadata.name");
    private static final int REQUEST_NAME = PATHS.path("requestObject.metadata.name");
    private static final int STATUS_CODE = PATHS.path("responseStatus.code");
    private static final int STATUS_MESSAGE = PATHS.path("responseStatus.message");
    private static final int STATUS_REASON = PATHS.path("responseStatus.reason");
    /** Panther's EKS export adds the cluster's account; real CloudWatch exports do not. */
    private static final int PANTHER_ACCOUNTS = PATHS.path("p_any_aws_account_ids");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    K8sAuditParser() {
        super(SourceType.K8S_AUDIT, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        String verb = f.nonEmpty(VERB);
        EventBuilder b = builder(raw, context, f.get(STAGE_TIME), f.get(RECEIVED_TIME), f.get(V1BETA1_TIME))
                .origin(origin).uid(f.nonEmpty(AUDIT_ID));
        b.cloud(cloud(f));
        b.actor(actor(f));
        b.src(Endpoint.ip(f.nonEmpty(SOURCE_IPS)));
        b.operation("kubernetes", verb);
        b.outcome(outcome(f));
        b.userAgent(f.nonEmpty(USER_AGENT));
        resource(f, b);
        return b.build();
    }

    private static Cloud cloud(ExtractedFields f) {
        String arn = f.nonEmpty(EKS_ARN);
        String account = arn != null ? arnAccount(arn) : null;
        if (account == null) {
            account = f.nonEmpty(PANTHER_ACCOUNTS);
        }
        // Without an IAM identity nothing in the record says which cloud (if any) runs the cluster.
        return arn != null || account != null ? Cloud.aws(account, null) : Cloud.NONE;
    }

    private static Actor actor(ExtractedFields f) {
        String user = f.nonEmpty(USER_NAME);
        String impersonated = f.nonEmpty(IMPERSONATED_NAME);
        if (impersonated != null) {
            return new Actor(impersonated, PrincipalKind.of(impersonated, f.all(IMPERSONATED_GROUPS)), null, user, null);
        }
        return new Actor(user, user == null ? null : PrincipalKind.of(user, f.all(USER_GROUPS)),
                f.nonEmpty(EKS_ACCESS_KEY), f.nonEmpty(EKS_SESSION), null);
    }

    /**
     * The response code decides; without one (stage RequestReceived, or exporters that drop it) the
     * authorizer's decision still tells a refused request.
     */
    private static Outcome outcome(ExtractedFields f) {
        Integer code = f.getInt(STATUS_CODE);
        if (code != null) {
            if (code < 400) {
                return Outcome.SUCCESS;
            }
            String message = f.nonEmpty(STATUS_MESSAGE);
            return Outcome.failure(String.valueOf(code), message != null ? message : f.nonEmpty(STATUS_REASON));
        }
        if ("forbid".equals(f.get(DECISION))) {
            String reason = f.get(DECISION_REASON);
            return Outcome.failure("forbid", reason == null || reason.isEmpty() ? null : reason);
        }
        return Outcome.UNKNOWN;
    }

    /**
     * The object acted on, typed by its resource ({@code pods}, {@code pods/exec}) and named
     * {@code namespace/name} ({@code name} alone when cluster-scoped). Creates of generated names carry
     * the name only in the request or response object. A request on a whole collection (list, watch,
     * deletecollection) is named {@code namespace/*} or {@code *}, so it still says what was read.
     * Requests outside the resource API ({@code /healthz}, {@code /version}) name their path.
     */
    private static void resource(ExtractedFields f, EventBuilder b) {
        String resource = f.nonEmpty(RESOURCE);
        if (resource == null) {
            String uri = f.nonEmpty(REQUEST_URI);
            if (uri != null) {
                int query = uri.indexOf('?');
                b.resource("nonResourceURL", query < 0 ? uri : uri.substring(0, query));
            }
            return;
        }
        String sub = f.nonEmpty(SUBRESOURCE);
        String type = sub == null ? resource : resource + "/" + sub;
        String name = f.firstNonEmpty(NAME, RESPONSE_NAME, REQUEST_NAME);
        String namespace = f.nonEmpty(NAMESPACE);
        if (name == null) {
            name = "*";
        }
        // A namespace object may list itself as its own namespace; "foo/foo" would name nothing real.
        boolean qualify = namespace != null && !resource.equals("namespaces");
        b.resource(type, qualify ? namespace + "/" + name : name);
    }

    /** The account field of an ARN ({@code arn:aws:sts::123456789012:assumed-role/...}), or null. */
    private static String arnAccount(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : null;
    }
}
