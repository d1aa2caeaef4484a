package dev.cloudwarden.app.intel.taxii;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A TAXII collection named as one source: {@code taxii+https://host/api-root/collections/<id>} (also
 * {@code taxii+http://} for a server on loopback or a lab).
 *
 * @param apiRoot      the API root URL, {@code https://host/api-root/}
 * @param collectionId the collection's id
 */
public record TaxiiSource(URI apiRoot, String collectionId) {
    /** Parses a {@code taxii+http(s)://.../collections/<id>} source; empty when {@code source} is not one. */
    public static Optional<TaxiiSource> parse(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("taxii+https://") && !lower.startsWith("taxii+http://")) {
            return Optional.empty();
        }
        String url = source.substring("taxii+".length());
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        int at = trimmed.lastIndexOf("/collections/");
        if (at < 0 || at + "/collections/".length() >= trimmed.length()) {
            throw new IllegalArgumentException("'" + source + "' names no collection: write "
                    + "taxii+https://HOST/API-ROOT/collections/COLLECTION-ID");
        }
        String id = trimmed.substring(at + "/collections/".length());
        if (id.contains("/")) {
            throw new IllegalArgumentException("'" + source + "': '" + id + "' is not a collection id");
        }
        return Optional.of(new TaxiiSource(URI.create(trimmed.substring(0, at + 1)), id));
    }

    /** The source's name in the store and in reports: {@code taxii:https://host/api-root/collections/<id>}. */
    public String name() {
        return "taxii:" + apiRoot + "collections/" + collectionId;
    }
}
