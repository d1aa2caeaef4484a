package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;

/** An alert of the correlation at {@code correlation} (its index in the plan), before it is emitted or chained. */
public record CorrelationHit(int correlation, Alert alert) {
}
