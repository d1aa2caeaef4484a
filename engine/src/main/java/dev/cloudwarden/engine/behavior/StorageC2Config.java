package dev.cloudwarden.engine.behavior;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * M6 (RokRat, Karae): servers talking to commercial cloud-storage APIs. A host's DNS queries are its contacts;
 * a storage destination is the domain of {@code storageDomains} the query name falls under.
 *
 * @param storageDomains  registrable domains of storage APIs; a query for the domain or any name under it is a
 *                        contact with that destination
 * @param learning        per host, from its first DNS query of any name: destinations contacted in this time are
 *                        the host's normal ones and never alert
 * @param beaconContacts  contacts (after merging those closer than {@code minGap}) a beacon needs; the intervals
 *                        between the last this-many contacts are tested
 * @param maxCv           the intervals' coefficient of variation (sd / mean) at or below which they are regular
 * @param minGap          contacts closer than this are one (a beacon's lookup and retry, a burst of requests)
 * @param maxInterval     a mean interval above this is not a beacon (daily jobs are regular too)
 * @param maxContacts     contacts kept per destination while a beacon is undecided (a safety bound)
 */
public record StorageC2Config(List<String> storageDomains, Duration learning, int beaconContacts, double maxCv,
                              Duration minGap, Duration maxInterval, int maxContacts) implements DetectorConfig {
    public StorageC2Config {
        storageDomains = storageDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        DetectorConfig.notNegative(learning, "learning");
        DetectorConfig.notNegative(minGap, "minGap");
        DetectorConfig.positive(maxInterval, "maxInterval");
        if (beaconContacts < 3 || !(maxCv >= 0) || maxContacts < beaconContacts) {
            throw new IllegalArgumentException("beaconContacts >= 3, maxCv >= 0 and maxContacts >= beaconContacts are "
                    + "required: " + beaconContacts + ", " + maxCv + ", " + maxContacts);
        }
    }

    /**
     * The API domains of the services the report names (Dropbox, pCloud, Box, Yandex Disk) plus MEGA: programmatic
     * endpoints, which servers rarely need. Shared front doors (googleapis.com, graph.microsoft.com) are left out:
     * a DNS name cannot tell Drive from the rest of Google's or Microsoft's APIs. Two hours of learning per host;
     * six contacts (five intervals) with a coefficient of variation of at most 0.25: a timer with up to about
     * +-40% uniform jitter stays under it, while independent requests (a Poisson process, CV near 1) do not get
     * close; contacts within 10 seconds merge; beacons slower than six hours are left alone.
     */
    public static StorageC2Config defaults() {
        return new StorageC2Config(List.of("dropboxapi.com", "dropboxusercontent.com", "pcloud.com", "box.com",
                "boxcloud.com", "cloud-api.yandex.net", "webdav.yandex.ru", "webdav.yandex.com", "mega.co.nz", "mega.nz"),
                Duration.ofHours(2), 6, 0.25, Duration.ofSeconds(10), Duration.ofHours(6), 64);
    }

    public StorageC2Config withLearning(Duration value) {
        return new StorageC2Config(storageDomains, value, beaconContacts, maxCv, minGap, maxInterval, maxContacts);
    }

    /** The storage destination {@code name} belongs to, or null. */
    String destinationOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        for (String d : storageDomains) {
            if (n.equals(d) || n.endsWith(d) && n.charAt(n.length() - d.length() - 1) == '.') {
                return d;
            }
        }
        return null;
    }
}
