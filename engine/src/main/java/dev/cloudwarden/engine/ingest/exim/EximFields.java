package dev.cloudwarden.engine.ingest.exim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.ingest.net.Addresses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code X=value} fields Exim appends to a line ({@code H=}, {@code F=}, {@code P=}, {@code S=}...),
 * under readable raw names. {@code H=} spans several words ({@code name (helo) [ip]:port}): the name is
 * the one Exim verified by reverse DNS, the parenthesised one is what the client claimed in HELO, so the
 * two are kept apart as {@code host_name} and {@code helo}.
 */
final class EximFields {
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("F", "sender"),
            Map.entry("P", "protocol"), Map.entry("R", "router"), Map.entry("T", "transport"),
            Map.entry("U", "local_user"), Map.entry("A", "authenticator"), Map.entry("id", "id"),
            Map.entry("X", "tls_cipher"), Map.entry("C", "confirmation"), Map.entry("I", "interface"),
            Map.entry("QT", "queue_time"), Map.entry("DT", "delivery_time"), Map.entry("CV", "tls_cert_verified"),
            Map.entry("DN", "tls_peer_dn"), Map.entry("SNI", "tls_sni"), Map.entry("K", "chunking"));

    private EximFields() {
    }

    /** Keys that mean the same outside a message's lines; there C= lists SMTP commands, D= a duration... */
    private static final java.util.Set<String> CONNECTION_KEYS = java.util.Set.of("H", "F", "I");

    /**
     * Adds the fields found in {@code text} to {@code raw}.
     *
     * @param messageLine whether the line is about a message (has a message id): other lines (connections,
     *                    rejections) reuse some letters with other meanings, so only H=, F= and I= are read
     */
    static void extract(String text, ObjectNode raw, boolean messageLine) {
        List<String> words = words(text);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int eq = w.indexOf('=');
            if (eq <= 0 || !isKey(w.substring(0, eq))) {
                continue;
            }
            String key = w.substring(0, eq);
            if (!messageLine && !CONNECTION_KEYS.contains(key)) {
                continue;
            }
            String value = unquote(w.substring(eq + 1));
            if (key.equals("H")) {
                List<String> rest = new ArrayList<>(words.subList(i, words.size()));
                rest.set(0, value);
                List<String> host = hostWords(rest);
                i += host.size() - 1;
                host(host, raw);
            } else if (key.equals("S") && value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    && value.length() < 19) {
                raw.put("size", Long.parseLong(value));
            } else if (key.equals("F")) {
                raw.put("sender", stripAngles(value));
            } else if (NAMES.containsKey(key) && !raw.has(NAMES.get(key))) {
                raw.put(NAMES.get(key), value);
            }
        }
    }

    /**
     * The words of {@code name (helo) [ip]:port} (any of the three may be missing) into {@code host_name},
     * {@code helo}, {@code host_ip} and {@code host_port}. Also used for "SMTP connection from ..." lines.
     */
    static void host(List<String> words, ObjectNode raw) {
        for (String w : words) {
            String word = w.endsWith(":") || w.endsWith(",") ? w.substring(0, w.length() - 1) : w;
            if (word.startsWith("(") && word.endsWith(")")) {
                raw.put("helo", word.substring(1, word.length() - 1));
            } else if (word.startsWith("[")) {
                int close = word.indexOf(']');
                if (close < 0) {
                    continue;
                }
                String ip = word.substring(1, close);
                if (Addresses.looksLikeIp(ip)) {
                    raw.put("host_ip", ip);
                }
                String port = word.substring(close + 1);
                if (port.startsWith(":") && port.length() > 1 && port.length() <= 6
                        && port.substring(1).chars().allMatch(Character::isDigit)) {
                    raw.put("host_port", Integer.parseInt(port.substring(1)));
                }
            } else if (!word.isEmpty() && !raw.has("host_name")) {
                raw.put("host_name", word);
            }
        }
    }

    /**
     * The words at the start of {@code words} that describe one host: a name, a {@code (helo)} and an
     * {@code [ip]} in that order, each optional, ending at the address.
     */
    static List<String> hostWords(List<String> words) {
        List<String> out = new ArrayList<>(3);
        for (String w : words) {
            boolean helo = w.startsWith("(") && (w.endsWith(")") || w.endsWith("):"));
            boolean address = w.startsWith("[");
            boolean name = out.isEmpty() && !helo && !address;
            if (!(helo || address || name) || out.size() == 3) {
                break;
            }
            out.add(w);
            if (address) {
                break;
            }
        }
        return out;
    }

    /** Words split at spaces, except inside double quotes ({@code C="250 2.0.0 OK"}). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ' ' && !quoted) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    static String stripAngles(String address) {
        String a = address.endsWith(":") ? address.substring(0, address.length() - 1) : address;
        return a.startsWith("<") && a.endsWith(">") ? a.substring(1, a.length() - 1) : a;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** Exim's field keys: a capital letter and up to three more letters or digits, or "id". */
    private static boolean isKey(String k) {
        return k.equals("id") || k.length() <= 4 && Character.isUpperCase(k.charAt(0))
                && k.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9');
    }
}
