package dev.cloudwarden.engine.state;

/**
 * The state an operator sees while it handles one key: named handles and timers, all scoped to
 * {@link #currentKey()}. A handle may be fetched once and kept; it always acts on the key of the ongoing
 * callback (as a Flink state handle does).
 *
 * @param <K> the key type
 */
public interface KeyedState<K> {
    K currentKey();

    /** A value handle; {@code name} identifies the state (keep names in constants: they name checkpoints). */
    <T> ValueState<T> valueState(String name, Class<T> type);

    <MK, MV> MapState<MK, MV> mapState(String name, Class<MK> keyType, Class<MV> valueType);

    TimerService timers();
}
