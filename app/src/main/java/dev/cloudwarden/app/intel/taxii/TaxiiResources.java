package dev.cloudwarden.app.intel.taxii;

import java.net.URI;
import java.util.List;

/** The TAXII 2.1 resources the client reads, as records (only the properties CloudWarden uses). */
public final class TaxiiResources {
    private TaxiiResources() {
    }

    /** {@code GET /taxii2/}: the server's title and API roots (absolute). */
    public record Discovery(String title, String description, URI defaultApiRoot, List<URI> apiRoots) {
        public Discovery {
            apiRoots = List.copyOf(apiRoots);
        }
    }

    /** {@code GET {api-root}/}. */
    public record ApiRoot(String title, List<String> versions, long maxContentLength) {
        public ApiRoot {
            versions = List.copyOf(versions);
        }
    }

    /** One entry of {@code GET {api-root}/collections/}. */
    public record Collection(String id, String title, String description, boolean canRead, boolean canWrite) {
    }
}
