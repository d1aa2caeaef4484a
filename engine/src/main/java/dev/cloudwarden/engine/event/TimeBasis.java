package dev.cloudwarden.engine.event;

/**
 * Where an event's time came from. Only {@link #RECORD} is the source's own statement of when it happened; every
 * other basis is an inference that keeps the record scannable (a record is never rejected only for its time), and
 * the event says so ({@code time_inferred} in its JSON).
 */
public enum TimeBasis {
    /** The source's own time field ({@code eventTime}, {@code stageTimestamp}, {@code timestamp}...). */
    RECORD,
    /**
     * A time its shipper wrote: a member beside the record ({@code @timestamp}, {@code p_event_time},
     * {@code receiveTimestamp}) or the envelope around it (a CloudWatch Logs event's {@code timestamp}).
     */
    ENVELOPE,
    /** The time of the event before it in the same input. */
    PREVIOUS_EVENT,
    /** The input's modification time: nothing nearer was known. */
    INPUT;

    public boolean inferred() {
        return this != RECORD;
    }
}
