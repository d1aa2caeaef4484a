package dev.cloudwarden.app.live.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueUrlTest {
    @Test
    void takesTheRegionFromAnAwsHostOverTheConfiguredOne() {
        assertThat(QueueUrl.parse("https://sqs.eu-west-1.amazonaws.com/111122223333/trail").region("us-east-1"))
                .isEqualTo("eu-west-1");
        assertThat(QueueUrl.parse("https://sqs-fips.us-gov-west-1.amazonaws.com/1/q").region(null))
                .isEqualTo("us-gov-west-1");
        assertThat(QueueUrl.parse("https://sqs.cn-north-1.amazonaws.com.cn/1/q").region(null)).isEqualTo("cn-north-1");
        assertThat(QueueUrl.parse("https://vpce-0abc-1def.sqs.ap-south-1.vpce.amazonaws.com/1/q").region(null))
                .isEqualTo("ap-south-1");
        assertThat(QueueUrl.parse("https://eu-central-1.queue.amazonaws.com/1/q").region(null)).isEqualTo("eu-central-1");
        assertThat(QueueUrl.parse("https://queue.amazonaws.com/1/q").region(null)).isEqualTo("us-east-1");
    }

    @Test
    void sendsTheClientToTheQueuesHostAndNeedsARegionWhenTheHostHasNone() {
        QueueUrl local = QueueUrl.parse("http://localhost:4566/000000000000/trail");
        assertThat(local.endpoint()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(local.region("us-east-1")).isEqualTo("us-east-1");
        assertThatThrownBy(() -> local.region(null)).hasMessage(
                "http://localhost:4566/000000000000/trail: the queue's region is not in its host; set the region");
    }

    @Test
    void refusesWhatIsNotAQueueUrl() {
        assertThatThrownBy(() -> QueueUrl.parse("trail")).hasMessageStartingWith("'trail' is not an SQS queue URL");
        assertThatThrownBy(() -> QueueUrl.parse("ftp://h/1/q")).hasMessageStartingWith("'ftp://h/1/q' is not an SQS");
        assertThatThrownBy(() -> QueueUrl.parse("https://h /q")).hasMessageStartingWith("'https://h /q' is not an SQS");
    }
}
