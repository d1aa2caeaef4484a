package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.PlainJson;
import dev.cloudwarden.engine.posture.source.SourceText;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exported AWS configuration, recognised by content: AWS Config items ({@link ConfigItems}), the CLI's
 * {@code describe-*}/{@code list-*}/{@code get-*} output ({@link AwsType#DESCRIBE_KEYS}), IAM's
 * {@code get-account-authorization-details} and credential report ({@link CredentialReport}), and Panther's snapshot
 * resources ({@link PantherResources}), as JSON, a JSON array, or JSON Lines.
 *
 * <p>Every form gives the same resource for the same thing: framework {@code aws}; type the AWS Config resource type
 * ({@code AWS::EC2::SecurityGroup}; pseudo types of the same form for what Config does not record:
 * {@code AWS::IAM::RootUser}, {@code AWS::IAM::AccountPasswordPolicy}, {@code AWS::EC2::Snapshot},
 * {@code AWS::EC2::Image}, {@code AWS::Config::Recorder::Meta}, {@code AWS::GuardDuty::Detector::Meta}); name the
 * type's key field ({@link AwsType#keyField()}: {@code GroupId}, {@code UserName}, {@code Name} of a bucket ...);
 * id {@code <type>.<name>}; location the lines of the resource's object (a credential report's row); attributes the
 * describe API's PascalCase fields (Config's camelCase raised, {@link PascalCase}), tags as {@code [{Key, Value}]},
 * policy documents as objects, plus {@code AccountId}, {@code Region}, {@code Arn} when the form gives them. Config
 * relationships become references ({@code AWS::EC2::VPC.vpc-1}). A Config item of a type not listed keeps its type
 * and raised configuration, named by {@code resourceName} or {@code resourceId}.
 */
public final class AwsSnapshotSource implements ConfigSource.PerFile {
    private static final List<String> CONFIG_LISTS = List.of("configurationItems", "baseConfigurationItems");

    @Override
    public String name() {
        return "aws snapshot";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return false;
        }
        String n = fileName.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return CredentialReport.looksLikeCsv(head);
        }
        if (!n.endsWith(".json") && !n.endsWith(".jsonl") && !n.endsWith(".ndjson")) {
            return false;
        }
        if (head.stripLeading().startsWith("{") && head.contains("\"Content\"")
                && (head.contains("\"ReportFormat\"") || head.contains(CredentialReport.BASE64_HEADER))) {
            return true;
        }
        Map<String, Object> fields = PlainJson.headFields(head);
        if (fields.isEmpty()) {
            return false;
        }
        return CONFIG_LISTS.stream().anyMatch(fields::containsKey)
                || fields.containsKey("resourceType") && (fields.containsKey("configuration")
                || fields.containsKey("configurationItemStatus") || fields.containsKey("resourceId"))
                || fields.containsKey("Content") && fields.containsKey("ReportFormat")
                || AwsType.DESCRIBE_KEYS.keySet().stream().anyMatch(fields::containsKey)
                || fields.containsKey("Results") && head.contains("resourceType")
                || PantherResources.isPanther(fields)
                || ShapeInference.infer(fields) != null;
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        try {
            SourceText t = SourceText.read(file);
            if (t.failed()) {
                return ParsedConfig.failed(t.problem());
            }
            String n = file.path().toString().toLowerCase(Locale.ROOT);
            String form = n.endsWith(".csv") ? "csv" : n.endsWith(".jsonl") || n.endsWith(".ndjson") ? "jsonl" : "json";
            return read(file.displayName(), t.text(), form);
        } catch (RuntimeException bug) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), 0), "unreadable snapshot: " + bug));
        }
    }

    /**
     * One JSON document of the forms above, not from a file: a live scan's describe output, named as its findings
     * should name it ({@code displayName}), read exactly as the same text saved to a file would be.
     */
    public ParsedConfig parseJson(String displayName, String json) {
        try {
            return read(displayName, json, "json");
        } catch (RuntimeException bug) {
            return ParsedConfig.failed(new ParseProblem(Location.of(displayName, 0), "unreadable snapshot: " + bug));
        }
    }

    private static ParsedConfig read(String displayName, String text, String form) {
        Reader reader = new Reader(displayName);
        switch (form) {
            case "csv" -> reader.credentialCsv(text, 0);
            case "jsonl" -> reader.jsonLines(text);
            default -> reader.json(text);
        }
        return new ParsedConfig(reader.resources, reader.problems);
    }

    /** The state of reading one file. */
    private static final class Reader {
        final String file;
        final PlainJson json = new PlainJson();
        final List<ConfigResource> resources = new ArrayList<>();
        final List<ParseProblem> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        void json(String text) {
            List<Object> values;
            try {
                values = json.readAll(text);
            } catch (IOException e) {
                problem(PlainJson.lineOf(e), "not valid JSON: " + PlainJson.reason(e));
                return;
            }
            values.forEach(this::document);
        }

        void jsonLines(String text) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    document(json.readOne(lines[i], i + 1));
                } catch (IOException e) {
                    problem(i + 1, "not valid JSON: " + PlainJson.reason(e));
                }
            }
        }

        private void document(Object value) {
            if (value instanceof List<?> list) {
                list.forEach(this::resourceObject);
            } else if (value instanceof Map<?, ?>) {
                container(Shape.asMap(value));
            } else {
                problem(1, "not an AWS snapshot: a JSON " + (value == null ? "null" : "value") + " at the top");
            }
        }

        /** A top-level object: a list of Config items, describe output, a credential report, or one resource. */
        private void container(Map<String, Object> m) {
            boolean found = false;
            for (String key : CONFIG_LISTS) {
                if (m.get(key) instanceof List<?> items) {
                    found = true;
                    items.forEach(this::resourceObject);
                }
            }
            if (m.get("Results") instanceof List<?> results && !results.isEmpty() && results.get(0) instanceof String) {
                found = true;
                for (Object r : results) {
                    try {
                        Object item = ConfigItems.parseIfText(r);
                        resourceObject(item);
                    } catch (IOException e) {
                        problem(json.line(m), "select-resource-config result is not JSON: " + PlainJson.reason(e));
                    }
                }
            }
            if (found) {
                return;
            }
            // A resource before a describe output: Panther's VPC has SecurityGroups and FlowLogs lists of its own.
            if (ConfigItems.isItem(m) || PantherResources.isPanther(m) || ShapeInference.infer(m) != null) {
                resourceObject(m);
                return;
            }
            if (m.get("Content") instanceof String content && m.containsKey("ReportFormat")) {
                try {
                    credentialCsv(CredentialReport.decodeContent(content), json.line(m) - 1);
                } catch (IllegalArgumentException e) {
                    problem(json.line(m), "credential report Content is not base64");
                }
                return;
            }
            for (Map.Entry<String, Object> e : m.entrySet()) {
                AwsType type = AwsType.DESCRIBE_KEYS.get(e.getKey());
                if (type != null) {
                    found = true;
                    describeList(e.getKey(), type, e.getValue(), m);
                }
            }
            if (!found) {
                resourceObject(m);
            }
        }

        private void describeList(String key, AwsType type, Object value, Map<String, Object> output) {
            if (AwsType.SINGLE_OBJECT_KEYS.contains(key)) {
                if (value instanceof Map<?, ?>) {
                    describedResource(key, type, Shape.asMap(value), output);
                }
                return;
            }
            if (!(value instanceof List<?> list)) {
                return;
            }
            for (Object element : list) {
                Map<String, Object> r = Shape.asMap(element);
                if (r == null) {
                    continue;
                }
                if (key.equals("Reservations")) {
                    if (r.get("Instances") instanceof List<?> instances) {
                        for (Object i : instances) {
                            if (Shape.asMap(i) != null) {
                                describedResource(key, type, Shape.asMap(i), output);
                            }
                        }
                    }
                } else {
                    describedResource(key, type, r, output);
                }
            }
        }

        private void describedResource(String key, AwsType type, Map<String, Object> described, Map<String, Object> output) {
            Map<String, Object> attributes = new LinkedHashMap<>(described);
            if (key.equals("logGroups")) {
                attributes = Shape.asMap(PascalCase.convert(described));
            }
            if (type == AwsType.BUCKET) {
                if (!attributes.containsKey("Owner") && output.get("Owner") != null) {
                    attributes.put("Owner", output.get("Owner"));
                }
                S3Buckets.fromListBuckets(attributes);
            }
            if (type == AwsType.REDSHIFT && !attributes.containsKey("ClusterIdentifier")) {
                return;
            }
            AwsType actual = type;
            if (type == AwsType.USER && isRoot(attributes)) {
                actual = AwsType.ROOT_USER;
            }
            Shape.finish(actual, attributes);
            add(actual.name(), nameOf(actual, attributes, null, null), described, attributes, List.of());
        }

        /** One element of a list: a Config item, or a resource object (Panther's, or one that says its type). */
        private void resourceObject(Object element) {
            Map<String, Object> m = Shape.asMap(element);
            if (m == null) {
                return;
            }
            if (ConfigItems.isItem(m)) {
                configItem(m);
                return;
            }
            AwsType type = PantherResources.type(m, null);
            if (type == null) {
                problem(json.line(m), "not a recognised AWS resource (no ResourceType, and its fields match no type)");
                return;
            }
            Map<String, Object> attributes = PantherResources.normalise(type, m);
            add(type.name(), nameOf(type, attributes, null, null), m, attributes, List.of());
        }

        private void configItem(Map<String, Object> m) {
            ConfigItems.Item item;
            try {
                item = ConfigItems.read(m);
            } catch (IOException e) {
                problem(json.line(m), "configuration is not JSON: " + PlainJson.reason(e));
                return;
            }
            if (item == null) {
                return;
            }
            String name = item.type() == null
                    ? first(item.resourceName(), item.resourceId())
                    : nameOf(item.type(), item.attributes(), item.resourceId(), item.resourceName());
            add(item.configType(), name, m, item.attributes(), references(m.get("relationships")));
        }

        private static List<String> references(Object relationships) {
            List<String> refs = new ArrayList<>();
            if (relationships instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> rel = Shape.asMap(o);
                    if (rel == null || !(rel.get("resourceType") instanceof String type)) {
                        continue;
                    }
                    AwsType known = AwsType.BY_NAME.get(type);
                    String id = rel.get("resourceId") instanceof String s ? s : null;
                    String name = rel.get("resourceName") instanceof String s ? s : null;
                    String key = known != null && !known.configKeyIsResourceId() ? first(name, id) : first(id, name);
                    if (key != null) {
                        refs.add(type + "." + key);
                    }
                }
            }
            return refs;
        }

        void credentialCsv(String csv, int lineOffset) {
            for (CredentialReport.Row row : CredentialReport.rows(csv)) {
                AwsType type = row.root() ? AwsType.ROOT_USER : AwsType.USER;
                String name = String.valueOf(row.attributes().get("UserName"));
                resources.add(new ConfigResource(Framework.AWS, type.name(), name, type.name() + "." + name,
                        Location.of(file, lineOffset + row.line()), row.attributes(), List.of(), List.of()));
            }
        }

        private void add(String type, String name, Object source, Map<String, Object> attributes, List<String> refs) {
            int line = json.line(source);
            int end = Math.max(line, json.endLine(source));
            resources.add(new ConfigResource(Framework.AWS, type, name, type + "." + name, new Location(file, line, end),
                    attributes, refs, List.of()));
        }

        private void problem(int line, String reason) {
            problems.add(new ParseProblem(Location.of(file, Math.max(0, line)), reason));
        }
    }

    private static boolean isRoot(Map<String, Object> user) {
        Object arn = user.get("Arn");
        return arn instanceof String s && s.endsWith(":root");
    }

    /**
     * The resource's name: its type's key field; for a Config item Config's own key when the configuration lacks it;
     * the account-level pseudo types by account and region; last, the ARN or a placeholder.
     */
    static String nameOf(AwsType type, Map<String, Object> attributes, String resourceId, String resourceName) {
        Object key = attributes.get(type.keyField());
        if (key instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (type == AwsType.ROOT_USER) {
            return "root";
        }
        String configKey = type.configKeyIsResourceId() ? first(resourceId, resourceName) : first(resourceName, resourceId);
        if (configKey != null) {
            return configKey;
        }
        for (String field : List.of("Name", "AccountId", "Arn")) {
            if (attributes.get(field) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return "unnamed";
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
