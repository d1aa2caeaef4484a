package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cloudwarden.engine.event.Timespan;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code cloudwarden.yml} into a {@link ServeConfig}, then applies environment overrides: a variable
 * {@code CLOUDWARDEN_<KEY>} sets a top-level key and {@code CLOUDWARDEN_<SECTION>__<KEY>} a nested one
 * ({@code CLOUDWARDEN_SERVER__PORT=9090}, {@code CLOUDWARDEN_DETECTION__ALLOWED_LATENESS=5m}); list keys take
 * comma-separated values. Variables that name no key are left alone (the launcher has its own). Keys are snake_case;
 * times are written as Sigma writes them ({@code 15m}, {@code 90d}) or in ISO-8601 ({@code PT15M}). An unknown key
 * or a bad value is an error naming the file, line and key, so a typo never silently leaves a default in place.
 */
public final class ServeConfigFile {
    static final String ENV_PREFIX = "CLOUDWARDEN_";

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new TimeDeserializer()))
            .addHandler(new UnknownKeys())
            .build();

    private ServeConfigFile() {
    }

    /** The configuration: the file when given (null: none), then the environment's overrides. */
    public static ServeConfig load(Path file, Map<String, String> env) throws ConfigException {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        if (file != null) {
            JsonNode read;
            try {
                read = MAPPER.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                throw new ConfigException(file + where(e.getLocation()) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage());
            }
            if (read != null && !read.isMissingNode() && !read.isNull()) {
                if (!read.isObject()) {
                    throw new ConfigException(file + ": expected a mapping of settings at the top");
                }
                tree = (ObjectNode) read;
            }
            // bound alone first, so a mistake in the file is reported with its line
            String text;
            try {
                text = Files.readString(file);
                MAPPER.readValue(text, ServeConfig.class);
            } catch (JsonProcessingException e) {
                int line = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr()
                        : e instanceof JsonMappingException m ? lineOf(file, m.getPath()) : -1;
                throw new ConfigException(file + (line > 0 ? ":" + line : "") + ": " + reason(e));
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage());
            }
        }
        List<String> applied = applyEnvironment(tree, env);
        ServeConfig config;
        try {
            config = MAPPER.treeToValue(tree, ServeConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("environment " + String.join(", ", applied) + ": " + reason(e));
        }
        return withTokensHashed(config, env);
    }

    /** Tokens given by a variable are hashed now; the settings keep hashes only. */
    private static ServeConfig withTokensHashed(ServeConfig c, Map<String, String> env) throws ConfigException {
        List<ServeConfig.Token> hashed = new java.util.ArrayList<>();
        for (ServeConfig.Token t : c.tokens()) {
            if (t.env() == null) {
                hashed.add(t);
                continue;
            }
            String token = env.get(t.env());
            if (token == null || token.isBlank()) {
                throw new ConfigException("tokens." + t.name() + ".env: the variable " + t.env() + " is not set");
            }
            hashed.add(new ServeConfig.Token(t.name(), t.role(), dev.cloudwarden.app.store.ApiTokens.hash(token.trim()), null));
        }
        return new ServeConfig(c.server(), c.store(), c.inputs(), c.detection(), c.rules(), c.suppressions(), c.hunting(),
                hashed);
    }

    /** Sets the keys the environment names; returns the variables used. */
    static List<String> applyEnvironment(ObjectNode tree, Map<String, String> env) {
        List<String> used = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String[] path = e.getKey().substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).split("__");
            Type type = typeAt(ServeConfig.class, path, 0);
            if (type == null) {
                continue;
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            String leaf = path[path.length - 1];
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                ArrayNode list = parent.putArray(leaf);
                for (String item : e.getValue().split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.trim());
                    }
                }
            } else {
                parent.put(leaf, e.getValue());
            }
            used.add(e.getKey());
        }
        return used;
    }

    /** The type of the settings key at {@code path}, or null when there is none (only scalars and lists of them). */
    private static Type typeAt(Class<?> record, String[] path, int i) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (!snake(c.getName()).equals(path[i])) {
                continue;
            }
            if (i == path.length - 1) {
                return c.getType().isRecord() ? null : c.getGenericType();
            }
            return c.getType().isRecord() ? typeAt(c.getType(), path, i + 1) : null;
        }
        return null;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The line of the key at {@code path} in the file. Records are built through a creator, for which Jackson buffers
     * the tokens and loses their lines; the path it keeps leads back to the key.
     */
    private static int lineOf(Path file, List<JsonMappingException.Reference> path) {
        try (JsonParser p = MAPPER.getFactory().createParser(Files.readString(file))) {
            p.nextToken();
            return lineOf(p, path, 0);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The line of the key at {@code path}, from the value the parser is at (the one {@code path[0..depth)} leads to). */
    private static int lineOf(JsonParser p, List<JsonMappingException.Reference> path, int depth) throws IOException {
        if (depth == path.size()) {
            return p.currentTokenLocation().getLineNr();
        }
        JsonMappingException.Reference want = path.get(depth);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT && want.getFieldName() != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (name.equals(want.getFieldName())) {
                    return depth + 1 == path.size() ? keyLine : lineOf(p, path, depth + 1);
                }
                p.skipChildren();
            }
        } else if (t == JsonToken.START_ARRAY && want.getIndex() >= 0) {
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                if (i == want.getIndex()) {
                    return lineOf(p, path, depth + 1);
                }
                p.skipChildren();
            }
        }
        return -1;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
    }

    private static String reason(JsonProcessingException e) {
        String key = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("") + ": " : "";
        Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        return key + message;
    }

    /** An unknown key is reported at its own line, with the keys that are known there (Jackson's own points past it). */
    private static final class UnknownKeys extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctx, JsonParser p,
                                             JsonDeserializer<?> deserializer, Object bean, String name) throws IOException {
            Class<?> type = bean instanceof Class<?> c ? c : bean != null ? bean.getClass() : null;
            String known = type != null && type.isRecord() ? java.util.Arrays.stream(type.getRecordComponents())
                    .map(c -> snake(c.getName())).collect(java.util.stream.Collectors.joining(", ")) : "";
            throw JsonMappingException.wrapWithPath(new JsonMappingException(p, "unknown setting '" + name + "'"
                    + (known.isEmpty() ? "" : "; known here: " + known)), bean, name);
        }
    }

    /** A time setting: {@code 15m} (Sigma's timespan), or ISO-8601 {@code PT15M}. */
    private static final class TimeDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
            }
            return Timespan.parse(text).or(() -> iso(text)).orElseThrow(() -> JsonMappingException.from(p,
                    "'" + text + "' is not a time: write a number and s, m, h, d or w (15m, 90d), or ISO-8601 (PT15M)"));
        }

        private static java.util.Optional<Duration> iso(String text) {
            try {
                return java.util.Optional.of(Duration.parse(text.trim()));
            } catch (DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A configuration that cannot be used; the message names the file and line, or the variable. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }
}
