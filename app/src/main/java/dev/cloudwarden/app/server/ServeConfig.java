package dev.cloudwarden.app.server;

import java.time.Duration;
import java.util.List;

/**
 * What {@code cloudwarden serve} runs: read from {@code cloudwarden.yml} ({@link ServeConfigFile}), then environment
 * overrides, then command-line options. Every part has a default, so the simple case needs no file.
 *
 * @param store  the store: a DuckDB file path, or a {@code postgresql://} URL for a shared deployment
 * @param rules  rule files or folders added to the built-in pack (a file with a built-in's id replaces it)
 * @param suppressions a suppressions file, or null
 * @param tokens API tokens the configuration grants, beside those in the store ({@code cloudwarden tokens})
 */
public record ServeConfig(Server server, String store, Inputs inputs, Detection detection, List<String> rules,
                          String suppressions, Hunting hunting, List<Token> tokens) {
    public ServeConfig {
        server = server != null ? server : Server.defaults();
        inputs = inputs != null ? inputs : Inputs.defaults();
        detection = detection != null ? detection : Detection.defaults();
        rules = rules != null ? List.copyOf(rules) : List.of();
        hunting = hunting != null ? hunting : Hunting.defaults();
        tokens = tokens != null ? List.copyOf(tokens) : List.of();
        if (tokens.stream().map(Token::name).distinct().count() < tokens.size()) {
            throw new IllegalArgumentException("tokens: two tokens have the same name");
        }
    }

    /** Settings without tokens of their own (those in the store still work). */
    public ServeConfig(Server server, String store, Inputs inputs, Detection detection, List<String> rules,
                       String suppressions, Hunting hunting) {
        this(server, store, inputs, detection, rules, suppressions, hunting, null);
    }

    /**
     * A token granted by the configuration (deployments that provision secrets from a vault or a CI system): the
     * token's SHA-256, or the environment variable holding the token itself, which is hashed when the settings are
     * read. The token is never written anywhere; it lives as long as the configuration lists it. Changes made with
     * it are audited as {@code config:NAME}.
     *
     * @param sha256 the hex SHA-256 of the token ({@code printf %s "$TOKEN" | sha256sum})
     * @param env    the variable holding the token (set at start)
     */
    public record Token(String name, String role, String sha256, String env) {
        public Token {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("tokens: every token needs a name");
            }
            if (role == null || dev.cloudwarden.app.store.Role.parse(role).isEmpty()) {
                throw new IllegalArgumentException("tokens." + name + ".role must be viewer, analyst, responder or admin");
            }
            if ((sha256 == null) == (env == null)) {
                throw new IllegalArgumentException("tokens." + name + ": give sha256 (the token's hash) or env (the "
                        + "variable holding the token), one of them");
            }
            if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("tokens." + name + ".sha256 must be 64 hex digits (a SHA-256)");
            }
            sha256 = sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static ServeConfig defaults() {
        return new ServeConfig(null, null, null, null, null, null, null);
    }

    /**
     * @param bind           the address to listen on; loopback unless set, so a new service is not open to the network
     * @param maxBodyBytes   the largest request body taken (after gzip is undone too); larger bodies get 413
     * @param queueEvents    events waiting for the detection run at most; beyond it, requests get 429
     */
    public record Server(String bind, Integer port, Tls tls, Long maxBodyBytes, Integer queueEvents) {
        public Server {
            bind = bind != null ? bind : "127.0.0.1";
            port = port != null ? port : 8080;
            maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 16L * 1024 * 1024;
            queueEvents = queueEvents != null ? queueEvents : 200_000;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("server.port must be 0-65535, got " + port);
            }
            if (maxBodyBytes <= 0 || queueEvents <= 0) {
                throw new IllegalArgumentException("server.max_body_bytes and server.queue_events must be positive");
            }
        }

        static Server defaults() {
            return new Server(null, null, null, null, null);
        }
    }

    /** A PKCS#12 or JKS keystore holding the server's key and certificate; the password may come from the environment. */
    public record Tls(String keystore, String password) {
        public Tls {
            if (keystore == null || keystore.isBlank()) {
                throw new IllegalArgumentException("server.tls.keystore is required when server.tls is set");
            }
        }
    }

    /**
     * @param watch        files and folders followed as {@code tail -F} does
     * @param pollInterval how often watched paths are looked at
     */
    public record Inputs(List<String> watch, Duration pollInterval, List<S3> s3) {
        public Inputs {
            watch = watch != null ? List.copyOf(watch) : List.of();
            pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(1);
            s3 = s3 != null ? List.copyOf(s3) : List.of();
        }

        static Inputs defaults() {
            return new Inputs(null, null, null);
        }
    }

    /**
     * CloudTrail delivered to a bucket: polled under a prefix, or announced on an SQS queue when {@code queueUrl} is
     * set (S3 event notifications, directly or through SNS, CloudTrail's SNS notifications, EventBridge events).
     * Messages are deleted once what they announce is stored.
     *
     * @param bucket   the bucket polled; with a queue, unused (objects are read from the bucket each message names)
     * @param prefix   polled: {@code AWSLogs/<account>/CloudTrail/<region>/}; with a queue, keys outside it are skipped
     * @param region   the bucket's region; with a queue on AWS, the queue's own region is taken from its URL, and this
     *                 defaults to it
     * @param endpoint an S3 endpoint override (S3-compatible stores), with path-style access; the queue is reached at
     *                 the host of its URL
     * @param queueUrl the SQS queue's URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE}), or null to poll
     */
    public record S3(String bucket, String prefix, String region, String endpoint, String queueUrl) {
        public S3 {
            if (bucket == null && queueUrl == null) {
                throw new IllegalArgumentException("an inputs.s3 entry needs a bucket or a queue_url");
            }
        }
    }

    /**
     * @param allowedLateness how far out of order events may come and still count in correlations
     * @param idleAfter       after this long without input, alerts waiting for event time are released (a live
     *                        source may stay quiet for hours; an analyst should not wait for the next event)
     */
    public record Detection(Integer threads, Duration allowedLateness, Duration idleAfter) {
        public Detection {
            threads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
            allowedLateness = allowedLateness != null ? allowedLateness : Duration.ofMinutes(15);
            idleAfter = idleAfter != null ? idleAfter : Duration.ofSeconds(5);
            if (threads < 1) {
                throw new IllegalArgumentException("detection.threads must be at least 1");
            }
        }

        static Detection defaults() {
            return new Detection(null, null, null);
        }
    }

    /**
     * @param events where events are kept for hunting (Parquet by day and source); beside the store by default
     * @param retain how long they are kept
     */
    public record Hunting(String events, Duration retain) {
        public Hunting {
            retain = retain != null ? retain : Duration.ofDays(90);
        }

        static Hunting defaults() {
            return new Hunting(null, null);
        }
    }
}
