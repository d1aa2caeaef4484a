/**
 * Keyed state for stateful operators (correlations, later incidents and baselines), shaped after Apache
 * Flink's keyed state so the same operator code runs on an in-memory map in the CLI and on Flink state at
 * scale (DESIGN.md, "one engine").
 *
 * <p>An operator is a {@link dev.cloudwarden.engine.state.KeyedProcessor}: the runner sets the current key,
 * then calls it with a {@link dev.cloudwarden.engine.state.KeyedState} whose state handles and timers all act
 * on that key only, exactly like a Flink {@code KeyedProcessFunction} with its {@code ValueState},
 * {@code MapState} and {@code TimerService}. Time is event time in epoch milliseconds; a timer fires once the
 * watermark reaches it. Stored values should be records of plain data so a serializing backend can hold them,
 * and a handle's value must be {@code update}d (or {@code put}) after every change: a serializing backend
 * keeps no live reference to it.
 *
 * <p>{@link dev.cloudwarden.engine.state.InMemoryKeyedState} is the local runner's backend.
 */
package dev.cloudwarden.engine.state;
