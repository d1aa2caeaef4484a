package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail records written as AWS documents them and read through the real reader and parser, for run tests:
 * assumed-role calls (the role's per-call session names differ), console logins and S3 reads.
 */
final class Trails {
    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    /** SigmaHQ's low-level AssumeRole misuse rule, in spirit: any call by an assumed role; and a failed console login. */
    static final String RULES = """
            title: Call by an assumed role
            id: 7f3c1d52-5a54-4f0e-8f0e-0a1b2c3d4e01
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection:
                userIdentity.type: AssumedRole
              condition: selection
            level: low
            tags: [attack.t1078.004]
            ---
            title: Console login failed
            id: 7f3c1d52-5a54-4f0e-8f0e-0a1b2c3d4e02
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection:
                eventName: ConsoleLogin
                responseElements.ConsoleLogin: Failure
              condition: selection
            level: medium
            tags: [attack.t1110, cloudwarden.t2]
            grouping:
              by: [sourceIPAddress]
              period: 10m
            """;

    private Trails() {
    }

    static RuleSet rules() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("run-test.yml", RULES)), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        return set;
    }

    /** A call by {@code role}'s session {@code session} in account 111122223333, {@code seconds} after T0. */
    static String assumedRoleCall(long seconds, String role, String session, String eventName, String ip) {
        return """
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:%2$s",\
                "arn":"arn:aws:sts::111122223333:assumed-role/%1$s/%2$s","accountId":"111122223333",\
                "accessKeyId":"ASIAEXAMPLE%3$04d","sessionContext":{"sessionIssuer":{"type":"Role",\
                "arn":"arn:aws:iam::111122223333:role/%1$s"}}},"eventTime":"%4$s","eventSource":"ec2.amazonaws.com",\
                "eventName":"%5$s","awsRegion":"eu-west-1","sourceIPAddress":"%6$s","userAgent":"aws-cli/2.15",\
                "requestParameters":null,"responseElements":null,"eventID":"%7$s","readOnly":true,\
                "eventType":"AwsApiCall","recipientAccountId":"111122223333"}"""
                .formatted(role, session, Math.floorMod(session.hashCode(), 10_000), T0.plusSeconds(seconds),
                        eventName, ip, uuid(seconds, session));
    }

    /** A failed console login of IAM user {@code user} from {@code ip}. */
    static String failedLogin(long seconds, String user, String ip) {
        return """
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",\
                "arn":"arn:aws:iam::111122223333:user/%1$s","accountId":"111122223333","userName":"%1$s"},\
                "eventTime":"%2$s","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",\
                "awsRegion":"us-east-1","sourceIPAddress":"%3$s","userAgent":"Mozilla/5.0","requestParameters":null,\
                "responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No"},\
                "eventID":"%4$s","eventType":"AwsConsoleSignIn","recipientAccountId":"111122223333"}"""
                .formatted(user, T0.plusSeconds(seconds), ip, uuid(seconds, user + ip));
    }

    private static String uuid(long seconds, String salt) {
        return java.util.UUID.nameUUIDFromBytes((seconds + "/" + salt).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The records, one per line, read through the real reader and CloudTrail parser; no rejections allowed. */
    static List<Event> events(List<String> records) {
        byte[] ndjson = (String.join("\n", records) + "\n").getBytes(StandardCharsets.UTF_8);
        GoldenFiles.Collected read = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes("trail.jsonl", ndjson, T0), read);
        assertThat(read.rejections).extracting(Rejection::message).isEmpty();
        return read.events;
    }
}
