package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudwarden.engine.posture.source.terraform.TerraformTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code terraform show -json} output: planned values, after_unknown, configuration references, lines. */
class TerraformPlanSourceTest {
    private static final String PLAN = """
            {
              "format_version": "1.2",
              "terraform_version": "1.6.0",
              "planned_values": {
                "root_module": {
                  "resources": [
                    {
                      "address": "aws_s3_bucket.b[0]",
                      "mode": "managed",
                      "type": "aws_s3_bucket",
                      "name": "b",
                      "index": 0,
                      "values": {
                        "bucket": "logs",
                        "force_destroy": false,
                        "versioning": [{ "enabled": true }],
                        "tags": { "env": "prod" }
                      }
                    },
                    {
                      "address": "data.aws_iam_policy_document.p",
                      "mode": "data",
                      "type": "aws_iam_policy_document",
                      "name": "p",
                      "values": { "statement": [] }
                    }
                  ],
                  "child_modules": [
                    {
                      "address": "module.net[\\"a\\"]",
                      "resources": [
                        {
                          "address": "module.net[\\"a\\"].aws_security_group.sg",
                          "mode": "managed",
                          "type": "aws_security_group",
                          "name": "sg",
                          "values": { "ingress": [{ "from_port": 22, "cidr_blocks": ["0.0.0.0/0"] }] }
                        }
                      ]
                    }
                  ]
                }
              },
              "resource_changes": [
                {
                  "address": "aws_s3_bucket.b[0]",
                  "change": {
                    "after_unknown": { "arn": true, "id": true, "versioning": [{ "mfa_delete": true }] }
                  }
                }
              ],
              "configuration": {
                "root_module": {
                  "resources": [
                    {
                      "address": "aws_s3_bucket.b",
                      "expressions": {
                        "bucket": { "references": ["aws_kms_key.k.arn", "aws_kms_key.k", "var.name"] },
                        "logging": [{ "target_bucket": { "references": ["aws_s3_bucket.logs[0].id"] } }]
                      }
                    }
                  ],
                  "module_calls": {
                    "net": {
                      "module": {
                        "resources": [
                          {
                            "address": "aws_security_group.sg",
                            "expressions": { "vpc_id": { "references": ["aws_vpc.main.id", "data.aws_vpc.d.id"] } }
                          }
                        ]
                      }
                    }
                  }
                }
              }
            }
            """;

    @TempDir
    Path dir;

    private ParsedConfig parse(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return new TerraformPlanSource().parse(new ConfigFile(p, name));
    }

    @Test
    void acceptsPlansByContent() {
        TerraformPlanSource s = new TerraformPlanSource();
        assertThat(s.accepts(Path.of("tfplan.json"), PLAN)).isTrue();
        assertThat(s.accepts(Path.of("template.json"), "{\"AWSTemplateFormatVersion\": \"2010-09-09\"}")).isFalse();
        assertThat(s.accepts(Path.of("main.tf.json"), PLAN)).isFalse();
        assertThat(s.accepts(Path.of("plan.yaml"), PLAN)).isFalse();
    }

    @Test
    void resourcesWithValuesUnknownsReferencesAndLines() throws IOException {
        ParsedConfig c = parse("tfplan.json", PLAN);
        assertThat(c.problems()).isEmpty();
        assertThat(c.resources()).extracting(ConfigResource::id).containsExactly("aws_s3_bucket.b[0]",
                "aws_iam_policy_document.p", "module.net[\"a\"].aws_security_group.sg");
        ConfigResource b = resource(c, "aws_s3_bucket.b[0]");
        assertThat(b.type()).isEqualTo("aws_s3_bucket");
        assertThat(b.location().line()).isEqualTo(7);
        assertThat(b.location().endLine()).isEqualTo(19);
        assertThat(b.attributes()).containsEntry("bucket", "logs").containsEntry("tags", Map.of("env", "prod"));
        assertThat(b.attributes().get("arn")).isInstanceOf(Unknown.class);
        assertThat(b.at("versioning.enabled")).isEqualTo(true);
        assertThat(b.at("versioning.mfa_delete")).isInstanceOf(Unknown.class);
        assertThat(b.references()).containsExactly("aws_kms_key.k", "aws_s3_bucket.logs");
        ConfigResource p = resource(c, "aws_iam_policy_document.p");
        assertThat(p.type()).isEqualTo("data.aws_iam_policy_document");
        ConfigResource sg = resource(c, "module.net[\"a\"].aws_security_group.sg");
        assertThat(sg.at("ingress.from_port")).isEqualTo(22L);
        assertThat(sg.references()).containsExactly("module.net.aws_vpc.main", "module.net.data.aws_vpc.d");
    }

    @Test
    void badJsonIsAProblemWithItsLine() throws IOException {
        ParsedConfig c = parse("broken.json", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": [\n}");
        assertThat(c.resources()).isEmpty();
        assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.location().line()).isEqualTo(4));
    }

    @Test
    void addressesSplitIntoModulePathAndResource() {
        assertThat(TerraformPlanSource.modulePath("module.a[\"x.y\"].module.b.aws_s3_bucket.c[0]"))
                .isEqualTo("module.a[\"x.y\"].module.b.");
        assertThat(TerraformPlanSource.stripIndexes("module.a[\"x]\"].aws_s3_bucket.c[0]"))
                .isEqualTo("module.a.aws_s3_bucket.c");
        assertThat(TerraformPlanSource.address("aws_s3_bucket.b[0].arn")).isEqualTo("aws_s3_bucket.b");
        assertThat(TerraformPlanSource.address("var.x")).isNull();
        assertThat(List.of(TerraformPlanSource.address("module.m.out"), TerraformPlanSource.address("data.a.b.c")))
                .containsExactly("module.m", "data.a.b");
    }
}
