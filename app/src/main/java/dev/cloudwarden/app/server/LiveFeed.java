package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import io.javalin.http.sse.SseClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /api/v1/stream}: server-sent events of alerts and incident changes as they are written to the store
 * ({@code event: alert} and {@code event: incident}, each a small JSON summary; the full record is one GET away). Only
 * what the store holds is announced, so a client that reacts by reading never finds it missing.
 */
final class LiveFeed {
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("cloudwarden live feed: alert and incident events follow");
    }

    /** Announces what a checkpoint has just written. */
    void written(List<Alert> alerts, List<IncidentUpdate> updates) {
        if (clients.isEmpty()) {
            return;
        }
        for (Alert a : alerts) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", a.id());
            summary.put("rule_id", a.ruleId());
            summary.put("title", a.ruleTitle());
            summary.put("level", a.level() == null ? null : a.level().id());
            summary.put("time", a.time().toString());
            summary.put("count", a.occurrences() == null ? 1 : a.occurrences().count());
            send("alert", summary);
        }
        for (IncidentUpdate u : updates) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("kind", u.kind().name().toLowerCase(java.util.Locale.ROOT));
            summary.put("id", u.id());
            summary.put("severity", u.incident().severity() == null ? null : u.incident().severity().id());
            summary.put("alerts", u.incident().alerts().size());
            send("incident", summary);
        }
    }

    private void send(String event, Object data) {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(event, data);
            }
        }
    }

    int clients() {
        return clients.size();
    }
}
