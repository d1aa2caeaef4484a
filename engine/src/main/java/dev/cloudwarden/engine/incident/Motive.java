package dev.cloudwarden.engine.incident;

import java.util.Locale;

/** Why the attacker likely acted (the report's "motive"); see {@link Classification#motiveOf}. */
public enum Motive {
    /** Extortion, resource theft, fraud: ransomware, mining, scam hosting, DNS hijack for fraud, criminal botnets. */
    FINANCIAL,
    /** Data theft with no sign of monetization, or a state-linked family. */
    ESPIONAGE,
    /** Only initial access or lateral movement was seen: nothing says what the attacker was after. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
