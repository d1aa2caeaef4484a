package dev.cloudwarden.engine.intel;

/** What an indicator's value is. Each type has one canonical text form (see {@link IocValues#normalize}). */
public enum IocType {
    /** An IPv4 or IPv6 address, or a CIDR range of either: {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}. */
    ADDRESS,
    /** A domain name; it also matches its subdomains ({@code pool.example} matches {@code eu.pool.example}). */
    DOMAIN,
    /** A URL, matched whole (scheme and host lower-cased, default port dropped, fragment dropped). */
    URL,
    MD5,
    SHA1,
    SHA256,
    /** An AWS access key id ({@code AKIA...} long-term, {@code ASIA...} temporary). */
    AWS_ACCESS_KEY,
    /** A user agent, matched whole and exactly. */
    USER_AGENT,
    EMAIL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
