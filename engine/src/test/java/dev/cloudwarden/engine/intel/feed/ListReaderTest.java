package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ListReaderTest {
    private final ListReader reader = new ListReader();

    private FeedResult lines(String text, ListOptions o) {
        return reader.readLines("list.txt", text.getBytes(StandardCharsets.UTF_8), o);
    }

    private FeedResult csv(String text) {
        return reader.readCsv("iocs.csv", text.getBytes(StandardCharsets.UTF_8), ListOptions.defaults());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "198.51.100.7               | ADDRESS        | 198.51.100.7",
            "198.51.100.0/24            | ADDRESS        | 198.51.100.0/24",
            "23.224.59.34:48080         | ADDRESS        | 23.224.59.34",
            "2001:db8::1                | ADDRESS        | 2001:db8::1",
            "[2001:db8::1]:443          | ADDRESS        | 2001:db8::1",
            "http://165.227.140.184     | ADDRESS        | 165.227.140.184",
            "https://Pool.Example:443/  | DOMAIN         | pool.example",
            "http://c2.example/x.sh     | URL            | http://c2.example/x.sh",
            "price365.co.kr/abbi/head0.jpg | URL         | http://price365.co.kr/abbi/head0.jpg",
            "Pool.SupportXMR.com        | DOMAIN         | pool.supportxmr.com",
            "pool.example:3333          | DOMAIN         | pool.example",
            "79054025255FB1A26E4BC422AEF54EB4 | MD5      | 79054025255fb1a26e4bc422aef54eb4",
            "AKIAIOSFODNN7EXAMPLE       | AWS_ACCESS_KEY | AKIAIOSFODNN7EXAMPLE",
            "ops@evil.example           | EMAIL          | ops@evil.example",
    })
    void typesAreDetectedPerLine(String raw, IocType type, String value) {
        IocDetect.Detected d = IocDetect.detect(raw);
        assertThat(d.type()).isEqualTo(type);
        assertThat(d.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/slpr                      | is a URL path without a host",
            "curl/7.58.0                | is not a URL, address or domain",
            "localhost                  | is not an indicator of any type",
            "12345                      | is not an indicator of any type",
            "1.2                        | is not an indicator of any type",
            "http://[::1                | is not a URL",
    })
    void nonIndicatorsSayWhy(String raw, String reason) {
        IocDetect.Detected d = IocDetect.detect(raw);
        assertThat(d.ok()).isFalse();
        assertThat(d.reason()).contains(reason);
    }

    @Test
    void maltrailFilesReadWithCommentsPathsAndLabels() {
        ListOptions o = ListOptions.defaults().withLabels(List.of("malware:pacha", "cloudwarden.m4"));
        FeedResult r = reader.readLines("elf_pacha.txt", Fixtures.bytes("lists/elf_pacha.txt"), o);
        assertThat(r.indicators()).extracting(Indicator::type, Indicator::value).containsExactly(
                tuple(IocType.ADDRESS, "165.227.140.184"), tuple(IocType.ADDRESS, "37.228.129.58"),
                tuple(IocType.ADDRESS, "45.77.54.157"), tuple(IocType.ADDRESS, "95.179.142.161"));
        assertThat(r.indicators()).allSatisfy(i -> {
            assertThat(i.labels()).containsExactly("malware:pacha", "cloudwarden.m4");
            assertThat(i.source()).isEqualTo("elf_pacha.txt");
            assertThat(i.id()).startsWith("ioc--");
        });
        assertThat(r.skippedByReason()).isEqualTo(Map.of("list URL path without a host", 1));
        assertThat(r.problems()).isEmpty();

        FeedResult dofloo = reader.readLines("elf_dofloo.txt", Fixtures.bytes("lists/elf_dofloo.txt"), ListOptions.defaults());
        assertThat(dofloo.indicators()).extracting(Indicator::value).contains("23.224.59.34");
        assertThat(dofloo.problems()).isEmpty();
        FeedResult ransom = reader.readLines("elf_ransomware.txt", Fixtures.bytes("lists/elf_ransomware.txt"), ListOptions.defaults());
        assertThat(ransom.problems()).isEmpty();
        assertThat(ransom.indicators()).isNotEmpty();
    }

    @Test
    void badLinesAreProblemsWithTheirLineAndDuplicatesImportOnce() {
        FeedResult r = lines("\ufeff# header\n198.51.100.7\n\nnot an ioc\n198.51.100.7   # again\n999.1.1.1.1\r\nc2.example\r\n",
                ListOptions.defaults().withConfidence(70).withValidUntil(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(r.indicators()).extracting(Indicator::value, Indicator::confidence, Indicator::validUntil).containsExactly(
                tuple("198.51.100.7", 70, Instant.parse("2030-01-01T00:00:00Z")),
                tuple("c2.example", 70, Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(r.skippedByReason()).isEqualTo(Map.of("list duplicate value", 1));
        assertThat(r.problems()).extracting(FeedProblem::location).containsExactly("list.txt:4", "list.txt:6");
    }

    @Test
    void aGivenTypeIsAppliedToEveryLine() {
        FeedResult r = lines("Mozilla/5.0 (compatible; EvilBot/1.0)\nDocker-Client/18.09\n", ListOptions.defaults().withType(IocType.USER_AGENT));
        assertThat(r.indicators()).extracting(Indicator::type).containsOnly(IocType.USER_AGENT).hasSize(2);
        FeedResult bad = lines("198.51.100.7\nnot-an-ip\n", ListOptions.defaults().withType(IocType.ADDRESS));
        assertThat(bad.indicators()).hasSize(1);
        assertThat(bad.problems()).extracting(FeedProblem::toString).containsExactly("list.txt:2: 'not-an-ip' is not an IP address or CIDR range");
    }

    @Test
    void longLinesAndLargeFilesAreBounded() {
        FeedResult r = new ListReader(FeedLimits.defaults().withMaxLineChars(20))
                .readLines("l", ("x".repeat(100) + "\n198.51.100.7\n").getBytes(StandardCharsets.UTF_8), ListOptions.defaults());
        assertThat(r.indicators()).hasSize(1);
        assertThat(r.problems()).extracting(FeedProblem::toString).containsExactly("l:1: line longer than 20 characters; skipped");
        FeedResult big = new ListReader(FeedLimits.defaults().withMaxBytes(30))
                .readLines("l", "198.51.100.7\n198.51.100.8\n198.51.100.9\n".getBytes(StandardCharsets.UTF_8), ListOptions.defaults());
        assertThat(big.problems()).extracting(FeedProblem::reason).singleElement().asString().startsWith("feed larger than the limit of 30 bytes");
    }

    @Test
    void csvWithAHeaderQuotedFieldsAndColumns() {
        FeedResult r = csv("""
                # exported 2024-01-01
                Indicator,Type,Tags,Malware,Confidence,Valid_Until,Comment,extra
                198.51.100.7,ip-dst,"c2;botnet",DemonBot,80,2030-01-01,"flood C2, port 8080",x
                "pool.example",domain,,,,,"a ""quoted"" word
                on two lines",
                79054025255fb1a26e4bc422aef54eb4,,,,,,,
                bad.example,frobnicate,,,,,,
                not-an-ip,ip,,,,,,
                198.51.100.8,ip,,,high,someday,,
                """);
        assertThat(r.indicators()).extracting(Indicator::type, Indicator::value, Indicator::labels, Indicator::confidence).containsExactly(
                tuple(IocType.ADDRESS, "198.51.100.7", List.of("c2", "botnet", "malware:demonbot", "cloudwarden.m1"), 80),
                tuple(IocType.DOMAIN, "pool.example", List.of(), null),
                tuple(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4", List.of(), null),
                tuple(IocType.ADDRESS, "198.51.100.8", List.of(), null));
        assertThat(r.indicators().get(0).validUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(r.indicators().get(0).description()).isEqualTo("flood C2, port 8080");
        assertThat(r.indicators().get(1).description()).isEqualTo("a \"quoted\" word\non two lines");
        assertThat(r.problems()).extracting(FeedProblem::toString).containsExactly(
                "iocs.csv:7: unknown type 'frobnicate' (expected one of address, domain, url, md5, sha1, sha256, aws-access-key, user-agent, email)",
                "iocs.csv:8: 'not-an-ip' is not an IP address or CIDR range",
                "iocs.csv:9: confidence must be a whole number 0-100, not 'high'; ignored",
                "iocs.csv:9: valid_until is not a date or an ISO time: 'someday'; ignored");
    }

    @Test
    void csvWithoutAValueColumnOrBrokenQuotesSaysSo() {
        assertThat(csv("a,b\n1,2\n").problems()).extracting(FeedProblem::toString)
                .containsExactly("iocs.csv:1: the header names no value column (value, indicator, ioc or observable): a,b");
        FeedResult broken = csv("value\n198.51.100.7\n\"198.51.100.8\n");
        assertThat(broken.indicators()).extracting(Indicator::value).containsExactly("198.51.100.7");
        assertThat(broken.problems()).singleElement().extracting(FeedProblem::reason).asString().startsWith("malformed CSV, reading stopped");
        assertThat(csv("").problems()).isEmpty();
    }

    @Test
    void everyMaltrailFileReadsWithoutUnexplainedLines() throws IOException {
        Path dir = Fixtures.sharedIntel().resolve("maltrail/trails");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        int indicators = 0;
        int skipped = 0;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        List<FeedProblem> problems = new java.util.ArrayList<>();
        for (Path f : files) {
            FeedResult r = reader.readLines(f.getFileName().toString(), Files.readAllBytes(f), ListOptions.defaults());
            indicators += r.indicators().size();
            skipped += r.skipped();
            r.skippedByReason().forEach((k, v) -> reasons.merge(k, v, Integer::sum));
            problems.addAll(r.problems());
        }
        System.out.printf("maltrail: %d files, %d indicators, %d skipped, %d problems%n", files.size(), indicators, skipped, problems.size());
        problems.stream().limit(40).forEach(p -> System.out.println("  " + p));
        System.out.println("maltrail skipped: " + reasons);
        assertThat(files).hasSize(19);
        assertThat(indicators).isGreaterThan(20_000);
        assertThat(reasons.keySet()).containsOnly("list URL path without a host", "list duplicate value");
        assertThat(problems).isEmpty();
    }
}
