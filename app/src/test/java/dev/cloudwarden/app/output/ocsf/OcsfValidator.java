package dev.cloudwarden.app.output.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.output.ocsf.OcsfSchema.Attribute;
import dev.cloudwarden.app.output.ocsf.OcsfSchema.Item;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one OCSF event against a compiled schema by the rules of the OCSF server's validator ({@code validator2.ex},
 * read for its rules): the class exists; {@code metadata.profiles} are defined; attributes of a profile count only
 * when the event lists the profile; every required attribute is present; every attribute present is defined in its
 * class or object (recursively, except in objects of no attributes such as {@code object}); values have their
 * dictionary type (with the super type's and the type's {@code max_len}, {@code range} and {@code values}); enum
 * values are members; {@code type_uid} is {@code class_uid * 100 + activity_id}; object constraints
 * ({@code at_least_one}, {@code just_one}) hold; {@code metadata.version} is the schema's. Like the server, a string
 * that misses its type's regex, an enum sibling that differs from its caption and a missing recommended attribute
 * are warnings, not errors.
 */
public final class OcsfValidator {
    private static final BigInteger MIN_INT = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INT = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_LONG = BigInteger.TWO.pow(127).negate();
    private static final BigInteger MAX_LONG = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);

    /** One finding: a stable code as the OCSF server names it, the attribute path and a message. */
    public record Issue(String code, String path, String message) {
        @Override
        public String toString() {
            return code + " at " + path + ": " + message;
        }
    }

    /** The errors and warnings of one event. */
    public record Result(List<Issue> errors, List<Issue> warnings) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final OcsfSchema schema;
    private final Map<String, Pattern> regexes = new java.util.concurrent.ConcurrentHashMap<>();

    public OcsfValidator(OcsfSchema schema) {
        this.schema = schema;
    }

    public Result validate(JsonNode event) {
        Run run = new Run();
        if (!event.isObject()) {
            run.error("event_not_object", "", "an event is a JSON object");
            return run.result();
        }
        JsonNode classUid = event.get("class_uid");
        if (classUid == null) {
            run.error("attribute_required_missing", "class_uid", "required attribute \"class_uid\" is missing");
            return run.result();
        }
        Item cls = classUid.canConvertToInt() && classUid.isIntegralNumber() ? schema.classByUid(classUid.asInt()) : null;
        if (cls == null) {
            run.error("class_uid_unknown", "class_uid", "no class has uid " + classUid);
            return run.result();
        }
        Set<String> profiles = new HashSet<>();
        JsonNode listed = event.path("metadata").path("profiles");
        for (int i = 0; i < listed.size(); i++) {
            String p = listed.get(i).asText();
            if (listed.get(i).isTextual() && !schema.profiles().contains(p)) {
                run.error("profile_unknown", "metadata.profiles[" + i + "]", "no profile is defined for \"" + p + "\"");
            }
            profiles.add(p);
        }
        run.profiles = profiles;
        validateItem(run, event, null, cls);
        JsonNode version = event.path("metadata").path("version");
        if (version.isTextual() && !version.asText().equals(schema.version())) {
            run.error("version_incompatible", "metadata.version", "event version " + version.asText() + " is not the schema's "
                    + schema.version());
        }
        JsonNode activity = event.get("activity_id");
        JsonNode type = event.get("type_uid");
        if (classUid.isIntegralNumber() && activity != null && activity.isIntegralNumber() && type != null && type.isIntegralNumber()
                && type.asLong() != classUid.asLong() * 100 + activity.asLong()) {
            run.error("type_uid_incorrect", "type_uid", "type_uid " + type + " is not class_uid " + classUid + " * 100 + activity_id "
                    + activity + " = " + (classUid.asLong() * 100 + activity.asLong()));
        }
        return run.result();
    }

    private static final class Run {
        final List<Issue> errors = new ArrayList<>();
        final List<Issue> warnings = new ArrayList<>();
        Set<String> profiles = Set.of();

        void error(String code, String path, String message) {
            errors.add(new Issue(code, path, message));
        }

        void warning(String code, String path, String message) {
            warnings.add(new Issue(code, path, message));
        }

        Result result() {
            return new Result(List.copyOf(errors), List.copyOf(warnings));
        }

        boolean applies(Attribute a) {
            return a.profiles() == null || a.profiles().stream().anyMatch(profiles::contains);
        }
    }

    private void validateItem(Run run, JsonNode value, String path, Item item) {
        for (Attribute a : item.attributes().values()) {
            if (!run.applies(a)) {
                continue;
            }
            String p = path(path, a.name());
            JsonNode v = value.get(a.name());
            if (v == null || v.isNull()) {
                if (a.requirement().equals("required")) {
                    run.error("attribute_required_missing", p, "required attribute \"" + a.name() + "\" is missing");
                } else if (a.requirement().equals("recommended")) {
                    run.warning("attribute_recommended_missing", p, "recommended attribute \"" + a.name() + "\" is missing");
                }
                continue;
            }
            if (a.array()) {
                if (!v.isArray()) {
                    run.error("attribute_wrong_type", p, "expected an array of " + a.type() + ", got " + v.getNodeType());
                    continue;
                }
                for (int i = 0; i < v.size(); i++) {
                    validateValue(run, v.get(i), p + "[" + i + "]", a);
                }
            } else {
                validateValue(run, v, p, a);
            }
            if (a.enumCaptions() != null) {
                validateEnum(run, value, path, a, v);
            }
        }
        if (!item.attributes().isEmpty()) {
            value.fieldNames().forEachRemaining(key -> {
                Attribute a = item.attributes().get(key);
                if (a == null || !run.applies(a)) {
                    run.error("attribute_unknown", path(path, key), "attribute \"" + key + "\" is not defined in "
                            + (item.uid() != 0 || item.name().equals("base_event") ? "class" : "object") + " \"" + item.name() + "\""
                            + (a == null ? "" : " without profile " + a.profiles()));
                }
            });
        }
        for (Map.Entry<String, List<String>> c : item.constraints().entrySet()) {
            long present = c.getValue().stream().filter(value::has).count();
            boolean ok = switch (c.getKey()) {
                case "at_least_one" -> present >= 1;
                case "just_one" -> present == 1;
                default -> false;
            };
            if (!ok) {
                run.error("constraint_failed", path == null ? "" : path, item.name() + " " + c.getKey() + " of " + c.getValue()
                        + ", got " + present);
            }
        }
    }

    private void validateEnum(Run run, JsonNode parent, String path, Attribute a, JsonNode v) {
        List<JsonNode> values = new ArrayList<>();
        if (a.array() && v.isArray()) {
            v.forEach(values::add);
        } else {
            values.add(v);
        }
        for (JsonNode x : values) {
            String key = x.isTextual() ? x.asText() : x.toString();
            if (!a.enumCaptions().containsKey(key)) {
                run.error("attribute_enum_value_unknown", path(path, a.name()), "value " + x + " is not defined for enum \""
                        + a.name() + "\" " + a.enumCaptions().keySet());
            } else if (!a.array() && a.sibling() != null && parent.has(a.sibling()) && !key.equals("99")
                    && !parent.get(a.sibling()).asText().equals(a.enumCaptions().get(key))) {
                run.warning("attribute_enum_sibling_incorrect", path(path, a.sibling()), "\"" + parent.get(a.sibling()).asText()
                        + "\" is not the caption \"" + a.enumCaptions().get(key) + "\" of " + a.name() + " " + key);
            }
        }
    }

    private void validateValue(Run run, JsonNode v, String path, Attribute a) {
        if (a.type().equals("object_t")) {
            if (!v.isObject()) {
                run.error("attribute_wrong_type", path, "expected object " + a.objectType() + ", got " + v.getNodeType());
                return;
            }
            Item object = schema.object(a.objectType());
            if (object == null) {
                run.error("schema_bug_object_missing", path, "object " + a.objectType() + " is not defined");
                return;
            }
            validateItem(run, v, path, object);
            return;
        }
        JsonNode type = schema.type(a.type());
        if (type == null) {
            run.error("schema_bug_type_missing", path, "type " + a.type() + " is not in the dictionary");
            return;
        }
        String primitive = type.has("type") ? type.get("type").asText() : a.type();
        boolean ok = switch (primitive) {
            case "boolean_t" -> v.isBoolean();
            case "float_t" -> v.isFloatingPointNumber();
            case "integer_t" -> v.isIntegralNumber() && within(v.bigIntegerValue(), MIN_INT, MAX_INT);
            case "long_t" -> v.isIntegralNumber() && within(v.bigIntegerValue(), MIN_LONG, MAX_LONG);
            case "string_t" -> v.isTextual();
            case "json_t" -> true;
            default -> {
                run.error("schema_bug_primitive_type_unknown", path, "primitive type " + primitive);
                yield true;
            }
        };
        if (!ok) {
            run.error("attribute_wrong_type", path, "expected " + a.type() + (primitive.equals(a.type()) ? "" : " (" + primitive + ")")
                    + ", got " + v.getNodeType() + " " + abbreviate(v));
            return;
        }
        for (JsonNode t : type.has("type") ? List.of(type, schema.type(primitive)) : List.of(type)) {
            if (t.has("max_len") && v.isTextual() && v.asText().length() > t.get("max_len").asInt()) {
                run.error("attribute_value_exceeds_max_len", path, "longer than " + t.get("max_len") + ": " + abbreviate(v));
            }
            if (t.has("range") && v.isNumber() && (v.asDouble() < t.get("range").get(0).asDouble() || v.asDouble() > t.get("range").get(1).asDouble())) {
                run.error("attribute_value_exceeds_range", path, v + " is outside " + t.get("range"));
            }
            if (t.has("values")) {
                boolean member = false;
                for (JsonNode allowed : t.get("values")) {
                    member |= allowed.equals(v);
                }
                if (!member) {
                    run.error("attribute_value_not_in_type_values", path, v + " is not one of " + t.get("values"));
                }
            }
            if (t.has("regex") && v.isTextual()
                    && !regexes.computeIfAbsent(t.get("regex").asText(), Pattern::compile).matcher(v.asText()).find()) {
                run.warning("attribute_value_regex_not_matched", path, abbreviate(v) + " does not match the regex of " + a.type());
            }
        }
    }

    private static boolean within(BigInteger v, BigInteger min, BigInteger max) {
        return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
    }

    private static String path(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
