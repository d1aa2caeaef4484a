package dev.cloudwarden.engine.ingest.exim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mainlog's lines. Raw fields: {@code message} (all Exim logged after the time prefix, for keyword
 * rules), {@code pid}, {@code message_id}, {@code flag} and {@code address} for message lines, and the
 * fields of {@link EximFields}. Times without log_timezone are read as UTC.
 *
 * <p>Direction: on arrivals, rejections and connections {@code H=} is the client, the event's source; on
 * deliveries and delivery failures it is the remote server Exim connected to, the event's destination.
 */
final class EximParser implements LineParser {
    private static final Map<String, String> FLAGS = Map.of("<=", "received", "(=", "received", "=>", "delivered",
            "->", "delivered", ">>", "delivered", "*>", "suppressed", "**", "failed", "==", "deferred");
    private static final Set<String> OUTBOUND = Set.of("=>", "->", ">>", "*>", "**", "==");
    private static final Set<String> SUCCEEDED = Set.of("received", "delivered", "completed");
    private static final Set<String> FAILED = Set.of("failed", "deferred", "rejected", "auth_failed");

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        EximHeader h = EximHeader.parse(line);
        ObjectNode raw = Json.NODES.objectNode();
        if (h.pid() != null) {
            raw.put("pid", h.pid());
        }
        String text = h.text();
        raw.put("message", text);
        List<String> words = EximFields.words(text);
        String flag = null;
        int rest = 0;
        if (!words.isEmpty() && EximHeader.isMessageId(words.get(0))) {
            raw.put("message_id", words.get(0));
            rest = 1;
            if (words.size() > 2 && FLAGS.containsKey(words.get(1))) {
                flag = words.get(1);
                raw.put("flag", flag);
                raw.put("address", EximFields.stripAngles(words.get(2)));
                rest = 3;
            }
        }
        EximFields.extract(String.join(" ", words.subList(rest, words.size())), raw, rest > 0);
        if ("<=".equals(flag)) {
            raw.put("sender", raw.get("address").asText()); // an arrival's address is its sender
            if (raw.has("router")) {
                // On an arrival R= is not a router: it names the message a bounce is about.
                raw.set("parent_message_id", raw.remove("router"));
            }
        }
        String operation = operation(flag, words, text);
        if (operation.equals("rejected")) {
            rejectedAddress(text, raw);
        }
        if (operation.equals("auth_failed")) {
            authId(text, raw);
        }
        if (!raw.has("host_ip")) {
            clientAfter(text, raw);
        }

        EventBuilder b = Event.builder(SourceType.EXIM, h.time(), RawRecord.ofLine(line, raw)).origin(origin);
        b.operation("exim", operation);
        b.outcome(SUCCEEDED.contains(operation) ? Outcome.SUCCESS
                : FAILED.contains(operation) ? Outcome.failure(null, null) : Outcome.UNKNOWN);
        Endpoint host = new Endpoint(text(raw, "host_ip"),
                raw.has("host_port") ? raw.get("host_port").asInt() : null, text(raw, "host_name"));
        if (!host.isEmpty()) {
            if (flag != null && OUTBOUND.contains(flag)) {
                b.dst(host);
            } else {
                b.src(host);
            }
        }
        String actor = actor(raw);
        if (actor != null) {
            b.actor(Actor.named(actor, null));
        }
        b.resource("Exim::Message", text(raw, "message_id"));
        return b.build();
    }

    private static String operation(String flag, List<String> words, String text) {
        if (flag != null) {
            return FLAGS.get(flag);
        }
        if (words.size() >= 2 && EximHeader.isMessageId(words.get(0)) && words.get(1).equals("Completed")) {
            return "completed";
        }
        if (text.startsWith("rejected ") || text.contains(" rejected ")) {
            return "rejected";
        }
        if (text.startsWith("SMTP connection from ")) {
            return "connection";
        }
        if (text.contains(" authenticator failed for ")) {
            return "auth_failed";
        }
        return "log";
    }

    /**
     * The client of lines that name it without H= ({@code SMTP connection from (helo) [ip]:port},
     * {@code authenticator failed for ...}, {@code SMTP call from ...}); only taken when it has an address.
     */
    private static void clientAfter(String text, ObjectNode raw) {
        for (String marker : List.of(" from ", " for ")) {
            int at = (" " + text).indexOf(marker);
            if (at < 0) {
                continue;
            }
            List<String> host = EximFields.hostWords(EximFields.words(text.substring(at + marker.length() - 1)));
            if (!host.isEmpty() && host.get(host.size() - 1).startsWith("[")) {
                EximFields.host(host, raw);
                return;
            }
        }
    }

    /** {@code ... authenticator failed for ... (set_id=admin@example.com)}: the login that was tried. */
    private static void authId(String text, ObjectNode raw) {
        int at = text.lastIndexOf("(set_id=");
        int end = at < 0 ? -1 : text.indexOf(')', at);
        if (end > at + 8) {
            raw.put("auth_id", text.substring(at + 8, end));
        }
    }

    /** {@code rejected RCPT <addr>: reason} and {@code rejected MAIL <addr>}: the address refused. */
    private static void rejectedAddress(String text, ObjectNode raw) {
        for (String verb : List.of("rejected RCPT <", "rejected MAIL <")) {
            int at = text.indexOf(verb);
            if (at >= 0) {
                int start = at + verb.length();
                int end = text.indexOf(">: ", start);
                if (end < 0) {
                    end = text.lastIndexOf('>');
                }
                if (end >= start && !raw.has("address")) {
                    raw.put("address", text.substring(start, end));
                }
                return;
            }
        }
    }

    /**
     * Who acted: the login a failed authentication tried, the SMTP-authenticated id of an arrival
     * ({@code A=dovecot_plain:alice}), else the local user who submitted it ({@code U=}).
     */
    private static String actor(ObjectNode raw) {
        if (raw.has("auth_id")) {
            return text(raw, "auth_id");
        }
        String auth = text(raw, "authenticator");
        if (auth != null) {
            int colon = auth.indexOf(':');
            return colon >= 0 && colon < auth.length() - 1 ? auth.substring(colon + 1) : null;
        }
        return text(raw, "local_user");
    }

    private static String text(ObjectNode raw, String name) {
        return raw.has(name) ? raw.get(name).asText() : null;
    }
}
