package dev.cloudwarden.app.intel.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * One page of a collection's objects: the envelope's {@code objects}, {@code more} and {@code next}, and the
 * {@code X-TAXII-Date-Added-First/Last} headers.
 *
 * @param uri            the request that gave it (for problem locations)
 * @param number         1 for the first page of a pull
 * @param objects        the STIX objects, as the server sent them
 * @param more           whether the server has more
 * @param next           the server's token for the next page, or null
 * @param dateAddedFirst {@code X-TAXII-Date-Added-First}, or null
 * @param dateAddedLast  {@code X-TAXII-Date-Added-Last}, or null: the cursor for an incremental pull
 */
public record TaxiiPage(URI uri, int number, List<JsonNode> objects, boolean more, String next, String dateAddedFirst,
                        String dateAddedLast) {
    public TaxiiPage {
        objects = List.copyOf(objects);
    }

    /** The objects as a STIX 2.1 bundle, for a bundle reader: an envelope's objects are a bundle's objects. */
    public byte[] bundle(ObjectMapper json) {
        ObjectNode b = json.createObjectNode();
        b.put("type", "bundle");
        b.put("id", "bundle--" + UUID.nameUUIDFromBytes(uri.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ArrayNode arr = b.putArray("objects");
        objects.forEach(arr::add);
        try {
            return json.writeValueAsBytes(b);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }

    /** Where this page came from, for problem locations: {@code taxii page 3 (https://...)}. */
    public String location() {
        return "page " + number + " (" + uri + ")";
    }
}
