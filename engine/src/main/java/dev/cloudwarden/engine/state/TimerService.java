package dev.cloudwarden.engine.state;

/**
 * Event-time timers of the current key (Flink's {@code TimerService}). A timer is identified by its key and
 * time: registering the same time twice yields one callback. Times are epoch milliseconds.
 */
public interface TimerService {
    /** Event time known to be complete: no element at or before it is still to come. */
    long currentWatermark();

    /** Asks for {@link KeyedProcessor#onTimer} once the watermark reaches {@code time}. */
    void registerEventTimeTimer(long time);

    void deleteEventTimeTimer(long time);
}
