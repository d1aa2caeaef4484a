package dev.cloudwarden.app.web;

import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An incident's entities as a picture: one column per kind, in the order an intrusion runs through them (principal →
 * access key → address → instance → host → bucket...), and a line between two entities that appear in one alert.
 * Laid out here, drawn by the page as SVG: positions are numbers and labels are text the template escapes.
 */
public record EntityGraph(int width, int height, List<Node> nodes, List<Edge> edges) {
    static final int COLUMN = 210;
    static final int ROW = 44;
    static final int MAX_PER_COLUMN = 12;
    static final int LABEL = 26;

    public record Node(String id, String type, String label, String value, int x, int y, String link) {
    }

    public record Edge(int x1, int y1, int x2, int y2) {
    }

    /** @param together the entities of each alert (an edge joins two that appear in one) */
    static EntityGraph of(List<Entity> entities, List<List<Entity>> together) {
        Map<EntityType, List<Entity>> columns = new EnumMap<>(EntityType.class);
        for (Entity e : entities) {
            List<Entity> column = columns.computeIfAbsent(e.type(), t -> new ArrayList<>());
            if (column.size() < MAX_PER_COLUMN) {
                column.add(e);
            }
        }
        Map<Entity, Node> placed = new LinkedHashMap<>();
        int x = 20;
        int tallest = 0;
        for (List<Entity> column : columns.values()) {
            int y = 30;
            for (Entity e : column) {
                placed.put(e, new Node("n" + placed.size(), e.type().id(), shorten(Fmt.visible(e.value())),
                        Fmt.visible(e.value()), x, y,
                        "/incidents?entity=" + Fmt.url(e.type().id() + ":" + e.value())));
                y += ROW;
            }
            tallest = Math.max(tallest, y);
            x += COLUMN;
        }
        Set<List<Integer>> lines = new LinkedHashSet<>();
        for (List<Entity> alert : together) {
            for (Entity a : alert) {
                for (Entity b : alert) {
                    Node from = placed.get(a);
                    Node to = placed.get(b);
                    // neighbouring kinds only: the picture reads left to right, as the intrusion did
                    if (from != null && to != null && to.x() - from.x() == COLUMN) {
                        lines.add(List.of(from.x() + 170, from.y() - 5, to.x(), to.y() - 5));
                    }
                }
            }
        }
        List<Edge> edges = lines.stream().map(l -> new Edge(l.get(0), l.get(1), l.get(2), l.get(3))).toList();
        return new EntityGraph(Math.max(x, 300), Math.max(tallest, 60), List.copyOf(placed.values()), edges);
    }

    private static String shorten(String value) {
        return value.length() <= LABEL ? value : "…" + value.substring(value.length() - LABEL + 1);
    }
}
