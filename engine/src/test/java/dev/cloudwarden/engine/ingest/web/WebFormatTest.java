package dev.cloudwarden.engine.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebFormatTest {
    @TempDir
    Path dir;

    @Test
    void apacheCombinedGolden() {
        List<Event> events = GoldenFiles.check("web/apache-combined.log");
        assertThat(events).hasSize(23).allMatch(e -> e.source() == SourceType.WEB_ACCESS
                && e.ocsfClass() == OcsfClass.HTTP_ACTIVITY && e.logSource().category().equals("webserver"));

        Event first = events.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-03-16T08:01:12Z"));
        JsonNode raw = first.raw().tree();
        assertThat(raw.get("c-ip").asText()).isEqualTo("198.51.100.14");
        assertThat(raw.get("cs-method").asText()).isEqualTo("GET");
        assertThat(raw.get("cs-uri-stem").asText()).isEqualTo("/");
        assertThat(raw.has("cs-uri-query")).isFalse();
        assertThat(raw.get("sc-status").asInt()).isEqualTo(200);
        assertThat(raw.get("sc-bytes").isNumber()).isTrue();
        assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(first.operation().service()).isEqualTo("http");
        assertThat(first.operation().name()).isEqualTo("GET");
        assertThat(first.traffic().bytesIn()).isEqualTo(10918L);
        assertThat(first.userAgent()).startsWith("Mozilla/5.0 (Windows NT 10.0");

        Event notFound = find(events, "GET /favicon.ico");
        assertThat(notFound.outcome()).isEqualTo(Outcome.failure("404", null));
        assertThat(notFound.raw().tree().get("cs-referer").asText()).isEqualTo("https://www.example.com/");

        Event thinkphp = find(events, "invokefunction");
        assertThat(thinkphp.raw().tree().get("cs-uri-stem").asText()).isEqualTo("/index.php");
        assertThat(thinkphp.raw().tree().get("cs-uri-query").asText())
                .startsWith("s=/Index/\\think\\app/invokefunction&function=call_user_func_array");

        Event tls = find(events, "\\x16\\x03\\x01");
        assertThat(tls.raw().tree().has("cs-method")).isFalse();
        assertThat(tls.raw().tree().get("request").asText()).isEqualTo("\\x16\\x03\\x01\\x02");
        assertThat(tls.operation().name()).isNull();
        assertThat(tls.outcome().errorCode()).isEqualTo("400");

        Event timeout = find(events, "\"-\" 408 -");
        assertThat(timeout.raw().tree().has("request")).isFalse();
        assertThat(timeout.raw().tree().has("sc-bytes")).isFalse();

        Event proxy = find(events, "GET http://example.org/");
        assertThat(proxy.raw().tree().get("cs-host").asText()).isEqualTo("example.org");
        assertThat(proxy.dst().host()).isEqualTo("example.org");
        assertThat(find(events, "CONNECT www.example.org:443").raw().tree().get("cs-host").asText())
                .isEqualTo("www.example.org");

        Event user = find(events, "PUT /dav/notes.txt");
        assertThat(user.actor().principal()).isEqualTo("jsmith");
        assertThat(user.raw().tree().get("cs-username").asText()).isEqualTo("jsmith");

        Event spaces = find(events, "/downloads/report 2026.pdf");
        assertThat(spaces.raw().tree().get("cs-uri-stem").asText()).isEqualTo("/downloads/report 2026.pdf");
        assertThat(spaces.raw().tree().get("cs-version").asText()).isEqualTo("HTTP/1.1");

        Event named = find(events, "googlebot.com");
        assertThat(named.src().ip()).isNull();
        assertThat(named.src().host()).isEqualTo("crawl-66-249-66-1.googlebot.com");
        assertThat(find(events, "HEAD /healthz").src().ip()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
    }

    @Test
    void nginxAndCommonLogFormatGolden() {
        List<Event> nginx = GoldenFiles.check("web/nginx-clf.log");
        assertThat(nginx).hasSize(12);
        assertThat(nginx.get(2).time()).isEqualTo(Instant.parse("2026-02-06T05:00:03Z"));
        assertThat(find(nginx, "GET /a\\x22b").raw().tree().get("cs-uri").asText()).isEqualTo("/a\\x22b");
        assertThat(find(nginx, "\"GET /\" 200").raw().tree().has("cs-version")).isFalse();
        assertThat(find(nginx, "SSH-2.0-Go").raw().tree().get("request").asText()).isEqualTo("SSH-2.0-Go");

        List<Event> common = GoldenFiles.check("web/common.log");
        assertThat(common).hasSize(4);
        assertThat(common.get(0).raw().tree().get("cs-username").asText()).isEqualTo("frank");
        assertThat(common.get(0).userAgent()).isNull();
        assertThat(common.get(1).outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void albGolden() {
        List<Event> events = GoldenFiles.check("web/alb.log");
        assertThat(events).hasSize(9);
        Event first = events.get(0);
        JsonNode raw = first.raw().tree();
        assertThat(first.time()).isEqualTo(Instant.parse("2026-03-16T08:00:01.102934Z"));
        assertThat(raw.get("type").asText()).isEqualTo("https");
        assertThat(raw.get("c-ip").asText()).isEqualTo("198.51.100.14");
        assertThat(raw.get("c-port").asInt()).isEqualTo(52311);
        assertThat(raw.get("cs-host").asText()).isEqualTo("www.example.com");
        assertThat(raw.get("cs-uri").asText()).isEqualTo("https://www.example.com:443/");
        assertThat(raw.get("cs-uri-stem").asText()).isEqualTo("/");
        assertThat(raw.get("target_group_arn").asText()).endsWith("targetgroup/prod-web-tg/0a1b2c3d4e5f6789");
        assertThat(raw.get("trace_id").asText()).isEqualTo("Root=1-65f55431-1a2b3c4d5e6f708192a3b4c5");
        assertThat(raw.get("domain_name").asText()).isEqualTo("www.example.com");
        assertThat(raw.get("ssl_cipher").asText()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(first.src().ip()).isEqualTo("198.51.100.14");
        assertThat(first.src().port()).isEqualTo(52311);
        assertThat(first.dst().ip()).isEqualTo("10.0.11.23");
        assertThat(first.dst().port()).isEqualTo(8080);
        assertThat(first.dst().host()).isEqualTo("www.example.com");
        assertThat(first.traffic().bytesIn()).isEqualTo(10918L);
        assertThat(first.traffic().bytesOut()).isEqualTo(512L);
        assertThat(first.cloud().account()).isEqualTo("111122223333");
        assertThat(first.cloud().region()).isEqualTo("us-east-1");

        Event redirect = events.get(1);
        assertThat(redirect.raw().tree().has("target_ip")).isFalse();
        assertThat(redirect.raw().tree().get("redirect_url").asText()).isEqualTo("https://www.example.com:443/wp-login.php");
        assertThat(redirect.raw().tree().get("request_processing_time").asDouble()).isEqualTo(-1.0);

        Event waf = find(events, "sqlmap");
        assertThat(waf.outcome()).isEqualTo(Outcome.failure("403", null));
        assertThat(waf.raw().tree().get("actions_executed").asText()).isEqualTo("waf");
        assertThat(waf.raw().tree().get("cs-uri-query").asText()).startsWith("id=1%27%20UNION");

        Event malformed = find(events, "\"- - - \"");
        assertThat(malformed.raw().tree().has("cs-method")).isFalse();
        assertThat(malformed.raw().tree().has("request")).isFalse();
        assertThat(malformed.outcome().errorCode()).isEqualTo("400");

        Event ipv6 = find(events, "wss ");
        assertThat(ipv6.src().ip()).isEqualTo("2001:db8:1::42");
        assertThat(ipv6.src().port()).isEqualTo(61500);
        assertThat(find(events, "Ambiguous").raw().tree().get("classification_reason").asText()).isEqualTo("AmbiguousUri");
    }

    @Test
    void malformedLinesAreRejectedWithTheirReasonAndTheNextLinesStillParse() throws IOException {
        Path file = Files.writeString(dir.resolve("access.log"), """
                127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326
                127.0.0.1 - - [10/Foo/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326
                127.0.0.1 - - [10/Oct/2000:13:55:37 -0700] "GET / HTTP/1.0" abc 2326
                127.0.0.1 - - [10/Oct/2000:13:55:38 -0700] "GET / HTTP/1.0 200 2326
                127.0.0.1 - - [10/Oct/2000:13:55:39 -0700] "GET / HTTP/1.0" 200 lots
                127.0.0.1 - - [10/Oct/2000:13:55:40 -0700] "GET /ok HTTP/1.0" 200 12
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(2);
        assertThat(c.events.get(1).raw().tree().get("cs-uri-stem").asText()).isEqualTo("/ok");
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "timestamp '[10/Foo/2000:13:55:36 -0700]' is not an access-log time (expected e.g. [10/Oct/2000:13:55:36 -0700])",
                "status 'abc' is not a 3-digit HTTP status",
                "unterminated quoted field starting at column 44",
                "response size 'lots' is not a byte count or '-'");
    }

    @Test
    void albLineWithTooFewFieldsIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("alb.log"), """
                http 2026-03-16T08:00:03.550412Z app/prod-web/5f1c2b3a4d5e6f70 203.0.113.50:40112 - -1 -1 -1 301 - 142 390 "GET http://www.example.com:80/ HTTP/1.1" "curl/8.5.0"
                http 2026-03-16T08:00:04.000000Z app/prod-web/5f1c2b3a4d5e6f70 203.0.113.50:40113 - -1 -1
                http 2026-03-16T08:00:05.000000Z app/prod-web/5f1c2b3a4d5e6f70 203.0.113.50 - -1 -1 -1 301 - 142 390 "GET http://www.example.com:80/ HTTP/1.1" "curl/8.5.0"
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(1);
        assertThat(c.events.get(0).source()).isEqualTo(SourceType.WEB_ACCESS);
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "ALB access log line has 7 fields, expected at least 14 (type time elb client:port target:port ... \"request\" \"user_agent\")",
                "client '203.0.113.50' is not address:port");
    }

    @Test
    void autodetection() {
        WebFormat format = new WebFormat();
        assertThat(format.recognizes("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326")).isTrue();
        assertThat(format.recognizes("h2 2026-03-16T08:01:10.208815Z app/prod-web/5f1c 10.0.5.17:61022 10.0.11.23:8080 0.000 0.231 0.000 200 200 1102 88 \"POST https://a.example.com:443/ HTTP/2.0\" \"okhttp/4.12.0\" - -")).isTrue();
        assertThat(format.recognizes("Mar 16 08:12:04 host sshd[1]: Accepted password for a from 1.2.3.4 port 1 ssh2")).isFalse();
        assertThat(format.recognizes("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK")).isFalse();
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
