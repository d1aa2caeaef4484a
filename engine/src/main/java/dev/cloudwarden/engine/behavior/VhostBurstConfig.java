package dev.cloudwarden.engine.behavior;

import java.time.Duration;

/**
 * A4: one server suddenly serving many new virtual hosts (200 scam sites on one instance). A virtual host is
 * the Host a request named, counted when the server answered it (status below 400): scanners that try random
 * names and get 404 serve nothing. Addresses used as a Host are not virtual hosts.
 *
 * @param learning   per server, from its first request: every host served in this time is one of its own
 * @param window     how far back new hosts are counted
 * @param minNewHosts new hosts within {@code window} that make a burst
 * @param maxHosts   hosts remembered per server; beyond it new hosts are not tracked (a shared-hosting server
 *                   with thousands of sites is not what this watches)
 * @param evidence   how many of the new hosts' first requests an alert carries
 */
public record VhostBurstConfig(Duration learning, Duration window, int minNewHosts, int maxHosts, int evidence)
        implements DetectorConfig {
    public VhostBurstConfig {
        DetectorConfig.notNegative(learning, "learning");
        DetectorConfig.positive(window, "window");
        if (minNewHosts < 2 || maxHosts < minNewHosts || evidence < 1) {
            throw new IllegalArgumentException("minNewHosts >= 2, maxHosts >= minNewHosts and evidence >= 1 are "
                    + "required: " + minNewHosts + ", " + maxHosts + ", " + evidence);
        }
    }

    /**
     * Two hours of learning, five new hosts within an hour: a site launch adds one or two names (www, api) at a
     * time, a scam operation dozens. At most 1,000 hosts per server and ten requests as evidence.
     */
    public static VhostBurstConfig defaults() {
        return new VhostBurstConfig(Duration.ofHours(2), Duration.ofHours(1), 5, 1_000, 10);
    }

    public VhostBurstConfig withLearning(Duration value) {
        return new VhostBurstConfig(value, window, minNewHosts, maxHosts, evidence);
    }
}
