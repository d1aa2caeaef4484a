package dev.cloudwarden.app.live.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each message shape AWS documents, as a queue receives it. */
class S3NotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_"
            + "20240801T1340Z_a1.json.gz";

    /** An S3 event notification (event structure version 2.1) for one object. */
    static String s3Event(String eventName, String bucket, String encodedKey) {
        return "{\"Records\":[" + s3Record(eventName, bucket, encodedKey) + "]}";
    }

    static String s3Record(String eventName, String bucket, String encodedKey) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"2024-08-01T13:40:01.000Z","eventName":"%s",
                "userIdentity":{"principalId":"AWS:AROAEXAMPLE:regionalDeliverySession"},
                "requestParameters":{"sourceIPAddress":"10.0.0.1"},
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"cloudtrail","bucket":{"name":"%s",
                "ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%2$s"},
                "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}
                """.formatted(eventName, bucket, encodedKey);
    }

    /** The SNS envelope around {@code message}, as SQS holds it without raw message delivery. */
    static String sns(String message) throws Exception {
        return JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                "TopicArn", "arn:aws:sns:us-east-1:111122223333:cloudtrail", "Subject", "Amazon S3 Notification",
                "Message", message, "Timestamp", "2024-08-01T13:40:01.123Z", "SignatureVersion", "1",
                "Signature", "EXAMPLE", "SigningCertURL", "https://sns.us-east-1.amazonaws.com/x.pem"));
    }

    static String cloudTrailNotification(String bucket, List<String> keys) throws Exception {
        return JSON.writeValueAsString(Map.of("s3Bucket", bucket, "s3ObjectKey", keys));
    }

    static String eventBridge(String detailType, String bucket, String key) {
        return """
                {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"%s","source":"aws.s3",
                "account":"111122223333","time":"2024-08-01T13:40:01Z","region":"us-east-1",
                "resources":["arn:aws:s3:::%s"],"detail":{"version":"0","bucket":{"name":"%2$s"},
                "object":{"key":"%s","size":1024,"etag":"b1946ac92492d2347c6235b4d2611184","sequencer":"00617F08299329D189"},
                "request-id":"N4N7GDK58NMKJ12R","requester":"cloudtrail.amazonaws.com","reason":"PutObject"}}
                """.formatted(detailType, bucket, key);
    }

    static final String TEST_EVENT = """
            {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-08-01T13:39:00.000Z","Bucket":"trail",
            "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
            """;

    @Test
    void decodesS3NotificationKeysAsForms() {
        assertThat(S3Notifications.parse(s3Event("ObjectCreated:Put", "trail", "logs/my+file%2Bplus+%C3%A9%3D.json.gz")))
                .containsExactly(new Notice.Created("trail", "logs/my file+plus é=.json.gz"));
    }

    @Test
    void readsS3NotificationsThroughSnsAndIgnoresRemovals() throws Exception {
        assertThat(S3Notifications.parse(sns(s3Event("ObjectCreated:CompleteMultipartUpload", "trail", KEY))))
                .containsExactly(new Notice.Created("trail", KEY));
        assertThat(S3Notifications.parse(s3Event("ObjectRemoved:Delete", "trail", "a+b")))
                .containsExactly(new Notice.Ignored("s3://trail/a b", "ObjectRemoved:Delete: not a new object"));
    }

    @Test
    void readsCloudTrailNotificationsKeysAsTheyAre() throws Exception {
        assertThat(S3Notifications.parse(sns(cloudTrailNotification("trail", List.of(KEY, "AWSLogs/a+b.json.gz")))))
                .containsExactly(new Notice.Created("trail", KEY), new Notice.Created("trail", "AWSLogs/a+b.json.gz"));
    }

    @Test
    void readsEventBridgeObjectCreatedKeysAsTheyAre() throws Exception {
        assertThat(S3Notifications.parse(eventBridge("Object Created", "trail", "AWSLogs/a+b.json.gz")))
                .containsExactly(new Notice.Created("trail", "AWSLogs/a+b.json.gz"));
        assertThat(S3Notifications.parse(sns(eventBridge("Object Deleted", "trail", "k"))))
                .containsExactly(new Notice.Ignored("s3://trail/k", "EventBridge 'Object Deleted': not a new object"));
    }

    @Test
    void ignoresTestEventsAndSnsSubscriptionMessages() throws Exception {
        assertThat(S3Notifications.parse(TEST_EVENT)).singleElement().isInstanceOf(Notice.Ignored.class)
                .asString().contains("s3:TestEvent for bucket trail");
        assertThat(S3Notifications.parse(sns(TEST_EVENT))).singleElement().isInstanceOf(Notice.Ignored.class);
        String confirmation = JSON.writeValueAsString(Map.of("Type", "SubscriptionConfirmation",
                "TopicArn", "arn:aws:sns:us-east-1:111122223333:cloudtrail", "Message", "You have chosen to subscribe",
                "SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"));
        assertThat(S3Notifications.parse(confirmation)).containsExactly(new Notice.Ignored(null,
                "SNS SubscriptionConfirmation message from arn:aws:sns:us-east-1:111122223333:cloudtrail: nothing to read"));
    }

    @Test
    void saysWhatIsWrongWithAnythingElseAndKeepsTheGoodRecords() throws Exception {
        assertThat(S3Notifications.parse("not json")).containsExactly(new Notice.Malformed("not a JSON object"));
        assertThat(S3Notifications.parse("[1]")).containsExactly(new Notice.Malformed("not a JSON object"));
        assertThat(S3Notifications.parse("{\"hello\":1,\"world\":2}")).containsExactly(new Notice.Malformed(
                "not an S3, SNS, CloudTrail or EventBridge notification (fields: hello, world)"));
        assertThat(S3Notifications.parse(sns("plain text"))).containsExactly(
                new Notice.Malformed("the SNS notification's Message is not a JSON object"));
        String two = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{"
                + "\"bucket\":{\"name\":\"trail\"},\"object\":{\"key\":\"bad%zz\"}}},"
                + s3Record("ObjectCreated:Put", "trail", "good") + "]}";
        assertThat(S3Notifications.parse(two)).hasSize(2).element(1).isEqualTo(new Notice.Created("trail", "good"));
        assertThat(S3Notifications.parse(two).get(0)).isInstanceOf(Notice.Malformed.class).asString()
                .contains("record 0: key 'bad%zz' is not URL-encoded");
        assertThat(S3Notifications.parse("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}")).containsExactly(
                new Notice.Malformed("record 0: eventSource 'aws:sqs' is not aws:s3"));
        assertThat(S3Notifications.parse("{\"s3Bucket\":\"trail\",\"s3ObjectKey\":[1]}")).containsExactly(
                new Notice.Malformed("CloudTrail notification: s3ObjectKey holds NUMBER"));
    }
}
