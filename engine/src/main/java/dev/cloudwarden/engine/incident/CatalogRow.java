package dev.cloudwarden.engine.incident;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rows of the threat catalog (THREATS.md), which rules name with {@code cloudwarden.<id>} tags: initial access
 * T1-T5, actions after entry A1-A6, cloud-native malware families M1-M6. The threat texts are the catalog's,
 * shortened, so a report can say what a row is without the page at hand.
 */
public enum CatalogRow {
    T1("Exploitation of cloud applications"),
    T2("Brute force of cloud and host credentials"),
    T3("Misconfiguration"),
    T4("Cross-cloud compromise through trusted connections"),
    T5("Vertical escalation from a tenant to the host or management plane"),
    A1("Ransomware"),
    A2("Data theft"),
    A3("Cryptomining"),
    A4("Hosting malware or scam sites"),
    A5("DNS compromise"),
    A6("Lateral movement"),
    M1("DemonBot"),
    M2("Graboid"),
    M3("AESDDoS"),
    M4("GreedyAntd"),
    M5("QNAPCrypt"),
    M6("RokRat, Karae (APT37)");

    private final String threat;

    CatalogRow(String threat) {
        this.threat = threat;
    }

    /** The id as THREATS.md writes it: {@code T2}. */
    public String id() {
        return name();
    }

    public String threat() {
        return threat;
    }

    /** The row of a catalog id as {@link Classification#catalogIds} gives it ({@code T2}). */
    public static Optional<CatalogRow> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.name().equals(id)).findFirst();
    }
}
