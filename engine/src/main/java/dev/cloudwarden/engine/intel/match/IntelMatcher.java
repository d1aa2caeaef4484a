package dev.cloudwarden.engine.intel.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Finds an event's values in an {@link IntelIndex}. Stateless and thread-safe; an index without indicators of a
 * type costs nothing for the fields of that type.
 *
 * <p><b>What is checked</b>, for every event:
 * <ul>
 *   <li>{@code src.ip}, {@code dst.ip} as addresses; text there that is a name (CloudTrail logs calls made by a
 *       service as {@code ec2.amazonaws.com}) as a domain;</li>
 *   <li>{@code src.host}, {@code dst.host} as domains (or as addresses when they are one): the queried name of a
 *       Route 53 Resolver query, an HTTP request's host, an Exim peer's name, a syslog host;</li>
 *   <li>{@code actor.accessKeyId} as an AWS access key, {@code actor.principal} as an e-mail address when it is one,
 *       {@code userAgent} as a user agent.</li>
 * </ul>
 * and per source: Route 53 Resolver answers ({@code answers[].Rdata}, addresses and CNAME targets); web access and
 * ALB logs' request URL (the absolute target, or the host and target); Exim's sender and recipient addresses (as
 * e-mail addresses, and their domains) and the HELO name; dockerd's image digests ({@code sha256:...} in the image,
 * query, path and message) and URLs in a container's command line ({@code stratum+tcp://pool:4444}: host and
 * URL); image digests in CloudTrail ECR calls and Kubernetes create requests.
 *
 * <p>Values in events are attacker controlled: each is normalized defensively and a value that is not of a type
 * (junk where an address should be) simply does not match as that type. Nothing here throws on input.
 *
 * <p>Only indicators valid at the event's time ({@link Indicator#validAt}) match. A value seen in two fields of one
 * event is reported once, under the first field.
 */
public final class IntelMatcher {
    private static final byte[] RDATA = "\"Rdata\"".getBytes(StandardCharsets.US_ASCII);
    private static final String SHA256_PREFIX = "sha256:";

    private final IntelIndex index;

    public IntelMatcher(IntelIndex index) {
        this.index = index;
    }

    public IntelIndex index() {
        return index;
    }

    /** The matches of one event, in field order (empty and allocation-free when nothing matches). */
    public List<IntelMatch> matches(Event event) {
        Collector c = new Collector(event.time());
        collect(event, c);
        return c.found == null ? List.of() : c.found;
    }

    public void match(Event event, Consumer<IntelMatch> out) {
        for (IntelMatch m : matches(event)) {
            out.accept(m);
        }
    }

    private void collect(Event e, Collector c) {
        if (index.isEmpty()) {
            return;
        }
        endpoint(e.src(), "src", c);
        endpoint(e.dst(), "dst", c);
        if (index.hasExact(IocType.AWS_ACCESS_KEY) && e.actor().accessKeyId() != null) {
            exact(IocType.AWS_ACCESS_KEY, e.actor().accessKeyId(), "actor.accessKeyId", c);
        }
        String principal = e.actor().principal();
        if (principal != null && index.hasExact(IocType.EMAIL) && principal.indexOf('@') > 0) {
            exact(IocType.EMAIL, principal, "actor.principal", c);
        }
        if (e.userAgent() != null && index.hasExact(IocType.USER_AGENT)) {
            exact(IocType.USER_AGENT, e.userAgent(), "userAgent", c);
        }
        switch (e.source()) {
            case ROUTE53_RESOLVER -> dnsAnswers(e.raw(), c);
            case WEB_ACCESS -> webUrl(e, c);
            case EXIM -> exim(e.raw(), c);
            case DOCKER -> docker(e.raw(), c);
            case CLOUDTRAIL -> {
                String service = e.operation().service();
                if (index.hasExact(IocType.SHA256) && service != null && service.startsWith("ecr.")) {
                    digests(e.raw().text(), "image.digest", c);
                }
            }
            case K8S_AUDIT -> {
                if (index.hasExact(IocType.SHA256) && "create".equals(e.operation().name())) {
                    digests(e.raw().text(), "image.digest", c);
                }
            }
            default -> {
            }
        }
    }

    private void endpoint(Endpoint ep, String side, Collector c) {
        if (ep.ip() != null) {
            hostOrAddress(ep.ip(), side + ".ip", c);
        }
        if (ep.host() != null) {
            hostOrAddress(ep.host(), side + ".host", c);
        }
    }

    /** Looks {@code text} up as an address when it is one, else as a domain. Returns whether it was an address. */
    private boolean hostOrAddress(String text, String field, Collector c) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        long v4 = first >= '0' && first <= '9' ? IntelIndex.parseIpv4(text) : -1;
        if (v4 >= 0) {
            if (index.hasAddresses()) {
                c.add(IocType.ADDRESS, text, field, index.ipv4Slot((int) v4));
            }
            return true;
        }
        if (looksLikeAddress(text)) {
            if (index.hasAddresses()) {
                c.add(IocType.ADDRESS, text, field, index.addressSlot(text));
            }
            return true;
        }
        if (index.hasDomains()) {
            String name = IntelIndex.queryName(text);
            if (name != null && name.indexOf('.') > 0) {
                c.add(IocType.DOMAIN, name, field, index.domainSlot(name));
            }
        }
        return false;
    }

    private static boolean looksLikeAddress(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (text.indexOf(':') >= 0) {
            // IPv6 (or [v6]); a host:port has letters or dots before a single colon
            return first == '[' || text.indexOf(':') != text.lastIndexOf(':');
        }
        return first >= '0' && first <= '9' && IntelIndex.parseIpv4(text) >= 0;
    }

    private void exact(IocType type, String raw, String field, Collector c) {
        Object slot = index.exactSlot(type, raw);
        if (slot != null) {
            c.add(type, canonical(type, raw), field, slot);
        }
    }

    private static String canonical(IocType type, String raw) {
        String v = raw.strip();
        return switch (type) {
            case MD5, SHA1, SHA256, EMAIL -> v.toLowerCase(Locale.ROOT);
            case AWS_ACCESS_KEY -> v.toUpperCase(Locale.ROOT);
            default -> v;
        };
    }

    // ---- per source ----

    /** Route 53 Resolver answers: the bytes are scanned for {@code "Rdata":"..."} rather than parsed. */
    private void dnsAnswers(RawRecord raw, Collector c) {
        if (!index.hasAddresses() && !index.hasDomains()) {
            return;
        }
        byte[] json = raw.jsonBytes();
        if (json == null) {
            for (JsonNode answer : raw.tree().path("answers")) {
                if (answer.path("Rdata").isTextual()) {
                    hostOrAddress(answer.get("Rdata").asText(), "dns.answer", c);
                }
            }
            return;
        }
        int from = 0;
        while ((from = indexOf(json, RDATA, from)) >= 0) {
            int i = from + RDATA.length;
            while (i < json.length && (json[i] == ' ' || json[i] == ':')) {
                i++;
            }
            if (i >= json.length || json[i] != '"') {
                from = i;
                continue;
            }
            int end = i + 1;
            while (end < json.length && json[end] != '"' && json[end] != '\\' && end - i < 300) {
                end++;
            }
            if (end < json.length && json[end] == '"') {
                hostOrAddress(new String(json, i + 1, end - i - 1, StandardCharsets.UTF_8), "dns.answer", c);
            }
            from = end;
        }
    }

    private void webUrl(Event e, Collector c) {
        if (!index.hasExact(IocType.URL)) {
            return;
        }
        String target = text(e.raw(), "cs-uri");
        if (target == null || target.isEmpty()) {
            return;
        }
        String url;
        if (target.contains("://")) {
            url = target;
        } else {
            String host = e.dst().host();
            if (host == null || !target.startsWith("/")) {
                return;
            }
            url = "http://" + host + target;
        }
        exact(IocType.URL, url, "url", c);
    }

    private void exim(RawRecord raw, Collector c) {
        for (String name : new String[]{"sender", "address"}) {
            String address = text(raw, name);
            if (address == null || address.indexOf('@') <= 0) {
                continue;
            }
            String field = "email." + name;
            if (index.hasExact(IocType.EMAIL)) {
                exact(IocType.EMAIL, address, field, c);
            }
            hostOrAddress(address.substring(address.lastIndexOf('@') + 1), field + ".domain", c);
        }
        String helo = text(raw, "helo");
        if (helo != null) {
            hostOrAddress(helo, "email.helo", c);
        }
    }

    private void docker(RawRecord raw, Collector c) {
        if (index.hasExact(IocType.SHA256)) {
            for (String name : new String[]{"image", "query", "path", "msg"}) {
                String v = text(raw, name);
                if (v != null) {
                    digests(v, "image.digest", c);
                }
            }
        }
        String cmdline = text(raw, "cmdline");
        if (cmdline != null) {
            urls(cmdline, "cmdline", c);
        }
    }

    /** Every {@code sha256:<64 hex>} in {@code text}. */
    private void digests(String text, String field, Collector c) {
        int from = 0;
        while ((from = text.indexOf(SHA256_PREFIX, from)) >= 0) {
            int start = from + SHA256_PREFIX.length();
            int end = start;
            while (end < text.length() && end - start <= 64 && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            if (end - start == 64) {
                exact(IocType.SHA256, text.substring(start, end), field, c);
            }
            from = end;
        }
    }

    /** URLs in a command line ({@code -o stratum+tcp://pool.example:4444}): their host, and the URL itself. */
    private void urls(String text, String field, Collector c) {
        int from = 0;
        while ((from = text.indexOf("://", from)) >= 0) {
            int start = from;
            while (start > 0 && isSchemeChar(text.charAt(start - 1))) {
                start--;
            }
            int end = from + 3;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"'
                    && text.charAt(end) != '\'') {
                end++;
            }
            String url = text.substring(start, end);
            int hostStart = from + 3;
            int hostEnd = hostStart;
            while (hostEnd < end && "/?#".indexOf(text.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String authority = text.substring(hostStart, hostEnd);
            String host = authority.substring(authority.lastIndexOf('@') + 1);
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                host = close > 0 ? host.substring(1, close) : host;
            } else if (host.indexOf(':') >= 0) {
                host = host.substring(0, host.indexOf(':'));
            }
            if (!host.isEmpty()) {
                hostOrAddress(host, field + ".host", c);
            }
            if (index.hasExact(IocType.URL) && start < from) {
                exact(IocType.URL, url, field + ".url", c);
            }
            from = end;
        }
    }

    private static boolean isSchemeChar(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '-' || ch == '.';
    }

    private static String text(RawRecord raw, String field) {
        JsonNode v = raw.tree().get(field);
        return v == null || !v.isValueNode() ? null : v.asText();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The event's matches so far, deduplicated by type and value; allocates only on the first hit. */
    private static final class Collector {
        private final Instant time;
        private List<IntelMatch> found;

        Collector(Instant time) {
            this.time = time;
        }

        void add(IocType type, String observed, String field, Object slot) {
            if (slot == null) {
                return;
            }
            List<Indicator> valid = null;
            int n = Slots.size(slot);
            for (int i = 0; i < n; i++) {
                Indicator ind = Slots.get(slot, i);
                if (ind.validAt(time)) {
                    if (valid == null) {
                        valid = new ArrayList<>(n);
                    }
                    valid.add(ind);
                }
            }
            if (valid == null) {
                return;
            }
            if (found == null) {
                found = new ArrayList<>(2);
            } else {
                for (IntelMatch m : found) {
                    if (m.type() == type && m.observed().equals(observed)) {
                        return;
                    }
                }
            }
            found.add(new IntelMatch(type, observed, field, valid));
        }
    }
}
