package dev.cloudwarden.app.intel.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TAXII 2.1 client for what an importer needs: discovery, an API root, its collections, and a collection's
 * objects page by page ({@code added_after}, {@code limit}, {@code next}; {@code more} and the
 * {@code X-TAXII-Date-Added-First/Last} headers). Requests ask for {@value #MEDIA_TYPE}.
 *
 * <p>The server is not trusted to behave ({@link TaxiiOptions}): connect timeout, a deadline per response that
 * covers the body, a size limit per body, bounded retries with backoff on 429 and 503 that honour a bounded
 * {@code Retry-After}, no redirects (credentials are never sent to a host the user did not name), and a bound on
 * the pages of one pull. Every failure is a {@link TaxiiException} naming the URL.
 */
public final class TaxiiClient {
    public static final String MEDIA_TYPE = "application/taxii+json;version=2.1";

    private final TaxiiOptions options;
    private final HttpClient http;
    private final ObjectMapper json;

    public TaxiiClient(TaxiiOptions options) throws IOException {
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (options.caFile() != null) {
            b.sslContext(trusting(options.caFile()));
        }
        this.http = b.build();
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                .build();
        this.json = new ObjectMapper(f);
    }

    /** The JSON mapper the client parses with (for {@link TaxiiPage#bundle}). */
    public ObjectMapper json() {
        return json;
    }

    /** {@code GET {server}/taxii2/} ({@code server} may already end in {@code /taxii2/}). */
    public TaxiiResources.Discovery discover(URI server) throws TaxiiException {
        URI uri = server.getPath() != null && server.getPath().endsWith("/taxii2/") ? server : withSlash(server).resolve("taxii2/");
        JsonNode d = getJson(uri).body;
        List<URI> roots = new ArrayList<>();
        for (JsonNode r : d.path("api_roots")) {
            roots.add(uri.resolve(r.asText()));
        }
        String def = d.path("default").asText(null);
        return new TaxiiResources.Discovery(d.path("title").asText(""), d.path("description").asText(null),
                def == null ? null : uri.resolve(def), roots);
    }

    /** {@code GET {api-root}/}. */
    public TaxiiResources.ApiRoot apiRoot(URI apiRoot) throws TaxiiException {
        JsonNode r = getJson(withSlash(apiRoot)).body;
        List<String> versions = new ArrayList<>();
        r.path("versions").forEach(v -> versions.add(v.asText()));
        return new TaxiiResources.ApiRoot(r.path("title").asText(""), versions, r.path("max_content_length").asLong(0));
    }

    /** {@code GET {api-root}/collections/}. */
    public List<TaxiiResources.Collection> collections(URI apiRoot) throws TaxiiException {
        JsonNode r = getJson(withSlash(apiRoot).resolve("collections/")).body;
        List<TaxiiResources.Collection> out = new ArrayList<>();
        for (JsonNode c : r.path("collections")) {
            out.add(new TaxiiResources.Collection(c.path("id").asText(), c.path("title").asText(""),
                    c.path("description").asText(null), c.path("can_read").asBoolean(false),
                    c.path("can_write").asBoolean(false)));
        }
        return out;
    }

    /**
     * One page of {@code GET {api-root}/collections/{id}/objects/}.
     *
     * @param addedAfter only objects added after this timestamp, or null for all
     * @param next       the previous page's {@code next}, or null for the first page
     */
    public TaxiiPage objects(URI apiRoot, String collectionId, String addedAfter, String next, int number)
            throws TaxiiException {
        StringBuilder q = new StringBuilder();
        if (addedAfter != null) {
            q.append("added_after=").append(enc(addedAfter));
        }
        if (options.pageLimit() > 0) {
            q.append(q.length() == 0 ? "" : "&").append("limit=").append(options.pageLimit());
        }
        if (next != null) {
            q.append(q.length() == 0 ? "" : "&").append("next=").append(enc(next));
        }
        URI uri = withSlash(apiRoot).resolve("collections/" + enc(collectionId) + "/objects/"
                + (q.length() == 0 ? "" : "?" + q));
        Json r = getJson(uri);
        JsonNode objects = r.body.path("objects");
        if (!objects.isMissingNode() && !objects.isArray()) {
            throw new TaxiiException(uri + ": 'objects' is not an array, so this is not a TAXII envelope", -1);
        }
        List<JsonNode> list = new ArrayList<>();
        objects.forEach(list::add);
        JsonNode nextNode = r.body.path("next");
        return new TaxiiPage(uri, number, list, r.body.path("more").asBoolean(false),
                nextNode.isTextual() && !nextNode.asText().isEmpty() ? nextNode.asText() : null,
                r.response.headers().firstValue("X-TAXII-Date-Added-First").orElse(null),
                r.response.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
    }

    /** Receives each page of a pull as it arrives; may throw to stop the pull. */
    @FunctionalInterface
    public interface PageConsumer {
        void accept(TaxiiPage page) throws IOException;
    }

    /**
     * The outcome of {@link #pull}: pages and objects received, the cursor to resume from next time (the latest
     * {@code X-TAXII-Date-Added-Last} seen, else the {@code addedAfter} given), warnings about the server's
     * paging, and the failure that ended the pull early, if any (pages before it were delivered).
     */
    public record Pull(int pages, long objects, String cursor, List<String> warnings, TaxiiException failure) {
        public Pull {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads a whole collection (objects added after {@code addedAfter}, or all), following {@code next} (or, from
     * servers that give no {@code next}, {@code added_after} set to the page's {@code X-TAXII-Date-Added-Last}),
     * handing each page to {@code consumer}. Never throws for the server's faults: a failed page ends the pull
     * and is its {@link Pull#failure()}.
     */
    public Pull pull(URI apiRoot, String collectionId, String addedAfter, PageConsumer consumer) throws IOException {
        String after = addedAfter;
        String next = null;
        String cursor = addedAfter;
        Set<String> seen = new HashSet<>();
        List<String> warnings = new ArrayList<>();
        long objects = 0;
        int page = 0;
        while (true) {
            if (page == options.maxPages()) {
                warnings.add("stopped after " + page + " pages (the limit); the rest is read next time from the cursor");
                break;
            }
            TaxiiPage p;
            try {
                p = objects(apiRoot, collectionId, after, next, page + 1);
            } catch (TaxiiException e) {
                return new Pull(page, objects, cursor, warnings, e);
            }
            page++;
            objects += p.objects().size();
            consumer.accept(p);
            cursor = later(cursor, p.dateAddedLast());
            if (!p.more()) {
                break;
            }
            if (p.next() != null) {
                if (!seen.add(p.next())) {
                    warnings.add(p.location() + ": the server repeated the 'next' token '" + shorten(p.next())
                            + "'; stopped to avoid a loop");
                    break;
                }
                next = p.next();
            } else if (p.dateAddedLast() != null && !p.dateAddedLast().equals(after)) {
                after = p.dateAddedLast();
                next = null;
            } else {
                warnings.add(p.location() + ": the server says there is more but gives neither 'next' nor a new "
                        + "X-TAXII-Date-Added-Last; stopped");
                break;
            }
        }
        return new Pull(page, objects, cursor, warnings, null);
    }

    private record Json(HttpResponse<byte[]> response, JsonNode body) {
    }

    /**
     * Downloads a plain feed file (a MISP feed's manifest or event, a list) with the same limits, timeouts and
     * retries as TAXII requests, and the same credentials.
     */
    public byte[] download(URI uri) throws TaxiiException {
        return get(uri, "*/*").body();
    }

    private Json getJson(URI uri) throws TaxiiException {
        HttpResponse<byte[]> r = get(uri, MEDIA_TYPE);
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new TaxiiException(uri + ": the response is not JSON (" + contentType(r) + ", " + r.body().length
                    + " bytes): " + shorten(e.getOriginalMessage()), -1);
        } catch (IOException e) {
            throw new TaxiiException(uri + ": unreadable response: " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new TaxiiException(uri + ": the response is not a JSON object (" + contentType(r) + ")", -1);
        }
        return new Json(r, body);
    }

    private HttpResponse<byte[]> get(URI uri, String accept) throws TaxiiException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                    .timeout(options.requestTimeout())
                    .header("Accept", accept)
                    .GET();
            options.auth().header().ifPresent(h -> req.header("Authorization", h));
            HttpResponse<byte[]> r = send(uri, req.build());
            int s = r.statusCode();
            if (s >= 200 && s < 300) {
                return r;
            }
            if ((s == 429 || s == 503) && attempt < options.maxRetries()) {
                sleep(uri, retryWait(r, attempt));
                continue;
            }
            throw new TaxiiException(uri + ": HTTP " + s + advice(s) + errorTitle(r), s);
        }
    }

    private HttpResponse<byte[]> send(URI uri, HttpRequest request) throws TaxiiException {
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request, LimitedBody.handler(options.maxResponseBytes()));
        try {
            // the request timeout covers the headers; this deadline covers the body as well
            return f.get(options.requestTimeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new TaxiiException(uri + ": no complete response within " + options.requestTimeout().toSeconds()
                    + " s (--timeout)", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TaxiiException(uri + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LimitedBody.TooLarge) {
                throw new TaxiiException(uri + ": " + c.getMessage() + " (--max-response-bytes)", c);
            }
            if (c instanceof HttpTimeoutException) {
                throw new TaxiiException(uri + ": timed out (" + c.getMessage() + ")", c);
            }
            if (c instanceof ConnectException) {
                throw new TaxiiException(uri + ": cannot connect" + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"), c);
            }
            if (c instanceof javax.net.ssl.SSLException) {
                throw new TaxiiException(uri + ": TLS failed (" + c.getMessage() + "); a private CA can be trusted with --ca-file", c);
            }
            throw new TaxiiException(uri + ": " + c, c);
        }
    }

    /** Retry-After (seconds or an HTTP date) when given, else {@code retryBase * 2^attempt}; never over {@code maxRetryWait}. */
    Duration retryWait(HttpResponse<?> r, int attempt) {
        Duration wait = options.retryBase().multipliedBy(1L << Math.min(attempt, 20));
        String ra = r.headers().firstValue("Retry-After").orElse(null);
        if (ra != null) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(ra.strip())));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(ra.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    wait = Duration.between(Instant.now(), at);
                    wait = wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException ignored) {
                    // keep the backoff
                }
            }
        }
        return wait.compareTo(options.maxRetryWait()) > 0 ? options.maxRetryWait() : wait;
    }

    private static void sleep(URI uri, Duration d) throws TaxiiException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaxiiException(uri + ": interrupted while waiting to retry", e);
        }
    }

    private static String advice(int status) {
        return switch (status) {
            case 401 -> " Unauthorized: the server wants credentials (--user/--password or --token)";
            case 403 -> " Forbidden: these credentials may not read this resource";
            case 404 -> " Not Found: check the API root and the collection id";
            case 406 -> " Not Acceptable: the server does not speak TAXII 2.1";
            case 429, 503 -> " (still refused after the retries)";
            default -> status >= 300 && status < 400 ? " redirect: use the URL the server names" : "";
        };
    }

    /** The TAXII error message's title, when the body is one (attacker controlled: the caller escapes it). */
    private String errorTitle(HttpResponse<byte[]> r) {
        try {
            JsonNode e = json.readTree(r.body());
            if (e != null && e.path("title").isTextual()) {
                return ": " + shorten(e.path("title").asText());
            }
        } catch (IOException ignored) {
            // not a TAXII error message
        }
        return "";
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("no content type");
    }

    private static String later(String a, String b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return b;
        }
        try {
            return Instant.parse(b).isAfter(Instant.parse(a)) ? b : a;
        } catch (DateTimeParseException e) {
            return b;
        }
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** An SSL context trusting exactly the CA certificates of a PEM (or DER) file. */
    static SSLContext trusting(java.nio.file.Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IOException(caFile + ": no certificate found");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": not a usable CA certificate file: " + e.getMessage(), e);
        }
    }
}
