package dev.cloudwarden.app.intel.taxii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How the client authenticates: not at all, HTTP basic, or a bearer token (TAXII 2.1 section 1.6.8 allows any HTTP scheme). */
public sealed interface TaxiiAuth {
    /** The {@code Authorization} header value, if any. */
    Optional<String> header();

    static TaxiiAuth none() {
        return new None();
    }

    record None() implements TaxiiAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }
    }

    record Basic(String user, String password) implements TaxiiAuth {
        @Override
        public Optional<String> header() {
            String pair = user + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    record Bearer(String token) implements TaxiiAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
