package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.event.Event;

/** An event on its way to a behavioral detector, under the key that detector watches it by. */
public record Keyed(String key, Event event) {
}
