package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Observable;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;

import java.util.List;

/**
 * What two matches of one rule must share to be one alert.
 *
 * <p><b>Default key:</b> the actor's stable identity and the account. For an assumed role that is the role, not the
 * per-call session name ({@code arn:aws:sts::111122223333:assumed-role/Admin/i-0abc} groups as
 * {@code ...assumed-role/Admin}), so one role's thousand AssumeRole calls are one alert. Without a principal, the
 * access key; without either, the source address (a scanner). Events with no cloud account are scoped by the host
 * that logged them. A detector's matched values (an intel indicator) are part of the key, so two listed domains
 * stay two alerts.
 *
 * <p><b>A rule's own key</b> ({@code grouping.by}) lists record fields (dotted paths) or these names: {@code actor},
 * {@code account}, {@code src_ip}, {@code dst_ip}, {@code dst_host}, {@code operation}.
 */
final class GroupKeys {
    /** In an STS assumed-role ARN everything up to the role name is the stable part; the session follows. */
    private static final String ASSUMED_ROLE = ":assumed-role/";
    private static final char SEPARATOR = '\u001f';

    private GroupKeys() {
    }

    static String of(Alert alert, List<String> by) {
        Event e = alert.event();
        StringBuilder key = new StringBuilder();
        if (by.isEmpty()) {
            String actor = stableActor(e.actor());
            part(key, actor != null ? actor : e.src().ip());
            key.append(SEPARATOR);
            part(key, e.cloud().account() != null ? e.cloud().account() : hostScope(e));
        } else {
            for (int i = 0; i < by.size(); i++) {
                if (i > 0) {
                    key.append(SEPARATOR);
                }
                part(key, field(e, by.get(i)));
            }
        }
        for (Observable o : alert.observables()) {
            if (Observable.MATCHED.equals(o.role())) {
                key.append(SEPARATOR);
                part(key, o.type() + "=" + o.value());
            }
        }
        return key.toString();
    }

    /** The principal without its per-session part, else the access key; null when the event names no actor. */
    static String stableActor(Actor actor) {
        String p = actor.principal();
        if (p != null && !p.isEmpty()) {
            // arn:aws:sts::111122223333:assumed-role/Admin/session -> ...:assumed-role/Admin (no regex: one per alert)
            int role = p.startsWith("arn:") ? p.indexOf(ASSUMED_ROLE) : -1;
            int session = role < 0 ? -1 : p.indexOf('/', role + ASSUMED_ROLE.length());
            return session < 0 ? p : p.substring(0, session);
        }
        return actor.accessKeyId();
    }

    private static String hostScope(Event e) {
        return e.dst().host() != null ? e.dst().host() : e.src().host();
    }

    private static String field(Event e, String name) {
        return switch (name) {
            case "actor" -> stableActor(e.actor());
            case "account" -> e.cloud().account();
            case "src_ip" -> e.src().ip();
            case "dst_ip" -> e.dst().ip();
            case "dst_host" -> e.dst().host();
            case "operation" -> e.operation().name();
            default -> e.raw().text(FieldPath.of(name));
        };
    }

    /**
     * Appends one part of a key. Parts are attacker-controlled text: a separator or backslash in one is escaped with a
     * backslash, so two different lists of parts never give the same key.
     */
    private static void part(StringBuilder key, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == SEPARATOR || c == '\\') {
                key.append('\\');
            }
            key.append(c);
        }
    }
}
