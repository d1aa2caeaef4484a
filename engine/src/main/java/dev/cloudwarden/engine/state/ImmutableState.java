package dev.cloudwarden.engine.state;

/**
 * A state value that is never changed once stored: an update stores a new value. A runtime may then share it where
 * it would copy a mutable one: Flink's heap backend copies every value it hands out while an asynchronous
 * checkpoint is being written, which for values holding alerts and events was most of what grouping cost.
 */
public interface ImmutableState {
}
