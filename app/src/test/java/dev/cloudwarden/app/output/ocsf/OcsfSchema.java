package dev.cloudwarden.app.output.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An OCSF schema compiled from its source repository (the layout of github.com/ocsf/ocsf-schema: {@code version.json},
 * {@code categories.json}, {@code dictionary.json}, {@code events/}, {@code objects/}, {@code profiles/},
 * {@code includes/}), by the steps of OCSF's own compiler (ocsf-schema-compiler, read for its rules, none of its code
 * taken), extensions left out:
 * <ol>
 * <li>each class's and object's {@code attributes.$include} files are merged under its attributes (its own details
 * win); a profile's attributes are tagged with the profile's name, an include's {@code annotations} are added where
 * absent; an attribute's own {@code $include} is merged under its details; {@code "profile": null} in an attribute
 * means the attribute belongs to no profile;</li>
 * <li>dictionary attributes whose type is not a dictionary type are object attributes ({@code object_t});</li>
 * <li>{@code extends} is flattened (a child's attribute details merge over its parent's: {@code profiles} are unioned,
 * or cleared by null; the requirement of an attribute in two profiles is the stronger; objects nest-merge; anything
 * else is replaced); classes without a uid (but {@code base_event}) and objects named {@code _...} are dropped;</li>
 * <li>a class's uid is its category's uid times 1000 plus its own; its {@code class_uid}, {@code category_uid} and
 * {@code type_uid} enums are its own uid, its category, and {@code class_uid * 100 + activity_id} for every activity
 * plus 0;</li>
 * <li>with the {@code datetime} profile, every {@code timestamp_t} attribute gets an optional {@code <name>_dt}
 * sibling of the profile;</li>
 * <li>attributes with no requirement are optional; each attribute's details are merged over its dictionary entry.</li>
 * </ol>
 */
public final class OcsfSchema {
    /** One compiled attribute of a class or object. {@code profiles} is null for an attribute of no profile. */
    public record Attribute(String name, String type, String objectType, boolean array, String requirement,
                            Map<String, String> enumCaptions, String sibling, List<String> profiles) {
    }

    /** A compiled class (with a uid) or object (uid 0): its attributes and constraints ({@code at_least_one}, {@code just_one}). */
    public record Item(String name, String caption, int uid, int categoryUid, Map<String, Attribute> attributes,
                       Map<String, List<String>> constraints, List<String> profiles) {
    }

    private final String version;
    private final Map<Integer, Item> classes;
    private final Map<String, Item> objects;
    private final Map<String, JsonNode> types;
    private final Set<String> profiles;

    private OcsfSchema(String version, Map<Integer, Item> classes, Map<String, Item> objects, Map<String, JsonNode> types,
                       Set<String> profiles) {
        this.version = version;
        this.classes = classes;
        this.objects = objects;
        this.types = types;
        this.profiles = profiles;
    }

    public String version() {
        return version;
    }

    public Item classByUid(int uid) {
        return classes.get(uid);
    }

    public Map<Integer, Item> classes() {
        return classes;
    }

    public Item object(String name) {
        return objects.get(name);
    }

    /** A dictionary type ({@code string_t}, {@code port_t}...): {@code type} (its super type), {@code max_len}, {@code range}, {@code regex}, {@code values}. */
    public JsonNode type(String name) {
        return types.get(name);
    }

    public Set<String> profiles() {
        return profiles;
    }

    /**
     * The OCSF 1.1.0 schema source, from {@code -Docsf.schema.dir}, {@code $OCSF_SCHEMA_DIR}, or {@code shared/ocsf-schema/v1.1.0}
     * up from the working directory (beside the datasets); the calling test is skipped, saying so, when it is nowhere.
     */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("ocsf.schema.dir");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("OCSF_SCHEMA_DIR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/ocsf-schema/v1.1.0"));
            candidates.add(dir.resolve("../shared/ocsf-schema/v1.1.0").normalize());
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("dictionary.json")) && Files.isDirectory(c.resolve("events"))) {
                return c;
            }
        }
        Assumptions.abort("the OCSF 1.1.0 schema source (github.com/ocsf/ocsf-schema at tag v1.1.0) is not on this machine: "
                + "give its folder with -Docsf.schema.dir=DIR or OCSF_SCHEMA_DIR, or place it at shared/ocsf-schema/v1.1.0; "
                + "OCSF conformance against the real schema is skipped");
        return null;
    }

    /** Compiles the schema source at {@code root}. */
    public static OcsfSchema compile(Path root) {
        return new Compiler(root).compile();
    }

    private static final class Compiler {
        private final Path root;
        private final ObjectNode dictionary;
        private final ObjectNode dictionaryAttributes;
        private final ObjectNode types;
        private final ObjectNode categories;
        private final Map<String, ObjectNode> classes;
        private final Map<String, ObjectNode> objects;
        private final Map<String, ObjectNode> profiles;

        Compiler(Path root) {
            this.root = root;
            this.dictionary = (ObjectNode) read(root.resolve("dictionary.json"));
            this.dictionaryAttributes = (ObjectNode) dictionary.withObjectProperty("attributes");
            this.types = (ObjectNode) dictionary.withObjectProperty("types").withObjectProperty("attributes");
            this.categories = (ObjectNode) read(root.resolve("categories.json")).withObjectProperty("attributes");
            this.classes = items("events", true);
            this.objects = items("objects", true);
            this.profiles = items("profiles", false);
        }

        OcsfSchema compile() {
            String version = read(root.resolve("version.json")).get("version").asText();
            classes.values().forEach(this::resolveIncludes);
            objects.values().forEach(this::resolveIncludes);
            for (Map.Entry<String, JsonNode> e : iterable(dictionaryAttributes.fields())) {
                ObjectNode a = (ObjectNode) e.getValue();
                String t = a.path("type").asText();
                if (!types.has(t)) {
                    if (!objects.containsKey(t)) {
                        throw new IllegalStateException("dictionary attribute " + e.getKey() + " has undefined object type " + t);
                    }
                    a.put("type", "object_t");
                    a.put("object_type", t);
                }
            }
            for (String name : List.copyOf(classes.keySet())) {
                resolveExtends(classes, name, new TreeSet<>());
            }
            for (String name : List.copyOf(objects.keySet())) {
                resolveExtends(objects, name, new TreeSet<>());
            }
            classes.entrySet().removeIf(e -> !e.getKey().equals("base_event") && !e.getValue().has("uid"));
            objects.keySet().removeIf(n -> n.startsWith("_"));
            classes.values().forEach(this::enrichClass);
            boolean datetime = profiles.containsKey("datetime") && types.has("datetime_t");
            Map<Integer, Item> compiledClasses = new LinkedHashMap<>();
            for (ObjectNode c : classes.values()) {
                Item item = finish(c, datetime);
                if (compiledClasses.put(item.uid(), item) != null) {
                    throw new IllegalStateException("two classes with uid " + item.uid());
                }
            }
            Map<String, Item> compiledObjects = new LinkedHashMap<>();
            for (ObjectNode o : objects.values()) {
                Item item = finish(o, datetime);
                compiledObjects.put(item.name(), item);
            }
            Map<String, JsonNode> typeMap = new LinkedHashMap<>();
            types.fields().forEachRemaining(e -> typeMap.put(e.getKey(), e.getValue()));
            return new OcsfSchema(version, Map.copyOf(compiledClasses), Map.copyOf(compiledObjects), Map.copyOf(typeMap),
                    Set.copyOf(profiles.keySet()));
        }

        /** Every JSON file under {@code dir}, by its {@code name}; {@code "profile"} in attributes becomes {@code "profiles"}. */
        private Map<String, ObjectNode> items(String dir, boolean upgradeProfiles) {
            Map<String, ObjectNode> out = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    ObjectNode item = (ObjectNode) read(f);
                    if (upgradeProfiles) {
                        for (JsonNode a : item.path("attributes")) {
                            if (a instanceof ObjectNode attr && attr.has("profile")) {
                                JsonNode p = attr.remove("profile");
                                if (p.isNull()) {
                                    attr.putNull("profiles");
                                } else {
                                    attr.putArray("profiles").add(p.asText());
                                }
                            }
                        }
                    }
                    if (out.put(item.get("name").asText(), item) != null) {
                        throw new IllegalStateException("two " + dir + " named " + item.get("name").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        private void resolveIncludes(ObjectNode item) {
            ObjectNode attributes = item.withObjectProperty("attributes");
            JsonNode include = attributes.remove("$include");
            if (include != null) {
                List<String> files = new ArrayList<>();
                if (include.isArray()) {
                    include.forEach(f -> files.add(f.asText()));
                } else {
                    files.add(include.asText());
                }
                for (String f : files) {
                    JsonNode included = read(root.resolve(f));
                    ObjectNode merged = included.path("attributes").deepCopy();
                    if ("profile".equals(included.path("meta").asText())) {
                        String profile = included.get("name").asText();
                        merged.forEach(a -> ((ObjectNode) a).putArray("profiles").add(profile));
                    }
                    JsonNode annotations = included.path("annotations");
                    merged.forEach(a -> annotations.fields().forEachRemaining(e -> {
                        if (!a.has(e.getKey())) {
                            ((ObjectNode) a).set(e.getKey(), e.getValue().deepCopy());
                        }
                    }));
                    mergeAttributes(merged, (ObjectNode) item.get("attributes"));
                    item.set("attributes", merged);
                }
            }
            for (Map.Entry<String, JsonNode> e : iterable(item.withObjectProperty("attributes").fields())) {
                if (e.getValue() instanceof ObjectNode attr && attr.has("$include")) {
                    ObjectNode base = read(root.resolve(attr.remove("$include").asText())).deepCopy();
                    mergeDetail(base, attr);
                    ((ObjectNode) item.get("attributes")).set(e.getKey(), base);
                }
            }
        }

        private void resolveExtends(Map<String, ObjectNode> items, String name, Set<String> path) {
            ObjectNode item = items.get(name);
            String parentName = item.path("extends").asText(null);
            if (parentName == null || item.has("$extended")) {
                return;
            }
            if (!path.add(name)) {
                throw new IllegalStateException("extends cycle at " + name);
            }
            ObjectNode parent = items.get(parentName);
            if (parent == null) {
                throw new IllegalStateException(name + " extends undefined " + parentName);
            }
            resolveExtends(items, parentName, path);
            ObjectNode flat = items.get(parentName).deepCopy();
            flat.remove("$extended");
            for (Map.Entry<String, JsonNode> e : iterable(item.fields())) {
                switch (e.getKey()) {
                    case "attributes" -> {
                        ObjectNode attrs = flat.withObjectProperty("attributes");
                        mergeAttributes(attrs, (ObjectNode) e.getValue());
                        flat.set("attributes", attrs);
                    }
                    case "profiles" -> {
                        Set<String> all = new TreeSet<>();
                        flat.path("profiles").forEach(p -> all.add(p.asText()));
                        e.getValue().forEach(p -> all.add(p.asText()));
                        ArrayNode a = flat.putArray("profiles");
                        all.forEach(a::add);
                    }
                    default -> flat.set(e.getKey(), e.getValue());
                }
            }
            flat.put("$extended", true);
            items.put(name, flat);
        }

        /** Merges {@code source}'s attributes over {@code dest}'s, by the compiler's rules. */
        private static void mergeAttributes(ObjectNode dest, ObjectNode source) {
            for (Map.Entry<String, JsonNode> e : iterable(source.fields())) {
                JsonNode existing = dest.get(e.getKey());
                if (existing instanceof ObjectNode d && e.getValue() instanceof ObjectNode s) {
                    mergeDetail(d, s);
                } else {
                    dest.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }

        private static void mergeDetail(ObjectNode dest, ObjectNode source) {
            for (Map.Entry<String, JsonNode> e : iterable(source.fields())) {
                String key = e.getKey();
                JsonNode value = e.getValue();
                JsonNode current = dest.get(key);
                if (current == null || current.equals(value)) {
                    dest.set(key, value.deepCopy());
                } else if (key.equals("profiles")) {
                    if (value.isNull()) {
                        dest.putNull("profiles");
                    } else {
                        Set<String> all = new TreeSet<>();
                        current.forEach(p -> all.add(p.asText()));
                        value.forEach(p -> all.add(p.asText()));
                        ArrayNode a = dest.putArray("profiles");
                        all.forEach(a::add);
                    }
                } else if (key.equals("requirement") && source.hasNonNull("profiles") && dest.has("profiles")) {
                    dest.put(key, rank(current.asText()) >= rank(value.asText()) ? current.asText() : value.asText());
                } else if (current instanceof ObjectNode c && value instanceof ObjectNode v) {
                    deepMerge(c, v);
                } else {
                    dest.set(key, value.deepCopy());
                }
            }
        }

        private static int rank(String requirement) {
            return switch (requirement) {
                case "required" -> 3;
                case "recommended" -> 2;
                case "optional" -> 1;
                default -> 0;
            };
        }

        /** Nested objects merge key by key, anything else (arrays too) is replaced: the compiler's {@code deep_merge}. */
        private static void deepMerge(ObjectNode dest, ObjectNode source) {
            for (Map.Entry<String, JsonNode> e : iterable(source.fields())) {
                if (dest.get(e.getKey()) instanceof ObjectNode d && e.getValue() instanceof ObjectNode s) {
                    deepMerge(d, s);
                } else {
                    dest.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }

        private void enrichClass(ObjectNode cls) {
            String name = cls.get("name").asText();
            String categoryKey = cls.path("category").asText(null);
            JsonNode category = categoryKey == null ? null : categories.get(categoryKey);
            if (category == null && !"other".equals(categoryKey)) {
                throw new IllegalStateException("class " + name + " has undefined category " + categoryKey);
            }
            int categoryUid = category == null ? 0 : category.path("uid").asInt();
            int uid = categoryUid * 1000 + cls.path("uid").asInt(0);
            cls.put("uid", uid);
            cls.put("category_uid", categoryUid);
            String caption = cls.path("caption").asText("UNKNOWN");
            ObjectNode attributes = cls.withObjectProperty("attributes");
            JsonNode activities = attributes.path("activity_id").path("enum");
            if (!activities.isObject()) {
                throw new IllegalStateException("class " + name + " has no activity_id enum");
            }
            ObjectNode typeEnum = JsonNodeFactory.instance.objectNode();
            activities.fields().forEachRemaining(e -> typeEnum.putObject(String.valueOf(uid * 100L + Integer.parseInt(e.getKey())))
                    .put("caption", caption + ": " + e.getValue().path("caption").asText("<unknown>")));
            typeEnum.putObject(String.valueOf(uid * 100L)).put("caption", caption + ": Unknown");
            attributes.withObjectProperty("type_uid").set("enum", typeEnum);
            ObjectNode classEnum = JsonNodeFactory.instance.objectNode();
            classEnum.putObject(String.valueOf(uid)).put("caption", caption);
            attributes.withObjectProperty("class_uid").set("enum", classEnum);
            attributes.withObjectProperty("class_name");
            if (category != null) {
                ObjectNode categoryEnum = JsonNodeFactory.instance.objectNode();
                categoryEnum.putObject(String.valueOf(categoryUid)).put("caption", category.path("caption").asText());
                attributes.withObjectProperty("category_uid").set("enum", categoryEnum); // replaces base_event's 0 - Uncategorized
                attributes.withObjectProperty("category_name");
            }
        }

        /** Datetime siblings, default requirements, dictionary details under each attribute's own. */
        private Item finish(ObjectNode item, boolean datetime) {
            String name = item.get("name").asText();
            ObjectNode attributes = item.withObjectProperty("attributes");
            Set<String> itemProfiles = new TreeSet<>();
            item.path("profiles").forEach(p -> itemProfiles.add(p.asText()));
            if (datetime) {
                Map<String, ObjectNode> additions = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : iterable(attributes.fields())) {
                    String type = e.getValue().has("type") ? e.getValue().get("type").asText()
                            : dictionaryAttributes.path(e.getKey()).path("type").asText();
                    if (type.equals("timestamp_t")) {
                        ObjectNode dt = e.getValue().deepCopy();
                        dt.putArray("profiles").add("datetime");
                        dt.put("requirement", "optional");
                        dt.put("type", "datetime_t");
                        additions.put(e.getKey() + "_dt", dt);
                    }
                }
                additions.forEach(attributes::set);
                if (!additions.isEmpty()) {
                    itemProfiles.add("datetime");
                }
            }
            Map<String, Attribute> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : iterable(attributes.fields())) {
                String attrName = e.getKey();
                JsonNode dict = dictionaryAttributes.get(attrName.endsWith("_dt") && !dictionaryAttributes.has(attrName)
                        ? attrName.substring(0, attrName.length() - 3) : attrName);
                if (dict == null) {
                    throw new IllegalStateException("attribute " + attrName + " of " + name + " is not in the dictionary");
                }
                ObjectNode merged = dict.deepCopy();
                deepMerge(merged, (ObjectNode) e.getValue());
                Map<String, String> enumCaptions = null;
                if (merged.has("enum")) {
                    enumCaptions = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> v : iterable(merged.get("enum").fields())) {
                        enumCaptions.put(v.getKey(), v.getValue().path("caption").asText(null));
                    }
                }
                List<String> attrProfiles = null;
                if (merged.hasNonNull("profiles")) {
                    attrProfiles = new ArrayList<>();
                    for (JsonNode p : merged.get("profiles")) {
                        attrProfiles.add(p.asText());
                    }
                }
                out.put(attrName, new Attribute(attrName, merged.get("type").asText(), merged.path("object_type").asText(null),
                        merged.path("is_array").asBoolean(false), merged.path("requirement").asText("optional"),
                        enumCaptions == null ? null : Map.copyOf(enumCaptions), merged.path("sibling").asText(null),
                        attrProfiles == null ? null : List.copyOf(attrProfiles)));
            }
            Map<String, List<String>> constraints = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> c : iterable(item.path("constraints").fields())) {
                List<String> keys = new ArrayList<>();
                c.getValue().forEach(k -> keys.add(k.asText()));
                constraints.put(c.getKey(), List.copyOf(keys));
            }
            return new Item(name, item.path("caption").asText(), item.path("uid").asInt(0), item.path("category_uid").asInt(0),
                    java.util.Collections.unmodifiableMap(out), Map.copyOf(constraints), List.copyOf(itemProfiles));
        }

        private static JsonNode read(Path file) {
            try {
                return Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static <T> Iterable<T> iterable(Iterator<T> it) {
            List<T> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            return all;
        }
    }
}
