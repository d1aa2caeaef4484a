package dev.cloudwarden.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** Builds CloudTrail records for scenarios: who, from where, which call, with what parameters and result. */
public final class CloudTrailRecords {
    private CloudTrailRecords() {
    }

    /** An identity as CloudTrail's {@code userIdentity} writes it. */
    public record Identity(String type, String arn, String account, String accessKey, String userName) {
        public static Identity user(String account, String name, String key) {
            return new Identity("IAMUser", "arn:aws:iam::" + account + ":user/" + name, account, key, name);
        }

        public static Identity role(String account, String role, String session, String key) {
            return new Identity("AssumedRole", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session,
                    account, key, null);
        }
    }

    /** Writes a call's parameters, response and extra top-level fields. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public static String call(Instant t, Identity who, String ip, String agent, String source, String name, String region,
                              Body request, String errorCode, Body extra, long seed) {
        return call(t, who, who.account(), ip, agent, source, name, region, request, errorCode, extra, seed);
    }

    /** An S3 data event: {@code who} read {@code bytes} of {@code bucket}/{@code key} (us-east-1). */
    public static String getObject(Instant t, Identity who, String ip, String agent, String bucket, String key, long bytes,
                                   long seed) {
        return call(t, who, ip, agent, "s3.amazonaws.com", "GetObject", "us-east-1", g -> {
            g.writeStringField("bucketName", bucket);
            g.writeStringField("key", key);
        }, null, g -> {
            g.writeObjectFieldStart("additionalEventData");
            g.writeNumberField("bytesTransferredIn", 0);
            g.writeNumberField("bytesTransferredOut", bytes);
            g.writeEndObject();
            g.writeStringField("eventCategory", "Data");
        }, seed);
    }

    /** A call into {@code recipientAccount}, which differs from the caller's when a role is assumed across accounts. */
    public static String call(Instant t, Identity who, String recipientAccount, String ip, String agent, String source,
                              String name, String region, Body request, String errorCode, Body extra, long seed) {
        return Formats.json(g -> {
            g.writeStringField("eventVersion", "1.09");
            identity(g, who);
            if (who.type().equals("AssumedRole")) {
                g.writeObjectFieldStart("sessionContext");
                g.writeObjectFieldStart("sessionIssuer");
                g.writeStringField("type", "Role");
                g.writeStringField("arn", who.arn().replace(":sts:", ":iam:").replace("assumed-role/", "role/")
                        .replaceAll("/[^/]+$", ""));
                g.writeEndObject();
                g.writeObjectFieldStart("attributes");
                g.writeStringField("mfaAuthenticated", "false");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("eventTime", Formats.isoSeconds(t));
            g.writeStringField("eventSource", source);
            g.writeStringField("eventName", name);
            g.writeStringField("awsRegion", region);
            g.writeStringField("sourceIPAddress", ip);
            g.writeStringField("userAgent", agent);
            if (request == null) {
                g.writeNullField("requestParameters");
            } else {
                g.writeObjectFieldStart("requestParameters");
                request.write(g);
                g.writeEndObject();
            }
            if (errorCode != null) {
                g.writeStringField("errorCode", errorCode);
                g.writeStringField("errorMessage", errorCode.equals("AccessDenied") ? "Access Denied"
                        : "You are not authorized to perform this operation.");
            }
            if (extra != null) {
                extra.write(g);
            }
            g.writeStringField("requestID", new UUID(seed, t.toEpochMilli()).toString());
            g.writeStringField("eventID", new UUID(t.toEpochMilli(), seed).toString());
            g.writeStringField("eventType", "AwsApiCall");
            g.writeStringField("recipientAccountId", recipientAccount);
        });
    }

    /** Opens {@code userIdentity} and writes the identity's fields; the caller closes it. */
    private static void identity(JsonGenerator g, Identity who) throws IOException {
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", who.type());
        g.writeStringField("arn", who.arn());
        g.writeStringField("accountId", who.account());
        if (who.accessKey() != null) {
            g.writeStringField("accessKeyId", who.accessKey());
        }
        if (who.userName() != null) {
            g.writeStringField("userName", who.userName());
        }
    }

    /** A console sign-in, successful or not, with or without MFA. */
    public static String consoleLogin(Instant t, Identity who, String ip, String agent, boolean success, boolean mfa, long seed) {
        return Formats.json(g -> {
            g.writeStringField("eventVersion", "1.09");
            identity(g, who);
            g.writeEndObject();
            g.writeStringField("eventTime", Formats.isoSeconds(t));
            g.writeStringField("eventSource", "signin.amazonaws.com");
            g.writeStringField("eventName", "ConsoleLogin");
            g.writeStringField("awsRegion", "us-east-1");
            g.writeStringField("sourceIPAddress", ip);
            g.writeStringField("userAgent", agent);
            g.writeNullField("requestParameters");
            g.writeObjectFieldStart("responseElements");
            g.writeStringField("ConsoleLogin", success ? "Success" : "Failure");
            g.writeEndObject();
            g.writeObjectFieldStart("additionalEventData");
            g.writeStringField("LoginTo", "https://console.aws.amazon.com/console/home");
            g.writeStringField("MobileVersion", "No");
            g.writeStringField("MFAUsed", mfa ? "Yes" : "No");
            g.writeEndObject();
            if (!success) {
                g.writeStringField("errorMessage", "Failed authentication");
            }
            g.writeStringField("eventID", new UUID(seed, t.toEpochMilli()).toString());
            g.writeStringField("eventType", "AwsConsoleSignIn");
            g.writeStringField("recipientAccountId", who.account());
        });
    }
}
