package dev.cloudwarden.simulate.cloud;

import dev.cloudwarden.simulate.scenario.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's wire format, seed and faults, over plain HTTP (the SDK's view is tested with the actions in app). */
class FakeAwsTest {
    private FakeAws fake;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        fake = FakeAws.startWithEstate(0);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> query(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(fake.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEstateIsSeededFromItsConfigSnapshot() {
        CloudState s = fake.state();
        assertThat(s.instances).hasSize(World.INSTANCES.size());
        assertThat(s.enisOf(s.instances.get(World.INSTANCES.get(0)[0]))).hasSize(2);
        assertThat(s.volumes).hasSize(2 * World.INSTANCES.size());
        assertThat(s.buckets).containsKeys("acme-customer-exports", "acme-web-assets");
        assertThat(s.keys.get("AKIASTOLENERINKEY001").user).isEqualTo("erin");
        assertThat(s.groups.values()).allSatisfy(g -> assertThat(g.egress).isNotEmpty());
        assertThat(s.zones.get(EstateSeed.ZONE_ID).find(EstateSeed.LOGIN_RECORD, "A")).isPresent();
    }

    @Test
    void ec2ErrorsAreWrittenAsEc2WritesThem() throws Exception {
        HttpResponse<String> r = query("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0000000000000dead");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>")
                .contains("<RequestID>");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void queryErrorsAndResultsUseTheQueryEnvelope() throws Exception {
        HttpResponse<String> missing = query("Action=GetUserPolicy&Version=2010-05-08&UserName=erin&PolicyName=nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<ErrorResponse>").contains("<Code>NoSuchEntity</Code>").contains("<RequestId>");
        HttpResponse<String> ok = query("Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(ok.body()).contains("<GetCallerIdentityResult>").contains("<Account>" + World.ACCOUNT + "</Account>")
                .contains("<ResponseMetadata><RequestId>");
    }

    @Test
    void cloudTrailTakesOneLookupAttributeAsCloudTrailDoes() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(fake.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
                        + "\"AttributeValue\":\"PutBucketPolicy\"},{\"AttributeKey\":\"Username\",\"AttributeValue\":\"alice\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"InvalidLookupAttributesException\"");
    }

    @Test
    void injectedFaultsHitTheChosenCallsOnly() throws Exception {
        fake.fail("DescribeVolumes", 2, 1, 503, "RequestLimitExceeded");
        String form = "Action=DescribeVolumes&Version=2016-11-15";
        assertThat(query(form).statusCode()).isEqualTo(200);
        assertThat(query(form).body()).contains("<Code>RequestLimitExceeded</Code>");
        assertThat(query(form).statusCode()).isEqualTo(200);
        assertThat(fake.calls("DescribeVolumes")).isEqualTo(3);
        assertThat(fake.requests()).isEqualTo(3);
    }

    @Test
    void aSnapshotCompletesAfterItIsDescribedEnough() throws Exception {
        String volume = fake.state().volumes.keySet().iterator().next();
        String created = query("Action=CreateSnapshot&Version=2016-11-15&VolumeId=" + volume).body();
        String id = created.replaceAll("(?s).*<snapshotId>([^<]+)</snapshotId>.*", "$1");
        String describe = "Action=DescribeSnapshots&Version=2016-11-15&SnapshotId.1=" + id;
        assertThat(query(describe).body()).contains("<status>pending</status>");
        assertThat(query(describe).body()).contains("<status>completed</status>");
    }

    @Test
    void aRoute53DeleteMustNameTheCurrentValue() throws Exception {
        String batch = "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch>"
                + "<Changes><Change><Action>DELETE</Action><ResourceRecordSet><Name>login.acme.example.</Name><Type>A</Type>"
                + "<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>"
                + "</ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(fake.endpoint() + "/2013-04-01/hostedzone/" + EstateSeed.ZONE_ID + "/rrset/"))
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidChangeBatch</Code>");
        assertThat(fake.state().zones.get(EstateSeed.ZONE_ID).find(EstateSeed.LOGIN_RECORD, "A")).isPresent();
    }
}
