package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.IocType;

import java.time.Instant;
import java.util.List;

/**
 * What the caller knows about a list that the list does not say: the type of every value (else each is
 * detected, {@link IocDetect}), labels for all of them ({@code malware:graboid}, {@code cloudwarden.m2}), a
 * confidence and an expiry. A CSV row's own columns win over these.
 */
public record ListOptions(IocType type, List<String> labels, Integer confidence, Instant validUntil) {
    public ListOptions {
        labels = List.copyOf(labels);
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            throw new IllegalArgumentException("confidence must be 0-100: " + confidence);
        }
    }

    /** Types detected per value, no labels, no confidence, no expiry. */
    public static ListOptions defaults() {
        return new ListOptions(null, List.of(), null, null);
    }

    public ListOptions withType(IocType t) {
        return new ListOptions(t, labels, confidence, validUntil);
    }

    public ListOptions withLabels(List<String> l) {
        return new ListOptions(type, l, confidence, validUntil);
    }

    public ListOptions withConfidence(Integer c) {
        return new ListOptions(type, labels, c, validUntil);
    }

    public ListOptions withValidUntil(Instant t) {
        return new ListOptions(type, labels, confidence, t);
    }
}
