package dev.cloudwarden.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Json;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code posture}: whole {@code cloudwarden posture scan} processes, JVM start included, each timed from launch to exit,
 * over (a) TerraGoat and CloudGoat from {@code ../shared/datasets/config} (the goal: under 5 s), (b) a generated
 * Terraform plan of 10,000 resources (goal: under 10 s) and (c) a generated AWS snapshot of 50,000 resources as
 * {@code describe-*} output and AWS Config items (goal: under 60 s); next to the baseline of the same JVM starting and
 * printing its version, and Jackson reading the generated files. Run from the repository root after
 * {@code mvn -pl app,bench -am package -DskipTests}.
 */
final class PostureBench {
    private PostureBench() {
    }

    static void run(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args, 3);
        Path app = Path.of("app", "target", "cloudwarden.jar").toAbsolutePath();
        if (!Files.exists(app)) {
            throw new IllegalStateException("build the CLI first: mvn -B -pl app,bench -am package -DskipTests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path dir = Files.createTempDirectory("cw-posture-bench");
        Path plan = dir.resolve("plan.json");
        writePlan(plan, 10_000);
        Path snapshot = Files.createDirectories(dir.resolve("aws"));
        writeSnapshot(snapshot, 50_000);
        Path datasets = Path.of("..", "shared", "datasets", "config").toAbsolutePath().normalize();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("0. JVM start: cloudwarden --version", List.of(java, "-XX:+UseSerialGC", "-jar", app.toString(), "--version"));
        if (Files.isDirectory(datasets.resolve("terragoat"))) {
            commands.put("a. TerraGoat + CloudGoat", scan(java, app, datasets.resolve("terragoat"), datasets.resolve("cloudgoat")));
        } else {
            System.out.println("(a) skipped: " + datasets + " has no terragoat/cloudgoat");
        }
        commands.put("b. Terraform plan, 10,000 resources", scan(java, app, plan));
        commands.put("c. AWS snapshot, 50,000 resources", scan(java, app, snapshot));
        System.out.printf(Locale.ROOT, "java %s, %d cpus, plan %,d bytes, snapshot %,d bytes%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Files.size(plan), folderSize(snapshot));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = -1; round < opts.rounds(); round++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                long t0 = System.nanoTime();
                String note = exec(c.getValue());
                double s = (System.nanoTime() - t0) / 1e9;
                if (round >= 0) {
                    times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(s);
                }
                System.out.printf(Locale.ROOT, "round %d: %-45s %6.2f s  %s%n", round, c.getKey(), s, note);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-47s %10s%n", opts.rounds() + " rounds after a warm-up round", "median s");
        for (Map.Entry<String, List<Double>> t : times.entrySet()) {
            System.out.printf(Locale.ROOT, "%-47s %10.2f%n", t.getKey(), BenchStats.median(t.getValue()));
        }
    }

    private static List<String> scan(String java, Path app, Path... paths) {
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-jar", app.toString(), "posture", "scan",
                "--format", "json"));
        for (Path p : paths) {
            command.add(p.toString());
        }
        return command;
    }

    /** A plan of buckets, security groups, instances, IAM policies and databases, half of each misconfigured. */
    static void writePlan(Path file, int resources) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format_version", "1.2");
            g.writeStringField("terraform_version", "1.9.0");
            g.writeObjectFieldStart("planned_values");
            g.writeObjectFieldStart("root_module");
            g.writeArrayFieldStart("resources");
            for (int i = 0; i < resources; i++) {
                boolean bad = i % 2 == 0;
                String[] types = {"aws_s3_bucket", "aws_security_group", "aws_instance", "aws_iam_policy", "aws_db_instance"};
                String type = types[i % types.length];
                g.writeStartObject();
                g.writeStringField("address", type + ".r" + i);
                g.writeStringField("mode", "managed");
                g.writeStringField("type", type);
                g.writeStringField("name", "r" + i);
                g.writeObjectFieldStart("values");
                switch (type) {
                    case "aws_s3_bucket" -> {
                        g.writeStringField("bucket", "bucket-" + i);
                        g.writeStringField("acl", bad ? "public-read" : "private");
                    }
                    case "aws_security_group" -> {
                        g.writeStringField("name", "sg-" + i);
                        g.writeArrayFieldStart("ingress");
                        g.writeStartObject();
                        g.writeNumberField("from_port", 22);
                        g.writeNumberField("to_port", 22);
                        g.writeStringField("protocol", "tcp");
                        g.writeArrayFieldStart("cidr_blocks");
                        g.writeString(bad ? "0.0.0.0/0" : "10.0.0.0/8");
                        g.writeEndArray();
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                    case "aws_instance" -> {
                        g.writeStringField("ami", "ami-" + i);
                        g.writeArrayFieldStart("metadata_options");
                        g.writeStartObject();
                        g.writeStringField("http_tokens", bad ? "optional" : "required");
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                    case "aws_iam_policy" -> g.writeStringField("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                            + "\"Allow\",\"Action\":\"" + (bad ? "*" : "s3:GetObject") + "\",\"Resource\":\"*\"}]}");
                    default -> {
                        g.writeBooleanField("publicly_accessible", bad);
                        g.writeBooleanField("storage_encrypted", !bad);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Security groups and instances as describe output, buckets as AWS Config items: a third of the resources each. */
    static void writeSnapshot(Path dir, int resources) throws IOException {
        int each = resources / 3;
        try (OutputStream out = Files.newOutputStream(dir.resolve("security-groups.json"));
             JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("SecurityGroups");
            for (int i = 0; i < each; i++) {
                g.writeStartObject();
                g.writeStringField("GroupId", String.format(Locale.ROOT, "sg-%017x", i));
                g.writeStringField("GroupName", "group-" + i);
                g.writeStringField("VpcId", "vpc-0123456789abcdef0");
                g.writeStringField("OwnerId", "123456789012");
                g.writeArrayFieldStart("IpPermissions");
                g.writeStartObject();
                g.writeStringField("IpProtocol", "tcp");
                g.writeNumberField("FromPort", i % 2 == 0 ? 22 : 443);
                g.writeNumberField("ToPort", i % 2 == 0 ? 22 : 443);
                g.writeArrayFieldStart("IpRanges");
                g.writeStartObject();
                g.writeStringField("CidrIp", "0.0.0.0/0");
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("instances.json"));
             JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Reservations");
            g.writeStartObject();
            g.writeArrayFieldStart("Instances");
            for (int i = 0; i < each; i++) {
                g.writeStartObject();
                g.writeStringField("InstanceId", String.format(Locale.ROOT, "i-%017x", i));
                g.writeStringField("ImageId", "ami-0123456789abcdef0");
                g.writeStringField("InstanceType", "t3.micro");
                g.writeObjectFieldStart("MetadataOptions");
                g.writeStringField("HttpTokens", i % 2 == 0 ? "optional" : "required");
                g.writeStringField("HttpEndpoint", "enabled");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("config-buckets.json"));
             JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("configurationItems");
            for (int i = 0; i < resources - 2 * each; i++) {
                g.writeStartObject();
                g.writeStringField("configurationItemStatus", "OK");
                g.writeStringField("resourceType", "AWS::S3::Bucket");
                g.writeStringField("resourceId", "bucket-" + i);
                g.writeStringField("resourceName", "bucket-" + i);
                g.writeStringField("awsRegion", "us-east-1");
                g.writeStringField("awsAccountId", "123456789012");
                g.writeObjectFieldStart("configuration");
                g.writeStringField("name", "bucket-" + i);
                g.writeEndObject();
                g.writeObjectFieldStart("supplementaryConfiguration");
                g.writeObjectFieldStart("PublicAccessBlockConfiguration");
                g.writeBooleanField("blockPublicAcls", i % 2 != 0);
                g.writeBooleanField("ignorePublicAcls", i % 2 != 0);
                g.writeBooleanField("blockPublicPolicy", i % 2 != 0);
                g.writeBooleanField("restrictPublicBuckets", i % 2 != 0);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static long folderSize(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            long total = 0;
            for (Path p : s.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /** Runs a process to its end (stdout discarded); returns the scan's summary line from stderr. */
    private static String exec(List<String> command) throws IOException, InterruptedException {
        File err = File.createTempFile("cw-bench", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
            int code = p.waitFor();
            String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8).strip();
            if (code > 1) {
                throw new IllegalStateException("exit " + code + " from " + command + ":\n" + stderr);
            }
            String[] lines = stderr.split("\n");
            return lines[lines.length - 1];
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }
}
