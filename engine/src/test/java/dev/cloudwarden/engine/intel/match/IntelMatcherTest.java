package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which fields of which logs are matched, on lines as the parsers read them. */
class IntelMatcherTest {
    private static final String SHA = "5f3c9e1b8d2a4c6e0f7a9b1d3e5c7a9f1b3d5e7c9a1f3b5d7e9c1a3f5b7d9e1c";
    private static final IntelMatcher MATCHER = new IntelMatcher(IntelIndex.of(List.of(
            Indicator.of(IocType.DOMAIN, "supportxmr.com", "pools", List.of("cloudwarden.a3")),
            Indicator.of(IocType.DOMAIN, "minexmr.com", "pools", List.of("cloudwarden.a3")),
            Indicator.of(IocType.ADDRESS, "192.0.2.200", "pools", List.of()),
            Indicator.of(IocType.ADDRESS, "203.0.113.0/24", "scanners", List.of()),
            Indicator.of(IocType.AWS_ACCESS_KEY, "AKIALEAKEDDEPLOYKEY1", "leaks", List.of()),
            Indicator.of(IocType.USER_AGENT, "Mozilla/5.0 zgrab/0.x", "scanners", List.of()),
            Indicator.of(IocType.URL, "http://www.example.com/wp-login.php", "urls", List.of()),
            Indicator.of(IocType.EMAIL, "alice@example.net", "phish", List.of()),
            Indicator.of(IocType.DOMAIN, "mail.example.net", "phish", List.of()),
            Indicator.of(IocType.SHA256, SHA, "images", List.of()))));

    private static List<IntelMatch> matches(Event e) {
        return MATCHER.matches(e);
    }

    @Test
    void aResolverQueryMatchesItsNameAgainstParentDomainsAndItsAnswers() {
        Event e = Parsed.event("resolver.jsonl", """
                {"version":"1.100000","account_id":"111122223333","region":"us-east-1","vpc_id":"vpc-0a1b2c3d4e5f60718",\
                "query_timestamp":"2026-03-16T08:12:44Z","query_name":"Pool.SupportXMR.com.","query_type":"A","query_class":"IN",\
                "rcode":"NOERROR","answers":[{"Rdata":"192.0.2.200","Type":"A","Class":"IN"},\
                {"Rdata":"eu.minexmr.com.","Type":"CNAME","Class":"IN"}],"srcaddr":"10.0.1.23","srcport":"48211",\
                "transport":"UDP","srcids":{"instance":"i-0f1e2d3c4b5a69788"}}""");
        assertThat(matches(e)).extracting(IntelMatch::field, IntelMatch::type, IntelMatch::observed).containsExactly(
                tuple("dst.host", IocType.DOMAIN, "pool.supportxmr.com"),
                tuple("dns.answer", IocType.ADDRESS, "192.0.2.200"),
                tuple("dns.answer", IocType.DOMAIN, "eu.minexmr.com"));
    }

    @Test
    void aFlowRecordMatchesEitherEndAgainstAddressesAndRanges() {
        List<Event> flows = Parsed.events("flows.log", """
                2 111122223333 eni-0a1b2c3d 10.0.2.44 192.0.2.200 51234 3333 6 900 412000 1773648000 1773648060 ACCEPT OK
                2 111122223333 eni-0a1b2c3d 203.0.113.50 10.0.2.44 40112 2375 6 4 240 1773648000 1773648060 REJECT OK
                2 111122223333 eni-0a1b2c3d 10.0.2.44 10.0.2.45 51234 5432 6 20 4249 1773648000 1773648060 ACCEPT OK
                """);
        assertThat(matches(flows.get(0))).extracting(IntelMatch::field, IntelMatch::observed)
                .containsExactly(tuple("dst.ip", "192.0.2.200"));
        assertThat(matches(flows.get(1))).extracting(IntelMatch::field, IntelMatch::observed)
                .containsExactly(tuple("src.ip", "203.0.113.50"));
        assertThat(matches(flows.get(2))).isEmpty();
    }

    @Test
    void aCloudTrailCallMatchesItsAccessKeySourceAddressAndUserAgent() {
        Event e = Parsed.event("trail.json", """
                {"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA6ON6E4XEGITEXAMPLE",\
                "arn":"arn:aws:iam::111122223333:user/deploy-bot","accountId":"111122223333","accessKeyId":"AKIALEAKEDDEPLOYKEY1",\
                "userName":"deploy-bot"},"eventTime":"2026-03-16T08:00:03Z","eventSource":"ec2.amazonaws.com",\
                "eventName":"RunInstances","awsRegion":"ap-southeast-3","sourceIPAddress":"203.0.113.150",\
                "userAgent":"Mozilla/5.0 zgrab/0.x","requestParameters":{"instanceType":"p3.16xlarge"},\
                "responseElements":null,"eventID":"3b7e4f4c-1a2b-4c3d-8e9f-0a1b2c3d4e5f","eventType":"AwsApiCall",\
                "recipientAccountId":"111122223333"}]}""");
        assertThat(matches(e)).extracting(IntelMatch::field).containsExactly("src.ip", "actor.accessKeyId", "userAgent");
    }

    @Test
    void anAlbRequestMatchesItsUrlWhateverThePortAndScheme() {
        Event e = Parsed.event("alb.log", "http 2026-03-16T08:00:03.550412Z app/prod-web/5f1c2b3a4d5e6f70 198.51.100.50:40112 - -1 -1 -1 301 - 142 390 "
                + "\"GET http://www.example.com:80/wp-login.php HTTP/1.1\" \"curl/8.5.0\" - - - "
                + "\"Root=1-65f55433-0f1e2d3c4b5a69788796a5b4\" \"-\" \"-\" 0 2026-03-16T08:00:03.550000Z \"redirect\" "
                + "\"https://www.example.com:443/wp-login.php\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_0a9b8c7d6e5f4a3b");
        // the URL, and (one level lower) its host, as a proxy's or flow's record would show it
        assertThat(matches(e)).extracting(IntelMatch::field, IntelMatch::observed).containsExactly(
                tuple("dst.host", "www.example.com"), tuple("url", "http://www.example.com:80/wp-login.php"));
    }

    @Test
    void anEximArrivalMatchesTheSenderAddressAndThePeersName() {
        Event e = Parsed.event("mainlog", "2026-03-16 08:01:13 1tXyZa-000AbC-Q1 <= alice@example.net H=mail.example.net "
                + "[198.51.100.4]:49152 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=4821 id=CAFx1abc234@mail.example.net");
        assertThat(matches(e)).extracting(IntelMatch::type, IntelMatch::observed).containsExactlyInAnyOrder(
                tuple(IocType.DOMAIN, "mail.example.net"), tuple(IocType.EMAIL, "alice@example.net"));
    }

    @Test
    void dockerdLinesMatchImageDigestsAndPoolsInAContainersCommandLine() {
        List<Event> events = Parsed.events("daemon.log", """
                time="2026-03-16T09:20:42.010543120Z" level=debug msg="Calling POST /v1.44/images/create?fromImage=pocosow%%2Fcentos&tag=7"
                time="2026-03-16T09:20:43.010543120Z" level=debug msg="Calling POST /v1.44/containers/create"
                time="2026-03-16T09:20:44.870371288Z" level=debug msg="form data: {\\"Image\\":\\"pocosow/centos@sha256:%s\\",\\"Cmd\\":[\\"/bin/sh\\",\\"-c\\",\\"xmrig -o stratum+tcp://pool.minexmr.com:4444 -u 4AB3x\\"]}"
                """.formatted(SHA));
        assertThat(matches(events.get(0))).isEmpty();
        assertThat(matches(events.get(2))).extracting(IntelMatch::field, IntelMatch::type, IntelMatch::observed)
                .containsExactly(tuple("image.digest", IocType.SHA256, SHA),
                        tuple("cmdline.host", IocType.DOMAIN, "pool.minexmr.com"));
    }

    @Test
    void onlyIndicatorsValidAtTheEventsTimeMatch() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant until = Instant.parse("2026-03-10T00:00:00Z");
        Indicator windowed = new Indicator("indicator--1", IocType.ADDRESS, "192.0.2.200", "feed", 80, List.of(),
                from, until, List.of(), null);
        Indicator always = Indicator.of(IocType.ADDRESS, "192.0.2.200", "other", List.of());
        IntelMatcher matcher = new IntelMatcher(IntelIndex.of(List.of(windowed, always)));
        String line = "2 111122223333 eni-0a1b2c3d 10.0.2.44 192.0.2.200 51234 3333 6 900 412000 %d %d ACCEPT OK";
        Event before = Parsed.event("f.log", line.formatted(from.getEpochSecond() - 60, from.getEpochSecond()));
        Event during = Parsed.event("f.log", line.formatted(from.getEpochSecond(), from.getEpochSecond() + 60));
        Event after = Parsed.event("f.log", line.formatted(until.getEpochSecond(), until.getEpochSecond() + 60));
        assertThat(matcher.matches(before).get(0).indicators()).containsExactly(always);
        assertThat(matcher.matches(during).get(0).indicators()).containsExactly(windowed, always);
        assertThat(matcher.matches(after).get(0).indicators()).containsExactly(always);
        IntelMatcher onlyExpired = new IntelMatcher(IntelIndex.of(List.of(windowed)));
        assertThat(onlyExpired.matches(after)).isEmpty();
    }

    @Test
    void aValueInTwoFieldsIsReportedOnce() {
        Event e = Parsed.event("resolver.jsonl", """
                {"version":"1.100000","account_id":"111122223333","region":"us-east-1","vpc_id":"vpc-0a1b2c3d4e5f60718",\
                "query_timestamp":"2026-03-16T08:12:44Z","query_name":"pool.supportxmr.com.","query_type":"CNAME","query_class":"IN",\
                "rcode":"NOERROR","answers":[{"Rdata":"pool.supportxmr.com.","Type":"CNAME","Class":"IN"}],\
                "srcaddr":"10.0.1.23","srcport":"48211","transport":"UDP","srcids":{"instance":"i-0f1e2d3c4b5a69788"}}""");
        assertThat(matches(e)).hasSize(1);
    }

    @Test
    void attackerControlledJunkInEveryFieldMatchesNothingAndNeverThrows() {
        List<Event> events = Parsed.events("access.log", """
                203.0.113.9x - - [16/Mar/2026:08:00:01 +0000] "GET /\\x00\\xff HTTP/1.1" 400 0 "-" "\\u202e"
                - - - [16/Mar/2026:08:00:02 +0000] "GET http://[::1/x HTTP/1.1" 400 0 "-" "-"
                ::ffff:zz - - [16/Mar/2026:08:00:03 +0000] "CONNECT pool.minexmr.com:4444x HTTP/1.1" 400 0 "-" "-"
                """);
        assertThat(events).hasSize(3);
        IntelMatcher everything = new IntelMatcher(IntelIndex.of(List.of(
                Indicator.of(IocType.ADDRESS, "0.0.0.0/0", "all", List.of()),
                Indicator.of(IocType.ADDRESS, "::/0", "all", List.of()),
                Indicator.of(IocType.URL, "http://x.example/", "u", List.of()))));
        for (Event e : events) {
            assertThat(everything.matches(e)).as(e.raw().text()).isEmpty();
        }
    }
}
