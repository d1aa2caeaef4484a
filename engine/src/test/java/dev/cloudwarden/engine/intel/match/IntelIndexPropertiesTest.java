package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The index agrees with a naive scan over all indicators (the property test), for addresses and domains. */
class IntelIndexPropertiesTest {

    @Property(tries = 300)
    void ipv4LookupsAgreeWithANaiveScanAndWithTheLibraryTrie(@ForAll("ipv4Indicators") List<Indicator> indicators,
                                                              @ForAll("ipv4Queries") List<String> queries) {
        IntelIndex index = IntelIndex.of(indicators);
        IPv4AddressAssociativeTrie<Object> trie = new IPv4AddressAssociativeTrie<>();
        indicators.forEach(i -> trie.put(new IPAddressString(i.value()).getAddress().toIPv4().toPrefixBlock(), Boolean.TRUE));
        for (String q : queries) {
            Set<String> naive = naiveAddress(indicators, q);
            assertThat(ids(index.address(q))).as(q).isEqualTo(naive);
            IPv4Address a = new IPAddressString(q).getAddress().toIPv4();
            assertThat(trie.elementsContaining(a) != null).as("trie agrees on %s", q).isEqualTo(!naive.isEmpty());
        }
    }

    @Property(tries = 200)
    void ipv6LookupsAgreeWithANaiveScan(@ForAll("ipv6Indicators") List<Indicator> indicators,
                                        @ForAll("ipv6Queries") List<String> queries) {
        IntelIndex index = IntelIndex.of(indicators);
        for (String q : queries) {
            assertThat(ids(index.address(q))).as(q).isEqualTo(naiveAddress(indicators, q));
        }
    }

    @Property(tries = 500)
    void domainLookupsAgreeWithANaiveEqualsOrEndsWithScan(@ForAll("domainIndicators") List<Indicator> indicators,
                                                         @ForAll("names") List<String> queries) {
        IntelIndex index = IntelIndex.of(indicators);
        for (String q : queries) {
            String name = q.toLowerCase();
            Set<String> naive = indicators.stream()
                    .filter(i -> name.equals(i.value()) || name.endsWith("." + i.value()))
                    .map(Indicator::id).collect(Collectors.toCollection(TreeSet::new));
            assertThat(ids(index.domain(q))).as(q).isEqualTo(naive);
            assertThat(ids(index.domain(q + "."))).as(q + ".").isEqualTo(naive);
        }
    }

    private static Set<String> naiveAddress(List<Indicator> indicators, String query) {
        IPAddress q = new IPAddressString(query).getAddress();
        Set<String> out = new TreeSet<>();
        for (Indicator i : indicators) {
            IPAddress listed = new IPAddressString(i.value()).getAddress().toPrefixBlock();
            if (listed.getIPVersion() == q.getIPVersion() && listed.contains(q)) {
                out.add(i.id());
            }
        }
        return out;
    }

    private static Set<String> ids(List<Indicator> hits) {
        return hits.stream().map(Indicator::id).collect(Collectors.toCollection(TreeSet::new));
    }

    // Addresses are drawn from a few /16s so that ranges nest, overlap in prefix and get hit.

    private static Arbitrary<Integer> ipv4Bits() {
        return Combinators.combine(Arbitraries.of(0x2D090000, 0xC6336400, 0x0A000000, 0x00000000, 0xFFFF0000),
                Arbitraries.integers().between(0, 0xFFFF)).as((net, host) -> net | host);
    }

    @Provide
    Arbitrary<List<Indicator>> ipv4Indicators() {
        Arbitrary<Indicator> one = Combinators.combine(ipv4Bits(), Arbitraries.integers().between(0, 32),
                Arbitraries.of("feed-a", "feed-b")).as((bits, prefix, source) ->
                Indicator.of(IocType.ADDRESS, new IPv4Address(bits, prefix).toPrefixBlock().toCanonicalString()
                        .replace("/32", ""), source, List.of()));
        return one.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> ipv4Queries() {
        return ipv4Bits().map(b -> new IPv4Address(b).toCanonicalString()).list().ofMinSize(1).ofMaxSize(30);
    }

    private static Arbitrary<String> ipv6Text() {
        return Combinators.combine(Arbitraries.of("2001:db8:66", "2001:db8:67", "2a01:4f8:c17"),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 0xFFFF))
                .as((net, sub, host) -> net + ":" + sub + "::" + Integer.toHexString(host));
    }

    @Provide
    Arbitrary<List<Indicator>> ipv6Indicators() {
        Arbitrary<Indicator> one = Combinators.combine(ipv6Text(), Arbitraries.of(32, 40, 48, 56, 64, 112, 128))
                .as((text, prefix) -> Indicator.of(IocType.ADDRESS, text + "/" + prefix, "feed", List.of()));
        return one.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> ipv6Queries() {
        return ipv6Text().list().ofMinSize(1).ofMaxSize(20);
    }

    /** Names over a small alphabet of labels, so that listed domains are often suffixes of queried names. */
    private static Arbitrary<String> name(int maxLabels) {
        return Arbitraries.of("pool", "xmr", "eu", "minergate", "com", "net", "supportxmr", "a-b", "x1")
                .list().ofMinSize(1).ofMaxSize(maxLabels).map(l -> String.join(".", l));
    }

    @Provide
    Arbitrary<List<Indicator>> domainIndicators() {
        return Combinators.combine(name(3), Arbitraries.of("feed-a", "feed-b"))
                .as((n, source) -> Indicator.of(IocType.DOMAIN, n, source, List.of())).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<String>> names() {
        return name(5).map(n -> n.length() % 3 == 0 ? n.toUpperCase() : n).list().ofMinSize(1).ofMaxSize(20)
                .map(ArrayList::new);
    }
}
