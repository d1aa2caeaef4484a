package dev.cloudwarden.engine.state;

/**
 * A state value that is a collection of items (a correlation group's window of matches, say): {@link
 * InMemoryKeyedState#entryCount()} counts its items, as it counts a map state's entries, so the measure of what
 * state holds does not depend on whether an operator keeps its items in a map or in one value.
 */
public interface CountedState {
    /** How many items the value holds, at least 1. */
    int items();
}
