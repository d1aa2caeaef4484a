package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntelIndexTest {
    private static final List<String> MINING = List.of("cloudwarden.a3", "attack.t1496");

    private static Indicator ioc(IocType type, String value, String source) {
        return Indicator.of(type, value, source, MINING);
    }

    private static List<String> values(List<Indicator> hits) {
        return hits.stream().map(Indicator::value).sorted().toList();
    }

    @Test
    void singleAddressesAndRangesOfBothFamiliesContainWhatTheyShould() {
        IntelIndex index = IntelIndex.of(List.of(
                ioc(IocType.ADDRESS, "23.224.59.34", "maltrail"),
                ioc(IocType.ADDRESS, "45.9.148.0/24", "feed"),
                ioc(IocType.ADDRESS, "45.9.0.0/16", "feed"),
                ioc(IocType.ADDRESS, "2001:db8:66::/48", "feed"),
                ioc(IocType.ADDRESS, "2001:db8:66:1::/64", "feed"),
                ioc(IocType.ADDRESS, "2a01:4f8:c17:1::5", "feed")));

        assertThat(values(index.address("23.224.59.34"))).containsExactly("23.224.59.34");
        assertThat(values(index.address("23.224.59.35"))).isEmpty();
        assertThat(values(index.address("45.9.148.7"))).containsExactly("45.9.0.0/16", "45.9.148.0/24");
        assertThat(values(index.address("45.9.149.7"))).containsExactly("45.9.0.0/16");
        assertThat(values(index.address("45.10.0.1"))).isEmpty();
        assertThat(values(index.address("2001:db8:66:1::9"))).containsExactly("2001:db8:66:1::/64", "2001:db8:66::/48");
        assertThat(values(index.address("2001:DB8:66:2:0:0:0:1"))).containsExactly("2001:db8:66::/48");
        assertThat(values(index.address("[2a01:4f8:c17:1:0:0:0:5]"))).containsExactly("2a01:4f8:c17:1::5");
        // an IPv4-mapped IPv6 address is the IPv4 address, as the indicators list it
        assertThat(values(index.address("::ffff:23.224.59.34"))).containsExactly("23.224.59.34");
        assertThat(values(index.address("::ffff:45.9.148.1"))).containsExactly("45.9.0.0/16", "45.9.148.0/24");
    }

    @Test
    void aUrlsHostIsMatchedOneLevelLowerUnlessItIsSharedHostingOrContext() {
        Indicator payload = new Indicator("indicator--1", IocType.URL, "http://183.76.46.30/1/crp_linux_386", "vendor",
                85, MINING, null, null, List.of(), null);
        IntelIndex index = IntelIndex.of(List.of(payload,
                ioc(IocType.URL, "https://evil.top:8443/x.sh", "list"),
                ioc(IocType.URL, "https://raw.githubusercontent.com/someone/repo/main/x.sh", "list"),
                ioc(IocType.URL, "http://files.cdn.example/kit.tgz", "list"),
                Indicator.of(IocType.DOMAIN, "cdn.example", "cloud-storage", List.of(IntelLevels.CONTEXT))));

        List<Indicator> host = index.address("183.76.46.30");
        assertThat(host).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("indicator--1"); // a sighting of the host is one of the URL's indicator
            assertThat(h.confidence()).isEqualTo(55);
            assertThat(h.labels()).contains(UrlHosts.LABEL);
            assertThat(IntelLevels.of(h)).isEqualTo(dev.cloudwarden.engine.alert.Level.MEDIUM);
        });
        assertThat(IntelLevels.of(payload)).isEqualTo(dev.cloudwarden.engine.alert.Level.HIGH);
        assertThat(index.domain("a.evil.top")).singleElement()
                .satisfies(h -> assertThat(IntelLevels.of(h)).isEqualTo(dev.cloudwarden.engine.alert.Level.LOW));
        assertThat(index.domain("raw.githubusercontent.com")).isEmpty();
        assertThat(values(index.domain("files.cdn.example"))).containsExactly("cdn.example"); // only the context entry
        assertThat(index.size()).isEqualTo(5); // derived hosts are not indicators of their own
    }

    @Test
    void rangesReachingTheEdgesOfTheAddressSpaceMatchTheirFirstAndLastAddress() {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.ADDRESS, "0.0.0.0/8", "f"),
                ioc(IocType.ADDRESS, "240.0.0.0/4", "f"), ioc(IocType.ADDRESS, "0.0.0.0", "f")));
        assertThat(values(index.address("0.0.0.0"))).containsExactly("0.0.0.0", "0.0.0.0/8");
        assertThat(values(index.address("0.255.255.255"))).containsExactly("0.0.0.0/8");
        assertThat(values(index.address("1.0.0.0"))).isEmpty();
        assertThat(values(index.address("239.255.255.255"))).isEmpty();
        assertThat(values(index.address("255.255.255.255"))).containsExactly("240.0.0.0/4");
    }

    @Test
    void theSameValueFromTwoFeedsGivesBothIndicators() {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.DOMAIN, "pool.supportxmr.com", "maltrail"),
                ioc(IocType.DOMAIN, "pool.supportxmr.com", "misp-feed"),
                ioc(IocType.ADDRESS, "198.51.100.0/24", "a"), ioc(IocType.ADDRESS, "198.51.100.0/24", "b")));
        assertThat(index.domain("eu.pool.supportxmr.com")).extracting(Indicator::source)
                .containsExactlyInAnyOrder("maltrail", "misp-feed");
        assertThat(index.address("198.51.100.9")).extracting(Indicator::source).containsExactlyInAnyOrder("a", "b");
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.count(IocType.DOMAIN)).isEqualTo(2);
    }

    @Test
    void aListedDomainMatchesItselfAndItsSubdomainsOnly() {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.DOMAIN, "minexmr.com", "m"),
                ioc(IocType.DOMAIN, "xmr.pool.minergate.com", "m")));
        assertThat(values(index.domain("minexmr.com"))).containsExactly("minexmr.com");
        assertThat(values(index.domain("pool.minexmr.com"))).containsExactly("minexmr.com");
        assertThat(values(index.domain("POOL.MineXMR.com."))).containsExactly("minexmr.com");
        assertThat(values(index.domain("pool.minexmr.com:4444"))).containsExactly("minexmr.com");
        assertThat(values(index.domain("eu.xmr.pool.minergate.com"))).containsExactly("xmr.pool.minergate.com");
        // not a label boundary, a parent of the listed name, another TLD
        assertThat(index.domain("notminexmr.com")).isEmpty();
        assertThat(index.domain("pool.minergate.com")).isEmpty();
        assertThat(index.domain("minexmr.com.evil.example")).isEmpty();
        assertThat(index.domain("minexmr.co")).isEmpty();
    }

    @Test
    void internationalizedNamesMatchTheirPunycodeListing() {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.DOMAIN, "bücher.example", "f")));
        assertThat(index.domain("shop.xn--bcher-kva.example")).hasSize(1);
        assertThat(index.domain("shop.BÜCHER.example")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "AWS Internal", "ec2.amazonaws.com", "999.1.1.1", "1.2.3.4.5", "1.2.3", "01234.1.1.1",
            "::ffff:zz", "[::1", "1.2.3.4/8", "2001:db8::/32", ":::::::::", "\u0000\u0001", "10.0.0.1 ", "%"})
    void junkWhereAnAddressShouldBeMatchesNothingAndNeverThrows(String junk) {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.ADDRESS, "0.0.0.0/0", "all"),
                ioc(IocType.ADDRESS, "::/0", "all")));
        assertThat(index.address(junk)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a..b.example", ".example", "pool.example/../x", "pool example", "pool.example:443x",
            "xn--\u0000.example", "\u202epool.example", "pool.example\n"})
    void junkWhereANameShouldBeMatchesNothingAndNeverThrows(String junk) {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.DOMAIN, "example", "tld")));
        assertThat(index.domain(junk)).isEmpty();
        assertThat(index.domain("a".repeat(300) + ".example")).isEmpty();
    }

    @Test
    void urlsMatchWholeWhateverTheSchemeAndTheCaseOfSchemeAndHost() {
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.URL, "http://price365.co.kr/abbi/json/openssl.php", "apt37")));
        assertThat(index.exact(IocType.URL, "HTTP://Price365.co.kr:80/abbi/json/openssl.php")).hasSize(1);
        assertThat(index.exact(IocType.URL, "https://price365.co.kr/abbi/json/openssl.php")).hasSize(1);
        assertThat(index.exact(IocType.URL, "http://price365.co.kr/abbi/json/openssl.php?x=1")).isEmpty();
        assertThat(index.exact(IocType.URL, "http://price365.co.kr/ABBI/json/openssl.php")).isEmpty();
        assertThat(index.exact(IocType.URL, "not a url")).isEmpty();
    }

    @Test
    void hashesKeysAgentsAndEmailsMatchTheirCanonicalForm() {
        String sha = "942411f2fa054ec621023c6b9b4ad3b92372697da43eb38d2b661f80e19e6deb";
        IntelIndex index = IntelIndex.of(List.of(ioc(IocType.SHA256, sha, "vt"),
                ioc(IocType.MD5, "44d88612fea8a8f36de82e1278abb02f", "vt"),
                ioc(IocType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", "leak"),
                ioc(IocType.USER_AGENT, "Mozilla/5.0 zgrab/0.x", "scanners"),
                ioc(IocType.EMAIL, "Attacker@Evil.Example", "phish")));
        assertThat(index.exact(IocType.SHA256, sha.toUpperCase())).hasSize(1);
        assertThat(index.exact(IocType.SHA256, sha.substring(1))).isEmpty();
        assertThat(index.exact(IocType.MD5, "44D88612FEA8A8F36DE82E1278ABB02F")).hasSize(1);
        assertThat(index.exact(IocType.SHA1, "44d88612fea8a8f36de82e1278abb02f")).isEmpty();
        assertThat(index.exact(IocType.AWS_ACCESS_KEY, "akiaiosfodnn7example")).hasSize(1);
        assertThat(index.exact(IocType.USER_AGENT, " Mozilla/5.0 zgrab/0.x ")).hasSize(1);
        assertThat(index.exact(IocType.USER_AGENT, "mozilla/5.0 zgrab/0.x")).isEmpty();
        assertThat(index.exact(IocType.EMAIL, "attacker@evil.example")).hasSize(1);
        assertThat(index.exact(IocType.EMAIL, "@@")).isEmpty();
    }

    @Test
    void equalLabelListsAndSourcesAreSharedBetweenIndicators() {
        Indicator a = Indicator.of(IocType.DOMAIN, "a.example", new String("feed"), List.of("cloudwarden.a3", "attack.t1496"));
        Indicator b = Indicator.of(IocType.DOMAIN, "b.example", new String("feed"), List.of("cloudwarden.a3", "attack.t1496"));
        assertThat(a.labels()).isNotSameAs(b.labels());
        IntelIndex index = IntelIndex.of(List.of(a, b));
        Indicator ia = index.domain("a.example").get(0);
        Indicator ib = index.domain("b.example").get(0);
        assertThat(ia).isEqualTo(a);
        assertThat(ia.labels()).isSameAs(ib.labels());
        assertThat(ia.source()).isSameAs(ib.source());
    }

    @Test
    void anEmptyIndexMatchesNothing() {
        IntelIndex index = IntelIndex.empty();
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.address("203.0.113.7")).isEmpty();
        assertThat(index.domain("pool.example")).isEmpty();
        assertThat(index.exact(IocType.URL, "http://x.example/")).isEmpty();
    }
}
