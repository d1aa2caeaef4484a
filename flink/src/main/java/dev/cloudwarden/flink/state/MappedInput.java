package dev.cloudwarden.flink.state;

import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An engine operator fed from a stream whose elements carry their key beside the operator's input (a behavioral
 * detector's key and event, a correlation's group and match): the key has done its work in {@code keyBy}, the
 * operator gets the input.
 */
public final class MappedInput<K, W, I, O> implements KeyedProcessor<K, W, O> {
    private final KeyedProcessor<K, I, O> operator;
    private final Function<W, I> input;

    public MappedInput(KeyedProcessor<K, I, O> operator, Function<W, I> input) {
        this.operator = operator;
        this.input = input;
    }

    @Override
    public void processElement(W element, KeyedState<K> state, Consumer<O> out) {
        operator.processElement(input.apply(element), state, out);
    }

    @Override
    public void onTimer(long time, KeyedState<K> state, Consumer<O> out) {
        operator.onTimer(time, state, out);
    }
}
