package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;

import java.net.IDN;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every indicator, indexed for lookups at line rate. Immutable once built and safe to share between threads and
 * pipelines. Indicators that share a value (the same domain from two feeds) are all kept and all returned.
 *
 * <p><b>Addresses.</b> Single IPv4 addresses sit in a hash table keyed by their 32 bits; IPv4 CIDR ranges in a sorted
 * segment table (see {@link Ipv4Ranges} for why not a trie); IPv6 addresses in a hash table on their canonical text,
 * IPv6 ranges in the IPAddress library's associative trie, each node holding its own indicators and those of every
 * range containing it, so one longest-prefix lookup answers. An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4})
 * is looked up as the IPv4 address, as {@link IocValues#normalize} lists it.
 *
 * <p><b>Domains.</b> A listed domain matches itself and every subdomain: a queried name's suffixes at label
 * boundaries ({@code a.pool.example}, {@code pool.example}, {@code example}) are looked up in a hash table of listed
 * domains, only for suffix lengths (in labels) that some listed domain has.
 *
 * <p><b>The rest</b> (URLs, hashes, access keys, user agents, e-mail addresses) are hash tables on the canonical
 * value. URLs are keyed without their scheme: access logs seldom say whether a request came over TLS, and a payload
 * path is as bad over https as over http. A URL's host is also placed among the addresses or domains, one level
 * lower, unless it is shared hosting ({@link UrlHosts}): flows and DNS never show the path.
 *
 * <p><b>Memory.</b> The tables are open-addressing arrays keyed by the indicators' own value strings (no entry
 * objects, no copies), and equal label lists and source names are shared between indicators as the index is built.
 */
public final class IntelIndex {
    private static final IntelIndex EMPTY = of(List.of());

    private final int size;
    private final Map<IocType, Integer> counts;
    private final IntTable ipv4;
    private final Ipv4Ranges ipv4Ranges;
    private final StringTable ipv6;
    private final IPv6AddressAssociativeTrie<Object> ipv6Ranges;
    private final StringTable domains;
    /** Bit n set when some listed domain has n labels (n < 64; longer ones set bit 63). */
    private final long domainLabelCounts;
    private final Map<IocType, StringTable> exact;

    private IntelIndex(Builder b) {
        this.size = b.size;
        this.counts = Map.copyOf(b.counts);
        this.ipv4 = b.ipv4;
        this.ipv4Ranges = b.ipv4Ranges.build();
        this.ipv6 = b.ipv6;
        this.ipv6Ranges = b.ipv6Ranges.isEmpty() ? null : withContainingValues(b.ipv6Ranges);
        this.domains = b.domains;
        this.domainLabelCounts = b.domainLabelCounts;
        Map<IocType, StringTable> e = new EnumMap<>(IocType.class);
        b.exact.forEach((type, table) -> {
            if (!table.isEmpty()) {
                e.put(type, table);
            }
        });
        this.exact = e;
    }

    /** An index of {@code indicators}; values are taken as canonical ({@link Indicator}'s contract). */
    public static IntelIndex of(Collection<Indicator> indicators) {
        Builder b = new Builder(indicators.size());
        for (Indicator i : indicators) {
            b.add(i);
        }
        for (Indicator host : UrlHosts.derive(indicators)) {
            b.place(b.intern(host)); // found like any address or domain, not counted as an indicator of its own
        }
        return new IntelIndex(b);
    }

    public static IntelIndex empty() {
        return EMPTY;
    }

    /** How many indicators it holds (counting each feed's copy of a shared value). */
    public int size() {
        return size;
    }

    public int count(IocType type) {
        return counts.getOrDefault(type, 0);
    }

    public boolean has(IocType type) {
        return count(type) > 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    // ---- lookups: public ones return every indicator whatever its validity; the matcher checks validity ----

    /**
     * Every address indicator equal to or containing {@code text}, an address as a log writes it (IPv4 dotted quad,
     * IPv6 in any form, IPv4-mapped IPv6, with or without brackets). Anything that is not an address matches nothing.
     */
    public List<Indicator> address(String text) {
        return Slots.toList(addressSlot(text));
    }

    /** Every domain indicator equal to {@code name} or a parent of it (case and a trailing dot ignored). */
    public List<Indicator> domain(String name) {
        return Slots.toList(domainSlot(name));
    }

    /**
     * Every indicator of {@code type} (URL, a hash, an access key, a user agent, an e-mail address) whose value is
     * {@code raw} once normalized; a value that does not normalize matches nothing.
     */
    public List<Indicator> exact(IocType type, String raw) {
        return Slots.toList(exactSlot(type, raw));
    }

    Object addressSlot(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        long v4 = parseIpv4(text);
        if (v4 >= 0) {
            return ipv4Slot((int) v4);
        }
        if (text.indexOf(':') < 0 || (ipv6.isEmpty() && ipv6Ranges == null && ipv4.size() == 0 && ipv4Ranges.segments() == 0)) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        IPAddress a = new IPAddressString(t).getAddress();
        if (a == null || a.getNetworkPrefixLength() != null && a.getNetworkPrefixLength() < a.getBitCount()) {
            return null; // not an address, or a whole range: events name single addresses
        }
        a = a.withoutPrefixLength();
        if (a.isIPv4()) {
            return ipv4Slot(a.toIPv4().intValue());
        }
        IPv6Address six = a.toIPv6();
        if (six.isIPv4Mapped()) {
            return ipv4Slot(six.getEmbeddedIPv4Address().intValue());
        }
        Object slot = ipv6.isEmpty() ? null : ipv6.get(six.toCanonicalString());
        if (ipv6Ranges != null) {
            var node = ipv6Ranges.longestPrefixMatchNode(six);
            if (node != null) {
                slot = Slots.merge(slot, node.getValue());
            }
        }
        return slot;
    }

    Object ipv4Slot(int address) {
        Object exactHit = ipv4.size() == 0 ? null : ipv4.get(address);
        Object rangeHit = ipv4Ranges.segments() == 0 ? null : ipv4Ranges.get(address);
        return exactHit == null ? rangeHit : rangeHit == null ? exactHit : Slots.merge(exactHit, rangeHit);
    }

    boolean hasAddresses() {
        return ipv4.size() > 0 || ipv4Ranges.segments() > 0 || !ipv6.isEmpty() || ipv6Ranges != null;
    }

    boolean hasDomains() {
        return !domains.isEmpty();
    }

    boolean hasExact(IocType type) {
        return exact.containsKey(type);
    }

    Object domainSlot(String name) {
        if (domains.isEmpty() || name == null) {
            return null;
        }
        String d = queryName(name);
        if (d == null) {
            return null;
        }
        // Count labels, then try each suffix whose label count some listed domain has.
        int labels = 1;
        for (int i = 0; i < d.length(); i++) {
            if (d.charAt(i) == '.') {
                labels++;
            }
        }
        Object found = null;
        int start = 0;
        for (int n = labels; n >= 1; n--) {
            if ((domainLabelCounts & (1L << Math.min(n, 63))) != 0) {
                Object hit = domains.get(start == 0 ? d : d.substring(start));
                if (hit != null) {
                    found = Slots.merge(found, hit);
                }
            }
            int dot = d.indexOf('.', start);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return found;
    }

    Object exactSlot(IocType type, String raw) {
        StringTable table = exact.get(type);
        if (table == null || raw == null || raw.isEmpty()) {
            return null;
        }
        String key = lookupKey(type, raw);
        return key == null ? null : table.get(key);
    }

    /** The table key of an event's value, or null when it is no value of the type. Never throws. */
    private static String lookupKey(IocType type, String raw) {
        switch (type) {
            case MD5, SHA1, SHA256 -> {
                int want = type == IocType.MD5 ? 32 : type == IocType.SHA1 ? 40 : 64;
                String h = raw.strip();
                if (h.length() != want) {
                    return null;
                }
                for (int i = 0; i < h.length(); i++) {
                    if (Character.digit(h.charAt(i), 16) < 0) {
                        return null;
                    }
                }
                return h.toLowerCase(Locale.ROOT);
            }
            case AWS_ACCESS_KEY -> {
                String k = raw.strip();
                return k.length() == 20 ? k.toUpperCase(Locale.ROOT) : null;
            }
            case USER_AGENT -> {
                return raw.strip();
            }
            case URL -> {
                if (raw.length() > 8192) {
                    return null;
                }
                String u = normalizedOrNull(type, raw);
                return u == null ? null : withoutScheme(u);
            }
            default -> {
                return raw.length() > 512 ? null : normalizedOrNull(type, raw);
            }
        }
    }

    private static String normalizedOrNull(IocType type, String raw) {
        try {
            return IocValues.normalize(type, raw);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null; // attacker-controlled text that is no value of the type simply does not match
        }
    }

    static String withoutScheme(String url) {
        int at = url.indexOf("://");
        return at < 0 ? url : url.substring(at + 3);
    }

    /**
     * A host or queried name as the domain table keys it: lower case, without a trailing dot or a port, in ASCII
     * (IDNA) form; null when it cannot be a domain name.
     */
    static String queryName(String name) {
        int end = name.length();
        if (end > 0 && name.charAt(end - 1) == '.') {
            end--;
        }
        if (end == 0 || end > 253) {
            return null;
        }
        boolean lower = true;
        int colon = -1;
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            } else if (c == ':' && colon < 0) {
                colon = i; // host:port
            } else if (c < 0x80) {
                return null; // spaces, slashes, '@', controls: not a name
            } else {
                return idn(name.substring(0, end));
            }
        }
        if (colon >= 0) {
            for (int i = colon + 1; i < end; i++) {
                if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                    return null;
                }
            }
            end = colon;
        }
        String d = end == name.length() ? name : name.substring(0, end);
        if (d.isEmpty() || d.charAt(0) == '.' || d.contains("..")) {
            return null;
        }
        return lower ? d : d.toLowerCase(Locale.ROOT);
    }

    private static String idn(String name) {
        try {
            String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() || ascii.length() > 253 ? null : ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The 32 bits of a strict dotted quad (1-3 digits per part), or -1. */
    static long parseIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long result = 0;
        int part = 0;
        int digits = 0;
        int parts = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 255) {
                    return -1;
                }
                result = (result << 8) | part;
                parts++;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return parts == 4 ? result : -1;
    }

    /** The prefix length after the slash, or -1 when it is not a number from 0 to {@code max}. */
    private static int parsePrefix(String v, int from, int max) {
        if (from >= v.length() || v.length() - from > 3) {
            return -1;
        }
        int n = 0;
        for (int k = from; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }

    /** After building: each added range node also holds the indicators of every added range containing it. */
    private static IPv6AddressAssociativeTrie<Object> withContainingValues(IPv6AddressAssociativeTrie<Object> trie) {
        Iterator<IPv6AddressAssociativeTrie.IPv6AssociativeTrieNode<Object>> it = trie.containingFirstIterator(true);
        while (it.hasNext()) {
            var node = it.next();
            var parent = node.getParent();
            while (parent != null && !parent.isAdded()) {
                parent = parent.getParent();
            }
            if (parent != null) {
                node.setValue(Slots.merge(parent.getValue(), node.getValue()));
            }
        }
        return trie;
    }

    private static final class Builder {
        private int size;
        private final Map<IocType, Integer> counts = new EnumMap<>(IocType.class);
        private final IntTable ipv4;
        private final Ipv4Ranges.Builder ipv4Ranges = new Ipv4Ranges.Builder();
        private final StringTable ipv6 = new StringTable(16);
        private final IPv6AddressAssociativeTrie<Object> ipv6Ranges = new IPv6AddressAssociativeTrie<>();
        private final StringTable domains;
        private long domainLabelCounts;
        private final Map<IocType, StringTable> exact = new EnumMap<>(IocType.class);
        /** Equal label lists, sources and phase lists from many indicators become one instance each. */
        private final Map<Object, Object> interned = new HashMap<>();

        Builder(int expected) {
            ipv4 = new IntTable(Math.max(16, expected / 4));
            domains = new StringTable(Math.max(16, expected / 4));
            for (IocType t : IocType.values()) {
                if (t != IocType.ADDRESS && t != IocType.DOMAIN) {
                    exact.put(t, new StringTable(16));
                }
            }
        }

        void add(Indicator raw) {
            Indicator i = intern(raw);
            size++;
            counts.merge(i.type(), 1, Integer::sum);
            place(i);
        }

        void place(Indicator i) {
            switch (i.type()) {
                case ADDRESS -> addAddress(i);
                case DOMAIN -> {
                    domains.add(i.value(), i);
                    int labels = 1;
                    for (int k = 0; k < i.value().length(); k++) {
                        if (i.value().charAt(k) == '.') {
                            labels++;
                        }
                    }
                    domainLabelCounts |= 1L << Math.min(labels, 63);
                }
                case URL -> exact.get(IocType.URL).add(withoutScheme(i.value()), i);
                default -> exact.get(i.type()).add(i.value(), i);
            }
        }

        private void addAddress(Indicator i) {
            String v = i.value();
            int slash = v.indexOf('/');
            long v4 = parseIpv4(slash < 0 ? v : v.substring(0, slash));
            if (v4 >= 0) {
                int prefix = slash < 0 ? 32 : parsePrefix(v, slash + 1, 32);
                if (prefix == 32) {
                    ipv4.add((int) v4, i);
                } else if (prefix >= 0) {
                    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
                    ipv4Ranges.add((int) v4 & mask, prefix, i);
                } else {
                    throw new IllegalArgumentException("indicator " + i.id() + ": '" + v + "' is not an address or range");
                }
                return;
            }
            if (slash < 0 && v.indexOf(':') >= 0) {
                ipv6.add(v, i); // canonical already (Indicator's contract), as addressSlot looks it up
                return;
            }
            IPAddress a = new IPAddressString(i.value()).getAddress();
            if (a == null) {
                throw new IllegalArgumentException("indicator " + i.id() + ": '" + i.value() + "' is not an address");
            }
            Integer prefix = a.getNetworkPrefixLength();
            boolean range = prefix != null && prefix < a.getBitCount();
            if (a.isIPv4()) {
                if (range) {
                    ipv4Ranges.add(a.toPrefixBlock().getLower().toIPv4().intValue(), prefix, i);
                } else {
                    ipv4.add(a.withoutPrefixLength().toIPv4().intValue(), i);
                }
            } else if (range) {
                IPv6Address block = a.toPrefixBlock().toIPv6();
                var node = ipv6Ranges.getAddedNode(block);
                ipv6Ranges.put(block, node == null ? i : Slots.merge(node.getValue(), i));
            } else {
                ipv6.add(a.withoutPrefixLength().toIPv6().toCanonicalString(), i);
            }
        }

        private Indicator intern(Indicator i) {
            List<String> labels = internOf(i.labels());
            String source = internOf(i.source());
            List<String> phases = internOf(i.killChainPhases());
            if (labels == i.labels() && source == i.source() && phases == i.killChainPhases()) {
                return i;
            }
            return new Indicator(i.id(), i.type(), i.value(), source, i.confidence(), labels, i.validFrom(),
                    i.validUntil(), phases, i.description());
        }

        @SuppressWarnings("unchecked")
        private <T> T internOf(T value) {
            return (T) interned.computeIfAbsent(value, v -> v);
        }
    }
}
