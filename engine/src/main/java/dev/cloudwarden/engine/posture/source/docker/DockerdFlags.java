package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dockerd's command-line flags as daemon.json keys. dockerd's reference documents the rule: a key is the flag's long
 * name, plural for the flags that may be repeated ({@code --host} → {@code hosts}, {@code --insecure-registry} →
 * {@code insecure-registries}); boolean flags take {@code =false}; {@code --log-opt k=v} and {@code --default-ulimit}
 * fill maps.
 */
final class DockerdFlags {
    private static final Map<String, String> SHORT = Map.of("-H", "host", "-D", "debug", "-l", "log-level",
            "-G", "group", "-p", "pidfile", "-b", "bridge", "-g", "graph", "-s", "storage-driver");

    /** Repeatable flags, and the plural key daemon.json lists them under. */
    private static final Map<String, String> LISTS = Map.ofEntries(
            Map.entry("host", "hosts"),
            Map.entry("insecure-registry", "insecure-registries"),
            Map.entry("registry-mirror", "registry-mirrors"),
            Map.entry("authorization-plugin", "authorization-plugins"),
            Map.entry("dns", "dns"),
            Map.entry("dns-opt", "dns-opts"),
            Map.entry("dns-search", "dns-search"),
            Map.entry("exec-opt", "exec-opts"),
            Map.entry("storage-opt", "storage-opts"),
            Map.entry("label", "labels"),
            Map.entry("add-runtime", "runtimes"),
            Map.entry("allow-nondistributable-artifacts", "allow-nondistributable-artifacts"),
            Map.entry("feature", "features"),
            Map.entry("default-address-pool", "default-address-pools"));

    /** Flags that take no value (an optional {@code =true|false}). */
    private static final Set<String> BOOLEANS = Set.of("tls", "tlsverify", "icc", "live-restore", "no-new-privileges",
            "selinux-enabled", "experimental", "debug", "iptables", "ip6tables", "ip-forward", "ip-masq", "ipv6",
            "userland-proxy", "init", "raw-logs", "disable-legacy-registry", "userns-remap-default",
            "validate", "rootless");

    /** Key-value flags gathered into a map under this key. */
    private static final Map<String, String> MAPS = Map.of("log-opt", "log-opts", "default-ulimit", "default-ulimits");

    /** Settings a check is likely to judge; unknown when the command line hides arguments behind a variable. */
    private static final List<String> SECURITY_KEYS = List.of("hosts", "tls", "tlsverify", "tlscacert", "tlscert",
            "tlskey", "icc", "userns-remap", "live-restore", "no-new-privileges", "authorization-plugins",
            "insecure-registries", "log-driver", "userland-proxy", "selinux-enabled", "iptables", "seccomp-profile");

    private DockerdFlags() {
    }

    static Map<String, Object> toDaemonJson(List<String> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("$")) {
                hidden.add(arg);
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                continue;
            }
            String name;
            String value = null;
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            }
            if (flag.startsWith("--")) {
                name = flag.substring(2);
            } else if (SHORT.containsKey(flag)) {
                name = SHORT.get(flag);
            } else if (flag.length() > 2 && SHORT.containsKey(flag.substring(0, 2))) {
                name = SHORT.get(flag.substring(0, 2));
                value = flag.substring(2);
            } else {
                name = flag.substring(1);
            }
            if (BOOLEANS.contains(name)) {
                Object b = value == null ? Boolean.TRUE : value.equalsIgnoreCase("true") ? Boolean.TRUE
                        : value.equalsIgnoreCase("false") ? Boolean.FALSE : unknownIfVariable(value);
                out.put(name, b);
                continue;
            }
            if (value == null && i + 1 < args.size()) {
                value = args.get(++i);
            }
            if (value == null) {
                out.put(name, Boolean.TRUE);
                continue;
            }
            Object v = unknownIfVariable(value);
            if (LISTS.containsKey(name)) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) out.computeIfAbsent(LISTS.get(name), k -> new ArrayList<>());
                list.add(v);
            } else if (MAPS.containsKey(name)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) out.computeIfAbsent(MAPS.get(name), k -> new LinkedHashMap<>());
                int kv = value.indexOf('=');
                map.put(kv < 0 ? value : value.substring(0, kv), kv < 0 ? null : unknownIfVariable(value.substring(kv + 1)));
            } else {
                out.put(name, v);
            }
        }
        if (!hidden.isEmpty()) {
            Unknown unseen = Unknown.of(String.join(" ", hidden));
            for (String key : SECURITY_KEYS) {
                Object present = out.get(key);
                if (present instanceof List<?>) {
                    // The variable may add more of a repeatable flag: the list is known only in part.
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) present;
                    list.add(unseen);
                } else {
                    out.putIfAbsent(key, unseen);
                }
            }
        }
        return out;
    }

    private static Object unknownIfVariable(String value) {
        return value.contains("$") ? Unknown.of(value) : value;
    }
}
