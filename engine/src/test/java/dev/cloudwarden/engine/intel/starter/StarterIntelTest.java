package dev.cloudwarden.engine.intel.starter;

import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.match.IntelLevels;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StarterIntelTest {
    private static final StarterIntel.StarterList LIST = new StarterIntel.StarterList("test.txt", 70,
            List.of("cloudwarden.m3"), List.of("command-and-control"), "test list");

    @Test
    void everyShippedListReadsWithoutProblemsAndEveryListIsLabelled() {
        assertThat(StarterIntel.lists()).first().satisfies(l -> {
            assertThat(l.file()).isEqualTo("cloud-storage-apis.txt");
            assertThat(l.confidence()).isNull();
            assertThat(l.labels()).containsExactly("context", "attack.t1102", "attack.t1567.002");
            assertThat(l.description()).startsWith("Cloud storage API endpoints (Dropbox, pCloud,");
        });
        List<FeedResult> results = StarterIntel.load();
        assertThat(results).extracting(FeedResult::source).containsExactly("starter:cloud-storage-apis.txt",
                "starter:maltrail/crypto_mining.txt", "starter:maltrail/generic_miner.txt", "starter:maltrail/elf_pacha.txt",
                "starter:maltrail/elf_dofloo.txt", "starter:maltrail/elf_ransomware.txt", "starter:maltrail/apt_37.txt");
        for (FeedResult r : results) {
            assertThat(r.problems()).as(r.source()).isEmpty();
            assertThat(r.indicators()).as(r.source()).isNotEmpty();
        }
        Map<String, FeedResult> bySource = results.stream().collect(Collectors.toMap(FeedResult::source, Function.identity()));
        assertThat(bySource.get("starter:maltrail/apt_37.txt").indicators().get(0).labels()).contains("cloudwarden.m6");
        assertThat(bySource.get("starter:maltrail/elf_pacha.txt").indicators()).allSatisfy(i ->
                assertThat(i.labels()).contains("cloudwarden.m4", "attack.t1496"));
        assertThat(StarterIntel.indicators()).hasSizeGreaterThan(2_000);
    }

    @Test
    void theDemosPoolsAreListedAndCloudStorageIsContextOnly() {
        IntelIndex index = IntelIndex.of(StarterIntel.indicators());
        for (String pool : List.of("pool.supportxmr.com", "xmr.pool.minergate.com", "pool.minexmr.com")) {
            assertThat(index.domain(pool)).as(pool).isNotEmpty().allSatisfy(i -> {
                assertThat(i.labels()).contains("cloudwarden.a3", "attack.t1496");
                assertThat(IntelLevels.of(i)).isEqualTo(Level.MEDIUM);
            });
        }
        for (String storage : List.of("api.pcloud.com", "content.dropboxapi.com", "upload.box.com", "cloud-api.yandex.net",
                "g.api.mega.co.nz")) {
            assertThat(index.domain(storage)).as(storage).singleElement().satisfies(i -> {
                assertThat(IntelLevels.of(i)).isEqualTo(Level.INFORMATIONAL);
                assertThat(i.labels()).noneMatch(l -> l.startsWith("cloudwarden."));
            });
        }
        // maltrail's AESDDoS C2 from the Trend Micro CVE-2019-3396 campaign, listed as address:port
        assertThat(index.address("23.224.59.34")).extracting(Indicator::source).contains("starter:maltrail/elf_dofloo.txt");
        assertThat(index.domain("www.dropbox.com")).isEmpty();
    }

    @Test
    void linesAreReadInMaltrailsFormsWithProblemsNamingFileAndLine() {
        FeedResult r = StarterIntel.read(LIST, String.join("\n",
                "# Reference: https://example.org/report",
                "",
                "pool.minexmr.com",
                "107.191.47.239:3333",
                "http://165.227.140.184",
                "price365.co.kr/abbi/json/openssl.php",
                "https://evil.example/x.sh",
                "45.9.148.0/24",
                "/panel/mining/CPUMiner.files",
                "not a domain!").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.indicators()).extracting(Indicator::type, Indicator::value).containsExactly(
                tuple(IocType.DOMAIN, "pool.minexmr.com"),
                tuple(IocType.ADDRESS, "107.191.47.239"),
                tuple(IocType.ADDRESS, "165.227.140.184"),
                tuple(IocType.URL, "http://price365.co.kr/abbi/json/openssl.php"),
                tuple(IocType.URL, "https://evil.example/x.sh"),
                tuple(IocType.ADDRESS, "45.9.148.0/24"));
        assertThat(r.indicators()).allSatisfy(i -> {
            assertThat(i.source()).isEqualTo("starter:test.txt");
            assertThat(i.confidence()).isEqualTo(70);
            assertThat(i.killChainPhases()).containsExactly("command-and-control");
            assertThat(i.description()).isEqualTo("test list");
            assertThat(i.labels()).containsExactly("cloudwarden.m3");
        });
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).endsWith("test.txt:10");
            assertThat(p.reason()).contains("not a domain!");
        });
    }
}
