package dev.cloudwarden.app.intel.taxii;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and credentials of a {@link TaxiiClient}. A feed server is not trusted to behave: every request has a
 * connect timeout and a deadline for the whole response (headers and body), every body a size limit, and
 * retries on 429/503 are bounded in number and in the wait a {@code Retry-After} may ask for.
 *
 * @param connectTimeout  to open the TCP (and TLS) connection
 * @param requestTimeout  for one whole response, body included; a server that trickles bytes forever hits it
 * @param maxResponseBytes a larger body is abandoned (a {@link TaxiiException}), not buffered
 * @param maxRetries      retries of one request answered 429 or 503 (0: none)
 * @param retryBase       first backoff when the server gives no usable {@code Retry-After}; doubles per retry
 * @param maxRetryWait    the longest single wait, whatever {@code Retry-After} says
 * @param pageLimit       the {@code limit} asked of the server per page (the server may return fewer), 0 to not ask
 * @param maxPages        pages of one collection pull, so a server that always says {@code more} cannot loop forever
 * @param auth            credentials
 * @param caFile          PEM file of CA certificates to trust instead of the JVM's default trust store, or null
 */
public record TaxiiOptions(Duration connectTimeout, Duration requestTimeout, long maxResponseBytes, int maxRetries,
                           Duration retryBase, Duration maxRetryWait, int pageLimit, int maxPages, TaxiiAuth auth,
                           Path caFile) {
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    public TaxiiOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(auth, "auth");
        if (maxResponseBytes <= 0 || maxRetries < 0 || pageLimit < 0 || maxPages <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 10 s to connect, 60 s per response, 64 MiB per body, 4 retries from 1 s up to 60 s, 1,000 objects a page, 10,000 pages. */
    public static TaxiiOptions defaults() {
        return new TaxiiOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_RESPONSE_BYTES, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 1000, 10_000, TaxiiAuth.none(), null);
    }

    public TaxiiOptions withAuth(TaxiiAuth a) {
        return new TaxiiOptions(connectTimeout, requestTimeout, maxResponseBytes, maxRetries, retryBase, maxRetryWait,
                pageLimit, maxPages, a, caFile);
    }

    public TaxiiOptions withTimeouts(Duration connect, Duration request) {
        return new TaxiiOptions(connect, request, maxResponseBytes, maxRetries, retryBase, maxRetryWait, pageLimit,
                maxPages, auth, caFile);
    }

    public TaxiiOptions withMaxResponseBytes(long max) {
        return new TaxiiOptions(connectTimeout, requestTimeout, max, maxRetries, retryBase, maxRetryWait, pageLimit,
                maxPages, auth, caFile);
    }

    public TaxiiOptions withRetries(int retries, Duration base, Duration maxWait) {
        return new TaxiiOptions(connectTimeout, requestTimeout, maxResponseBytes, retries, base, maxWait, pageLimit,
                maxPages, auth, caFile);
    }

    public TaxiiOptions withPaging(int limit, int pages) {
        return new TaxiiOptions(connectTimeout, requestTimeout, maxResponseBytes, maxRetries, retryBase, maxRetryWait,
                limit, pages, auth, caFile);
    }

    public TaxiiOptions withCaFile(Path file) {
        return new TaxiiOptions(connectTimeout, requestTimeout, maxResponseBytes, maxRetries, retryBase, maxRetryWait,
                pageLimit, maxPages, auth, file);
    }
}
