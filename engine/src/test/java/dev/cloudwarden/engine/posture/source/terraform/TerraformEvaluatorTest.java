package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudwarden.engine.posture.source.terraform.TerraformTestSupport.module;
import static dev.cloudwarden.engine.posture.source.terraform.TerraformTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Evaluation of a module folder: variables, tfvars, locals, functions, unknowns, references, instances, modules. */
class TerraformEvaluatorTest {
    @TempDir
    Path dir;

    /** The value of {@code expression} as the attribute {@code v} of a resource, with some variables and locals. */
    private Object value(String expression) {
        ParsedConfig c = module(dir, "main.tf", """
                variable "name" { default = "web" }
                variable "tags" { default = { env = "prod", team = "sec" } }
                variable "list" { default = ["b", "a", "b"] }
                variable "unset" {}
                locals {
                  upper = upper(var.name)
                  n     = 3
                }
                resource "t" "x" {
                  v = %s
                }
                """.formatted(expression));
        assertThat(c.problems()).isEmpty();
        return resource(c, "t.x").attributes().get("v");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3                                  | 7",
            "10 / 4                                     | 2.5",
            "7 % 3                                      | 1",
            "-local.n                                   | -3",
            "\"${var.name}-${local.n}\"                   | web-3",
            "local.upper                                | WEB",
            "var.tags.env                               | prod",
            "var.tags[\"team\"]                           | sec",
            "var.list[1]                                | a",
            "var.list.0                                 | b",
            "local.n > 2 ? \"big\" : \"small\"             | big",
            "format(\"%s-%03d\", var.name, 7)             | web-007",
            "format(\"%.2f;%5s;%-4s;%t;%q\", 3.14159, \"ab\", \"c\", true, \"q\") | 3.14;   ab;c   ;true;\"q\"",
            "join(\",\", var.list)                        | b,a,b",
            "join(\",\", distinct(var.list))              | b,a",
            "join(\",\", toset(var.list))                 | a,b",
            "join(\",\", sort(var.list))                  | a,b,b",
            "join(\"/\", split(\".\", \"a.b.c\"))           | a/b/c",
            "replace(\"a-b-c\", \"-\", \"_\")              | a_b_c",
            "replace(\"abc123\", \"/[0-9]+/\", \"#\")        | abc#",
            "trimspace(\"  x  \")                         | x",
            "substr(\"hello\", 1, 3)                      | ell",
            "substr(\"hello\", -3, -1)                    | llo",
            "title(\"hello world\")                       | Hello World",
            "lower(\"ABC\")                               | abc",
            "length(var.list)                           | 3",
            "length(\"héllo\")                            | 5",
            "element(var.list, 4)                       | a",
            "lookup(var.tags, \"nope\", \"dflt\")           | dflt",
            "contains(var.list, \"a\")                    | true",
            "coalesce(\"\", null, \"x\")                   | x",
            "max(1, 5, 3)                               | 5",
            "min(var.list != [] ? 2 : 0, 1)             | 1",
            "jsonencode({b = [1, true], a = \"<x>\"})      | {\"a\":\"\\u003cx\\u003e\",\"b\":[1,true]}",
            "jsondecode(\"{\\\"a\\\": [1, 2.5]}\").a[1]   | 2.5",
            "base64encode(\"hi\")                         | aGk=",
            "base64decode(\"aGk=\")                       | hi",
            "try(var.tags.missing, \"fallback\")          | fallback",
            "can(var.tags.missing)                      | false",
            "can(var.tags.env)                          | true",
            "tostring(5)                                | 5",
            "tonumber(\"5\") + 1                          | 6",
            "tobool(\"true\")                             | true",
            "cidrsubnet(\"10.0.0.0/16\", 8, 2)            | 10.0.2.0/24",
            "cidrhost(\"10.0.0.0/24\", 5)                 | 10.0.0.5",
            "cidrnetmask(\"10.0.0.0/12\")                 | 255.240.0.0",
            "sha256(\"a\")                                | ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
            "md5(\"a\")                                   | 0cc175b9c0f1b6a831c399e269772661",
            "\"%{ for i in var.list ~}${i};%{ endfor ~}\"   | b;a;b;",
            "\"%{ if local.n == 3 }three%{ else }other%{ endif }\" | three",
            "upper(\"x\") == \"X\" && !false                | true",
            "1 == \"1\"                                   | false",
            "[for s in var.list : upper(s) if s != \"a\"][1] | B",
            "{for k, v in var.tags : v => k}[\"sec\"]      | team",
            "{for s in var.list : s => s...}[\"b\"][1]     | b",
            "keys(var.tags)[1]                          | team",
            "values(var.tags)[0]                        | prod",
            "merge(var.tags, {env = \"dev\"}).env         | dev",
            "zipmap([\"a\"], [1]).a                       | 1",
            "flatten([[1], [2, [3]]])[2]                | 3",
            "concat([1], [2])[1]                        | 2",
            "slice([1, 2, 3], 1, 3)[0]                  | 2",
            "reverse([1, 2])[0]                         | 2",
            "range(3)[2]                                | 2",
            "sum([1, 2, 3])                             | 6",
            "one([\"x\"])                                 | x",
            "compact([\"\", \"a\"])[0]                     | a",
            "setunion([\"b\"], [\"a\"])[0]                 | a",
            "regex(\"[a-z]+\", \"123abc\")                  | abc",
            "regex(\"(\\\\d+)-(\\\\d+)\", \"10-20\")[1]        | 20",
            "startswith(\"hello\", \"he\")                  | true",
            "trimprefix(\"hello\", \"he\")                  | llo",
            "abs(-4)                                    | 4",
            "ceil(1.2)                                  | 2",
            "floor(1.8)                                 | 1",
            "pow(2, 10)                                 | 1024",
            "parseint(\"ff\", 16)                         | 255",
            "urlencode(\"a b&c\")                         | a%20b%26c",
            "alltrue([true, true])                      | true",
            "transpose({a = [\"x\"], b = [\"x\"]}).x[1]    | b",
    })
    void expressionsEvaluateAsTerraformDoes(String expression, String expected) {
        Object v = value(expression);
        assertThat(v).as(expression).isNotInstanceOf(Unknown.class);
        assertThat(String.valueOf(v)).as(expression).isEqualTo(expected);
    }

    @Test
    void numbersBecomeLongOrDouble() {
        assertThat(value("4 / 2")).isEqualTo(2L);
        assertThat(value("1.5")).isEqualTo(1.5);
        assertThat(value("indent(2, \"a\\nb\")")).isEqualTo("a\n  b");
        assertThat(value("chomp(\"x\\n\\n\")")).isEqualTo("x");
        assertThat(value("[1, \"a\", null, true]")).isEqualTo(java.util.Arrays.asList(1L, "a", null, true));
    }

    @Test
    void whatCannotBeKnownIsUnknownWithItsTextNeverAGuess() {
        assertThat(value("var.unset")).isEqualTo(Unknown.of("var.unset"));
        assertThat(value("\"x-${var.unset}\"")).isEqualTo(Unknown.of("\"x-${var.unset}\""));
        assertThat(value("timestamp()")).isEqualTo(Unknown.of("timestamp()"));
        assertThat(value("upper(var.unset)")).isEqualTo(Unknown.of("upper(var.unset)"));
        assertThat(value("var.unset ? 1 : 2")).isEqualTo(Unknown.of("var.unset ? 1 : 2"));
        assertThat(value("[for x in var.unset : x]")).isInstanceOf(Unknown.class);
        assertThat(value("local.nope")).isInstanceOf(Unknown.class);
        assertThat(value("var.tags.missing")).isInstanceOf(Unknown.class);
        assertThat(value("1 + \"a\"")).isInstanceOf(Unknown.class);
        assertThat(value("file(\"/etc/passwd\")")).isInstanceOf(Unknown.class);
        // A collection keeps what is known: only the unknown element is unknown.
        assertThat(value("[1, var.unset]")).isEqualTo(List.of(1L, Unknown.of("var.unset")));
        assertThat(value("length([1, var.unset])")).isEqualTo(2L);
    }

    @Test
    void tfvarsOverrideDefaultsInTerraformsOrder() {
        ParsedConfig c = module(dir,
                "variables.tf", "variable \"a\" { default = \"default\" }\nvariable \"b\" {}\nvariable \"c\" {}\n"
                        + "variable \"n\" {\n  type = number\n}\n",
                "main.tf", "resource \"t\" \"x\" {\n  a = var.a\n  b = var.b\n  c = var.c\n  n = var.n\n}\n",
                "terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nn = \"5\"\n",
                "z.auto.tfvars", "b = \"auto\"\n",
                "other.tfvars", "c = \"not loaded without -var-file\"\n");
        Map<String, Object> a = resource(c, "t.x").attributes();
        assertThat(a.get("a")).isEqualTo("tfvars");
        assertThat(a.get("b")).isEqualTo("auto");
        assertThat(a.get("c")).isEqualTo(Unknown.of("var.c"));
        assertThat(a.get("n")).isEqualTo(5L);
    }

    @Test
    void jsonTfvarsSetVariablesToo() {
        ParsedConfig c = module(dir,
                "main.tf", "variable \"ports\" {}\nresource \"t\" \"x\" {\n  ports = var.ports\n}\n",
                "terraform.tfvars.json", "{\"ports\": [22, 443]}");
        assertThat(c.problems()).isEmpty();
        assertThat(resource(c, "t.x").attributes().get("ports")).isEqualTo(List.of(22L, 443L));
    }

    @Test
    void localsInAnyOrderAndCyclesAreUnknown() {
        ParsedConfig c = module(dir, "main.tf", """
                locals {
                  b = "${local.a}-b"
                  a = "a"
                  x = local.y
                  y = local.x
                }
                resource "t" "x" {
                  b = local.b
                  x = local.x
                }
                """);
        Map<String, Object> a = resource(c, "t.x").attributes();
        assertThat(a.get("b")).isEqualTo("a-b");
        assertThat(a.get("x")).isInstanceOf(Unknown.class);
    }

    @Test
    void referencesUseConfiguredValuesOrNameTheResource() {
        ParsedConfig c = module(dir, "main.tf", """
                resource "aws_s3_bucket" "logs" {
                  bucket = "logs-bucket"
                  versioning {
                    enabled = true
                  }
                }
                resource "aws_s3_bucket_public_access_block" "logs" {
                  bucket              = aws_s3_bucket.logs.bucket
                  id_ref              = aws_s3_bucket.logs.id
                  arn                 = "${aws_s3_bucket.logs.arn}/*"
                  versioned           = aws_s3_bucket.logs.versioning[0].enabled
                  policy              = data.aws_iam_policy_document.p.json
                  vpc                 = module.vpc.id
                  depends_on          = [aws_kms_key.k]
                }
                data "aws_iam_policy_document" "p" {}
                """);
        ConfigResource pab = resource(c, "aws_s3_bucket_public_access_block.logs");
        Map<String, Object> a = pab.attributes();
        assertThat(a.get("bucket")).isEqualTo("logs-bucket");
        assertThat(a.get("id_ref")).isEqualTo(new Unknown("aws_s3_bucket.logs.id", List.of("aws_s3_bucket.logs")));
        assertThat(a.get("arn")).isEqualTo(new Unknown("\"${aws_s3_bucket.logs.arn}/*\"",
                List.of("aws_s3_bucket.logs")));
        assertThat(a.get("versioned")).isEqualTo(true);
        assertThat(a.get("policy")).isEqualTo(new Unknown("data.aws_iam_policy_document.p.json",
                List.of("data.aws_iam_policy_document.p")));
        assertThat(a.get("vpc")).isEqualTo(new Unknown("module.vpc.id", List.of("module.vpc")));
        assertThat(pab.references()).containsExactly("aws_s3_bucket.logs", "data.aws_iam_policy_document.p",
                "module.vpc", "aws_kms_key.k");
        ConfigResource data = resource(c, "aws_iam_policy_document.p");
        assertThat(data.type()).isEqualTo("data.aws_iam_policy_document");
    }

    @Test
    void referencesAreFollowedThroughLocalsAndModuleInputs() {
        ParsedConfig c = module(dir,
                "main.tf", """
                        locals {
                          bucket   = aws_s3_bucket.b.id
                          indirect = local.bucket
                        }
                        resource "aws_s3_bucket" "b" {}
                        resource "aws_s3_bucket_policy" "p" {
                          bucket = local.indirect
                        }
                        module "m" {
                          source = "./m"
                          vpc_id = aws_vpc.main.id
                        }
                        """,
                "m/main.tf", """
                        variable "vpc_id" {}
                        resource "aws_security_group" "sg" {
                          vpc_id = var.vpc_id
                        }
                        """);
        assertThat(resource(c, "aws_s3_bucket_policy.p").references()).containsExactly("aws_s3_bucket.b");
        assertThat(resource(c, "module.m.aws_security_group.sg").references()).containsExactly("aws_vpc.main");
        assertThat(resource(c, "module.m.aws_security_group.sg").attributes().get("vpc_id"))
                .isEqualTo(new Unknown("aws_vpc.main.id", List.of("aws_vpc.main")));
    }

    @Test
    void nestedBlocksAreListsOfMapsInFileOrder() {
        ParsedConfig c = module(dir, "main.tf", """
                resource "aws_security_group" "sg" {
                  ingress {
                    from_port   = 22
                    cidr_blocks = ["0.0.0.0/0"]
                  }
                  ingress {
                    from_port = 443
                  }
                  provisioner "local-exec" {
                    command = "echo"
                  }
                }
                """);
        Map<String, Object> a = resource(c, "aws_security_group.sg").attributes();
        assertThat(a.get("ingress")).isEqualTo(List.of(Map.of("from_port", 22L, "cidr_blocks", List.of("0.0.0.0/0")),
                Map.of("from_port", 443L)));
        assertThat(a.get("provisioner")).isEqualTo(List.of(Map.of("local-exec", Map.of("command", "echo"))));
    }

    @Test
    void dynamicBlocksExpandWhenTheirCollectionIsKnown() {
        ParsedConfig c = module(dir, "main.tf", """
                variable "ports" { default = [22, 443] }
                variable "unknown_ports" {}
                resource "aws_security_group" "known" {
                  dynamic "ingress" {
                    for_each = var.ports
                    iterator = p
                    content {
                      from_port = p.value
                      index     = p.key
                    }
                  }
                }
                resource "aws_security_group" "unknown" {
                  ingress {
                    from_port = 80
                  }
                  dynamic "ingress" {
                    for_each = var.unknown_ports
                    content {
                      from_port = ingress.value
                    }
                  }
                }
                """);
        assertThat(resource(c, "aws_security_group.known").attributes().get("ingress")).isEqualTo(List.of(
                Map.of("from_port", 22L, "index", 0L), Map.of("from_port", 443L, "index", 1L)));
        assertThat(resource(c, "aws_security_group.unknown").attributes().get("ingress"))
                .isEqualTo(Unknown.of("var.unknown_ports"));
    }

    @Test
    void countAndForEachGiveCheckovsInstanceIdsWhenKnown() {
        ParsedConfig c = module(dir, "main.tf", """
                variable "n" {}
                resource "t" "counted" {
                  count = 2
                  name  = "n-${count.index}"
                }
                resource "t" "mapped" {
                  for_each = { a = 1, b = 2 }
                  v        = each.value
                  k        = each.key
                }
                resource "t" "set" {
                  for_each = toset(["y", "x"])
                  k        = each.key
                }
                resource "t" "unknown" {
                  count = var.n
                  name  = "n-${count.index}"
                }
                resource "t" "user" {
                  first = t.counted[0].name
                  b     = t.mapped["b"].v
                  any   = t.unknown[0].name
                }
                """);
        assertThat(c.resources()).extracting(ConfigResource::id).containsExactly("t.counted[0]", "t.counted[1]",
                "t.mapped[\"a\"]", "t.mapped[\"b\"]", "t.set[\"x\"]", "t.set[\"y\"]", "t.unknown", "t.user");
        assertThat(resource(c, "t.counted[1]").attributes().get("name")).isEqualTo("n-1");
        assertThat(resource(c, "t.mapped[\"b\"]").attributes().get("v")).isEqualTo(2L);
        assertThat(resource(c, "t.unknown").attributes().get("name")).isInstanceOf(Unknown.class);
        assertThat(resource(c, "t.user").attributes()).containsEntry("first", "n-0").containsEntry("b", 2L)
                .containsEntry("any", new Unknown("t.unknown[0].name", List.of("t.unknown")));
        assertThat(resource(c, "t.unknown").location().line()).isEqualTo(15);
        assertThat(resource(c, "t.unknown").location().endLine()).isEqualTo(18);
    }

    @Test
    void providersAndModuleCallsAreResourcesToo() {
        ParsedConfig c = module(dir, "main.tf", """
                provider "aws" {
                  access_key = "AKIAIOSFODNN7EXAMPLE"
                }
                provider "aws" {
                  alias  = "east"
                  region = "us-east-1"
                }
                module "remote" {
                  source = "terraform-aws-modules/vpc/aws"
                }
                """);
        assertThat(c.resources()).extracting(ConfigResource::id).containsExactly("aws.default", "aws.east",
                "module.remote");
        assertThat(resource(c, "aws.default").type()).isEqualTo("provider.aws");
        assertThat(resource(c, "aws.default").attributes().get("access_key")).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void localModulesAreEvaluatedWithTheirInputsAndPrefixed() {
        ParsedConfig c = module(dir,
                "main.tf", """
                        module "store" {
                          source = "./modules/store"
                          name   = "data"
                        }
                        module "many" {
                          source   = "./modules/store"
                          for_each = toset(["a", "b"])
                          name     = each.key
                        }
                        resource "t" "user" {
                          bucket = module.store.bucket_name
                        }
                        """,
                "modules/store/main.tf", """
                        variable "name" {}
                        resource "aws_s3_bucket" "b" {
                          bucket = "${var.name}-bucket"
                        }
                        resource "aws_s3_bucket_versioning" "v" {
                          bucket = aws_s3_bucket.b.id
                        }
                        output "bucket_name" {
                          value = aws_s3_bucket.b.bucket
                        }
                        """);
        assertThat(c.problems()).isEmpty();
        assertThat(c.resources()).extracting(ConfigResource::id).contains("module.store",
                "module.store.aws_s3_bucket.b", "module.many[\"a\"].aws_s3_bucket.b",
                "module.many[\"b\"].aws_s3_bucket.b", "t.user");
        ConfigResource b = resource(c, "module.many[\"b\"].aws_s3_bucket.b");
        assertThat(b.attributes().get("bucket")).isEqualTo("b-bucket");
        assertThat(b.location().file()).isEqualTo("modules/store/main.tf");
        assertThat(resource(c, "module.store.aws_s3_bucket_versioning.v").references())
                .containsExactly("module.store.aws_s3_bucket.b");
        assertThat(resource(c, "t.user").attributes().get("bucket")).isEqualTo("data-bucket");
    }

    @Test
    void inlineSkipsInsideTheBlock() {
        ParsedConfig c = module(dir, "main.tf", """
                #checkov:skip=CKV_AWS_1:outside, not applied
                resource "aws_s3_bucket" "b" {
                  #checkov:skip=CKV_AWS_20:The bucket is a public static website
                  // checkov:skip=CKV_AWS_18
                  # cloudwarden:skip=CW_S3_1,CW_S3_2: both
                  bucket = "b"
                }
                """);
        assertThat(resource(c, "aws_s3_bucket.b").skips()).containsExactly(
                new InlineSkip("CKV_AWS_20", "The bucket is a public static website"),
                new InlineSkip("CKV_AWS_18", ""), new InlineSkip("CW_S3_1", "both"), new InlineSkip("CW_S3_2", "both"));
    }

    @Test
    void fileAndTemplateFileReadInsideTheModuleFolder() {
        ParsedConfig c = module(dir,
                "main.tf", """
                        resource "t" "x" {
                          policy = file("${path.module}/policy.json")
                          script = templatefile("user_data.tpl", { port = 22, names = ["a", "b"] })
                          gone   = file("missing.txt")
                          exists = fileexists("policy.json")
                        }
                        """,
                "policy.json", "{\"Effect\": \"Allow\"}",
                "user_data.tpl", "port=${port}\n%{ for n in names }${n}\n%{ endfor }");
        Map<String, Object> a = resource(c, "t.x").attributes();
        assertThat(a.get("policy")).isEqualTo("{\"Effect\": \"Allow\"}");
        assertThat(a.get("script")).isEqualTo("port=22\na\nb\n");
        assertThat(a.get("gone")).isInstanceOf(Unknown.class);
        assertThat(a.get("exists")).isEqualTo(true);
    }

    @Test
    void syntaxErrorsAreProblemsAndTheRestIsRead() {
        ParsedConfig c = module(dir, "main.tf", """
                resource "t" "bad" {
                  x = [1,
                }
                resource "t" "good" {
                  x = 1
                }
                """);
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("main.tf");
            assertThat(p.location().line()).isEqualTo(3);
            assertThat(p.reason()).startsWith("column 1: ");
        });
        assertThat(c.resources()).extracting(ConfigResource::id).containsExactly("t.good");
    }

    @Test
    void hostileEvaluationEndsAsUnknownNotAHang() {
        StringBuilder locals = new StringBuilder("locals {\n  l0 = \"xxxxxxxxxxxxxxxx\"\n");
        for (int i = 1; i < 40; i++) {
            locals.append("  l").append(i).append(" = \"${local.l").append(i - 1).append("}${local.l")
                    .append(i - 1).append("}\"\n");
        }
        locals.append("}\n");
        ParsedConfig c = module(dir, "main.tf", locals + """
                resource "t" "x" {
                  big   = local.l39
                  loops = length([for a in range(10000) : [for b in range(10000) : a * b]])
                }
                """);
        Map<String, Object> a = resource(c, "t.x").attributes();
        assertThat(a.get("big")).isInstanceOf(Unknown.class);
        assertThat(a.get("loops")).isInstanceOf(Unknown.class);
    }

    @Test
    void jsonConfigurationSyntax() {
        ParsedConfig c = module(dir, "main.tf.json", """
                {
                  "variable": { "name": { "default": "web" } },
                  "resource": {
                    "aws_s3_bucket": {
                      "b": {
                        "//": "checkov:skip=CKV_AWS_20:static site",
                        "bucket": "${var.name}-bucket",
                        "acl": "public-read",
                        "tags": { "env": "prod" }
                      }
                    }
                  }
                }
                """);
        assertThat(c.problems()).isEmpty();
        ConfigResource b = resource(c, "aws_s3_bucket.b");
        assertThat(b.attributes()).containsEntry("bucket", "web-bucket").containsEntry("acl", "public-read")
                .containsEntry("tags", Map.of("env", "prod"));
        assertThat(b.location().line()).isEqualTo(5);
        assertThat(b.skips()).containsExactly(new InlineSkip("CKV_AWS_20", "static site"));
    }
}
