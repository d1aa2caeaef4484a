package dev.cloudwarden.flink.state;

import dev.cloudwarden.engine.state.KeyedProcessor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * An engine operator ({@link KeyedProcessor}: correlation windows, alert grouping, incidents) as a Flink keyed
 * process function: the same code the CLI drives over in-memory state, here over Flink's state and timers. The
 * operator is made on the task from a serializable factory (the engine's operators are not serializable, and need
 * not be: all they keep per key is in the state).
 */
public final class EngineProcessFunction<K, I, O> extends KeyedProcessFunction<K, I, O>
        implements ResultTypeQueryable<O> {
    /** Makes the operator on each parallel task. */
    public interface Factory<K, I, O> extends Supplier<KeyedProcessor<K, I, O>>, Serializable {
    }

    private final Factory<K, I, O> factory;
    private final TypeInformation<O> output;
    private final StateTtl ttl;
    private transient KeyedProcessor<K, I, O> processor;
    private transient FlinkKeyedState<K> state;

    /** @param output what the operator emits (Flink cannot infer it through the engine's generic interface) */
    public EngineProcessFunction(Factory<K, I, O> factory, TypeInformation<O> output) {
        this(factory, output, StateTtl.NONE);
    }

    /** @param ttl how long Flink keeps a key's state without a write (a net under the engine's own eviction) */
    public EngineProcessFunction(Factory<K, I, O> factory, TypeInformation<O> output, StateTtl ttl) {
        this.factory = factory;
        this.output = output;
        this.ttl = ttl;
    }

    @Override
    public TypeInformation<O> getProducedType() {
        return output;
    }

    @Override
    public void open(OpenContext openContext) {
        processor = factory.get();
        state = new FlinkKeyedState<>(getRuntimeContext(), ttl);
    }

    @Override
    public void processElement(I element, Context ctx, Collector<O> out) {
        state.enter(ctx);
        processor.processElement(element, state, out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) {
        state.enter(ctx);
        processor.onTimer(timestamp, state, out::collect);
    }
}
