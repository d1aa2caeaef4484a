package dev.cloudwarden.app.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a store is: a DuckDB file path, or a PostgreSQL server given as {@code postgresql://user:pass@host:port/db}
 * or as a JDBC URL {@code jdbc:postgresql://host:port/db?user=...&password=...}.
 *
 * @param jdbcUrl    the JDBC URL without the credentials of a {@code postgresql://} location
 * @param properties the user and password, for the driver
 * @param display    how messages name the store: never the password
 */
public record StoreLocation(Dialect dialect, String jdbcUrl, Properties properties, String display, Path file) {
    public static StoreLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("an empty store location: give a DuckDB file path or postgresql://user:password@host:port/database");
        }
        if (location.startsWith("jdbc:postgresql:")) {
            return new StoreLocation(Dialect.POSTGRESQL, location, new Properties(), withoutSecrets(location), null);
        }
        if (location.startsWith("postgresql://") || location.startsWith("postgres://")) {
            return fromUri(location);
        }
        if (location.startsWith("jdbc:duckdb:")) {
            return duckdb(Path.of(location.substring("jdbc:duckdb:".length())));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("unsupported store location '" + withoutSecrets(location)
                    + "': give a DuckDB file path or postgresql://user:password@host:port/database");
        }
        return duckdb(Path.of(location));
    }

    public static StoreLocation duckdb(Path file) {
        Path abs = file.toAbsolutePath();
        return new StoreLocation(Dialect.DUCKDB, "jdbc:duckdb:" + abs, new Properties(), abs.toString(), abs);
    }

    private static StoreLocation fromUri(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed PostgreSQL location '" + withoutSecrets(location) + "': " + e.getMessage(), e);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("a PostgreSQL location needs a host and a database: '" + withoutSecrets(location)
                    + "' (postgresql://user:password@host:port/database)");
        }
        Properties p = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            p.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                p.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String url = "jdbc:postgresql://" + hostPort + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new StoreLocation(Dialect.POSTGRESQL, url, p, "postgresql://" + hostPort + uri.getRawPath(), null);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The location with passwords (in the user info or a password parameter) masked. */
    static String withoutSecrets(String location) {
        return location.replaceAll("(://[^/:@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
