package dev.cloudwarden.engine.state;

import java.util.function.Consumer;

/**
 * Operator logic over keyed state, with the shape of Flink's {@code KeyedProcessFunction}: a Flink job wraps
 * it in a function that adapts the runtime context to {@link KeyedState}; the CLI drives it with
 * {@link InMemoryKeyedState}. Implementations keep nothing per key in fields: all of it lives in the state.
 *
 * @param <K> key type
 * @param <I> input element type
 * @param <O> output type
 */
public interface KeyedProcessor<K, I, O> {
    /** One element for {@code state.currentKey()}. */
    void processElement(I element, KeyedState<K> state, Consumer<O> out);

    /** A timer of {@code state.currentKey()} that the watermark has reached. */
    void onTimer(long time, KeyedState<K> state, Consumer<O> out);
}
