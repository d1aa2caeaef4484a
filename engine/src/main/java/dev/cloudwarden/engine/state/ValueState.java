package dev.cloudwarden.engine.state;

/** One value for the current key (Flink's {@code ValueState}). */
public interface ValueState<T> {
    /** The current key's value, or null when it has none. */
    T value();

    /** Replaces the current key's value; null is the same as {@link #clear()}. */
    void update(T value);

    void clear();
}
