package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.alert.Level;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A2, data theft: a principal downloading far more than it usually does. Counted from CloudTrail S3 data events
 * (successful reads, the bytes S3 sent: {@code additionalEventData.bytesTransferredOut}), keyed by principal. A
 * role's sessions share one baseline (the assumed-role ARN is turned into the role's: session names are new on
 * every assumption), and an IAM user is its ARN; a stolen or new access key of a known user therefore meets that
 * user's baseline.
 */
public final class PrincipalDownload implements VolumeDetector.Measure {
    public static final BehaviorRule RULE = new BehaviorRule(BehaviorRule.PREFIX + "principal_download",
            "Abnormal download volume by a principal", Level.HIGH, List.of("attack.t1530", "cloudwarden.a2"));

    private static final Set<String> READS = Set.of("GetObject", "SelectObjectContent", "GetObjectTorrent");

    public static VolumeDetector detector(VolumeConfig config, Duration idleExpiry) {
        return new VolumeDetector(RULE, new PrincipalDownload(), config, idleExpiry);
    }

    @Override
    public String keyOf(Event e) {
        if (e.source() != SourceType.CLOUDTRAIL || e.outcome().status() == Outcome.Status.FAILURE
                || !"s3.amazonaws.com".equals(e.operation().service()) || e.operation().name() == null
                || !READS.contains(e.operation().name())) {
            return null;
        }
        Long bytes = e.traffic().bytesIn();
        String principal = e.actor().principal();
        return bytes == null || bytes <= 0 || principal == null ? null : principal(principal);
    }

    @Override
    public long bytesOf(Event e) {
        return e.traffic().bytesIn();
    }

    /** {@code arn:aws:sts::A:assumed-role/R/session} becomes {@code arn:aws:iam::A:role/R}; other principals stay. */
    static String principal(String arn) {
        int assumed = arn.indexOf(":assumed-role/");
        if (!arn.startsWith("arn:") || assumed < 0) {
            return arn;
        }
        int session = arn.lastIndexOf('/');
        String role = session > assumed + 14 ? arn.substring(assumed + 14, session) : arn.substring(assumed + 14);
        return arn.substring(0, assumed).replace(":sts:", ":iam:") + ":role/" + role;
    }
}
