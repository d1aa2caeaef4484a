package dev.cloudwarden.engine.posture.source.cloudformation;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationSourceTest {
    private final CloudFormationSource source = new CloudFormationSource();

    private ParsedConfig parse(String text) {
        return source.parse("t.yaml", text);
    }

    /** The one resource of a template whose resource {@code R} has the given properties (YAML, indented 6). */
    private ConfigResource resource(String preamble, String properties) {
        ParsedConfig p = parse(preamble + """
                Resources:
                  R:
                    Type: AWS::S3::Bucket
                    Properties:
                """ + properties.indent(6));
        assertThat(p.problems()).isEmpty();
        return p.resources().stream().filter(r -> r.name().equals("R")).findFirst().orElseThrow();
    }

    private Object value(String preamble, String expression) {
        return resource(preamble, "V: " + expression).attributes().get("V");
    }

    @Test
    void idTypeNameAndLinesAreCheckovs() {
        ParsedConfig p = parse("""
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: data
                  Logs:
                    Type: AWS::S3::Bucket
                """);
        assertThat(p.resources()).extracting(ConfigResource::id)
                .containsExactly("AWS::S3::Bucket.Data", "AWS::S3::Bucket.Logs");
        ConfigResource data = p.resources().get(0);
        assertThat(data.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(data.name()).isEqualTo("Data");
        assertThat(data.location()).isEqualTo(new Location("t.yaml", 3, 6));
        assertThat(data.attributes()).isEqualTo(Map.of("BucketName", "data"));
        assertThat(p.resources().get(1).attributes()).isEmpty();
    }

    @Test
    void yamlShortFormsGiveTheSameAttributesAsJson() {
        String yaml = """
                Parameters:
                  Env: {Type: String, Default: prod}
                Resources:
                  Other: {Type: AWS::SNS::Topic}
                  R:
                    Type: AWS::S3::Bucket
                    Properties:
                      A: !Ref Other
                      B: !GetAtt Other.TopicName
                      C: !GetAtt [Other, TopicName]
                      D: !Sub "${Env}-x"
                      E: !Join [",", [a, !Ref Env]]
                      F: !Select [1, !Split [",", "a,b,c"]]
                      G: !If [IsProd, yes, no]
                      H: !Base64 hi
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                """;
        String json = """
                {"Parameters": {"Env": {"Type": "String", "Default": "prod"}},
                 "Resources": {"Other": {"Type": "AWS::SNS::Topic"},
                   "R": {"Type": "AWS::S3::Bucket", "Properties": {
                     "A": {"Ref": "Other"},
                     "B": {"Fn::GetAtt": ["Other", "TopicName"]},
                     "C": {"Fn::GetAtt": ["Other", "TopicName"]},
                     "D": {"Fn::Sub": "${Env}-x"},
                     "E": {"Fn::Join": [",", ["a", {"Ref": "Env"}]]},
                     "F": {"Fn::Select": [1, {"Fn::Split": [",", "a,b,c"]}]},
                     "G": {"Fn::If": ["IsProd", "yes", "no"]},
                     "H": {"Fn::Base64": "hi"}}}},
                 "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}}
                """;
        ConfigResource fromYaml = source.parse("t.yaml", yaml).resources().get(1);
        ConfigResource fromJson = source.parse("t.json", json).resources().get(1);
        assertThat(fromYaml.attributes()).isEqualTo(fromJson.attributes());
        assertThat(fromYaml.references()).isEqualTo(fromJson.references()).containsExactly("AWS::SNS::Topic.Other");
        Map<String, Object> a = fromYaml.attributes();
        assertThat(a.get("A")).isEqualTo(new Unknown("{\"Ref\":\"Other\"}", List.of("AWS::SNS::Topic.Other")));
        assertThat(((Unknown) a.get("B")).references()).containsExactly("AWS::SNS::Topic.Other");
        assertThat(a.get("B")).isEqualTo(a.get("C"));
        assertThat(a).containsEntry("D", "prod-x").containsEntry("E", "a,prod").containsEntry("F", "b")
                .containsEntry("G", "yes")
                .containsEntry("H", Base64.getEncoder().encodeToString("hi".getBytes()));
    }

    @Test
    void refToParameters() {
        String parameters = """
                Parameters:
                  WithDefault: {Type: String, Default: "0.0.0.0/0"}
                  Number: {Type: Number, Default: 22}
                  NoDefault: {Type: String}
                  Subnets: {Type: CommaDelimitedList, Default: "a, b,c"}
                  Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /aws/ami}
                """;
        assertThat(value(parameters, "!Ref WithDefault")).isEqualTo("0.0.0.0/0");
        assertThat(value(parameters, "!Ref Number")).isEqualTo(22L);
        assertThat(value(parameters, "!Ref NoDefault")).isEqualTo(Unknown.of("{\"Ref\":\"NoDefault\"}"));
        assertThat(value(parameters, "!Ref Subnets")).isEqualTo(List.of("a", "b", "c"));
        assertThat(value(parameters, "!Ref Ami")).isInstanceOf(Unknown.class);
        assertThat(value(parameters, "!Ref AWS::Region")).isInstanceOf(Unknown.class);
        assertThat(value(parameters, "!Ref Nowhere")).isInstanceOf(Unknown.class);
    }

    @Test
    void noValueRemovesThePropertyOrElement() {
        ConfigResource r = resource("", """
                Gone: !Ref AWS::NoValue
                List: [a, !Ref AWS::NoValue, b]
                Kept: x
                """);
        assertThat(r.attributes()).isEqualTo(Map.of("List", List.of("a", "b"), "Kept", "x"));
    }

    @Test
    void findInMap() {
        String mappings = """
                Mappings:
                  Region:
                    us-east-1: {Ami: ami-1}
                Parameters:
                  Where: {Type: String, Default: us-east-1}
                """;
        assertThat(value(mappings, "!FindInMap [Region, !Ref Where, Ami]")).isEqualTo("ami-1");
        assertThat(value(mappings, "!FindInMap [Region, !Ref AWS::Region, Ami]")).isInstanceOf(Unknown.class);
        assertThat(value(mappings, "!FindInMap [Region, eu-west-1, Ami]")).isInstanceOf(Unknown.class);
        assertThat(value(mappings, "!FindInMap [Region, eu-west-1, Ami, {DefaultValue: ami-0}]")).isEqualTo("ami-0");
    }

    @Test
    void subWithVariablesLiteralsAndUnknowns() {
        String p = """
                Parameters:
                  Name: {Type: String, Default: app}
                """;
        assertThat(value(p, "!Sub ['${A}-${Name}', {A: x}]")).isEqualTo("x-app");
        assertThat(value(p, "!Sub '${!Literal}-${Name}'")).isEqualTo("${Literal}-app");
        assertThat(value(p, "!Sub 'arn:${AWS::Partition}:s3:::${Name}'")).isInstanceOf(Unknown.class);
        assertThat(value(p, "!Sub 'plain'")).isEqualTo("plain");
    }

    @Test
    void conditionsDecideIfOnlyWhenKnown() {
        String p = """
                Parameters:
                  Env: {Type: String, Default: dev}
                  Open: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition NotProd, !Equals [1, "1"]]
                  Either: !Or [!Condition NotProd, !Equals [!Ref Open, x]]
                  Dunno: !Equals [!Ref Open, x]
                  Loop: !Condition Loop
                """;
        assertThat(value(p, "!If [IsProd, a, b]")).isEqualTo("b");
        assertThat(value(p, "!If [NotProd, a, b]")).isEqualTo("a");
        assertThat(value(p, "!If [Both, a, b]")).isEqualTo("a");
        assertThat(value(p, "!If [Either, a, b]")).isEqualTo("a");
        assertThat(value(p, "!If [Dunno, a, b]")).isInstanceOf(Unknown.class);
        assertThat(value(p, "!If [Loop, a, b]")).isInstanceOf(Unknown.class);
        assertThat(value(p, "!If [Undeclared, a, b]")).isInstanceOf(Unknown.class);
    }

    @Test
    void joinSelectAndSplitNeedEveryInputKnown() {
        assertThat(value("", "!Join ['', [a, b, 1]]")).isEqualTo("ab1");
        assertThat(value("", "!Join ['', [a, !Ref AWS::AccountId]]")).isInstanceOf(Unknown.class);
        assertThat(value("", "!Select [0, !GetAZs '']")).isInstanceOf(Unknown.class);
        assertThat(value("", "!Select ['2', [a, b, c]]")).isEqualTo("c");
        assertThat(value("", "!Select [5, [a]]")).isInstanceOf(Unknown.class);
        assertThat(value("", "!Split ['|', 'a|b']")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void functionsThatDependOnTheDeploymentAreUnknown() {
        for (String f : List.of("!ImportValue shared", "!GetAZs ''", "!Cidr [10.0.0.0/16, 2, 8]",
                "!Transform {Name: x}", "!Future thing")) {
            assertThat(value("", f)).as(f).isInstanceOf(Unknown.class);
        }
    }

    @Test
    void referencesComeFromRefGetAttSubAndDependsOn() {
        ParsedConfig p = parse("""
                Resources:
                  A: {Type: AWS::SNS::Topic}
                  B: {Type: AWS::SQS::Queue}
                  C: {Type: AWS::S3::Bucket}
                  D: {Type: AWS::KMS::Key}
                  R:
                    Type: AWS::Lambda::Function
                    DependsOn: D
                    Properties:
                      X: !Ref A
                      Y: !GetAtt B.Arn
                      Z: !Sub "${C}/${AWS::Region}"
                """);
        ConfigResource r = p.resources().get(4);
        assertThat(r.references()).containsExactlyInAnyOrder("AWS::SNS::Topic.A", "AWS::SQS::Queue.B",
                "AWS::S3::Bucket.C", "AWS::KMS::Key.D");
        assertThat(r.attributes().get(CloudFormationSource.RESOURCE_KEY)).isEqualTo(Map.of("DependsOn", List.of("D")));
    }

    @Test
    void resourceLevelEntriesAreUnderTheReservedKey() {
        ConfigResource r = parse("""
                Resources:
                  R:
                    Type: AWS::RDS::DBInstance
                    DeletionPolicy: Retain
                    UpdateReplacePolicy: Snapshot
                    Condition: IsProd
                    Properties: {Engine: mysql}
                """).resources().get(0);
        assertThat(r.attributes()).containsEntry("Engine", "mysql").containsEntry(CloudFormationSource.RESOURCE_KEY,
                Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Snapshot", "Condition", "IsProd"));
    }

    @Test
    void skipsFromCheckovAndCloudWardenMetadata() {
        ConfigResource r = parse("""
                Resources:
                  R:
                    Type: AWS::S3::Bucket
                    Metadata:
                      checkov:
                        skip:
                          - id: CKV_AWS_18
                            comment: no logging here
                          - id: CKV_AWS_21
                      cloudwarden:
                        skip:
                          - id: CW_S3_1
                            comment: public by design
                """).resources().get(0);
        assertThat(r.skips()).containsExactly(new InlineSkip("CKV_AWS_18", "no logging here"),
                new InlineSkip("CKV_AWS_21", ""), new InlineSkip("CW_S3_1", "public by design"));
    }

    @Test
    void samResourcesAreResources() {
        ParsedConfig p = parse("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Default:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12}
                """);
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly("AWS::Serverless::Function.Default");
    }

    @Test
    void badInputIsAProblemNotAnException() {
        ParsedConfig broken = parse("AWSTemplateFormatVersion: x\nResources:\n  R: [unclosed\n");
        assertThat(broken.resources()).isEmpty();
        assertThat(broken.problems()).singleElement().satisfies(pr -> assertThat(pr.location().line()).isPositive());
        ParsedConfig noType = parse("""
                AWSTemplateFormatVersion: x
                Resources:
                  Bad: {Properties: {}}
                  Good: {Type: AWS::S3::Bucket}
                """);
        assertThat(noType.resources()).extracting(ConfigResource::name).containsExactly("Good");
        assertThat(noType.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.reason()).contains("Bad");
            assertThat(pr.location().line()).isEqualTo(3);
        });
        assertThat(source.parse("t.json", "{\"AWSTemplateFormatVersion\": ").problems()).hasSize(1);
    }

    @Test
    void otherYamlIsNotATemplate() {
        assertThat(parse("Resources:\n  x: {Type: Something}\n")).isEqualTo(new ParsedConfig(List.of(), List.of()));
    }

    @Test
    void acceptsTemplatesByContent() {
        assertThat(source.accepts(Path.of("a.yaml"), "AWSTemplateFormatVersion: '2010-09-09'")).isTrue();
        assertThat(source.accepts(Path.of("a.json"), "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"")).isTrue();
        assertThat(source.accepts(Path.of("a.template"), "Resources:\n  B:\n    Type: AWS::S3::Bucket")).isTrue();
        assertThat(source.accepts(Path.of("a.yaml"), "apiVersion: v1\nkind: Pod")).isFalse();
        assertThat(source.accepts(Path.of("a.tf"), "AWSTemplateFormatVersion")).isFalse();
        // an AWS Config item names its type too, but it is a snapshot, not a template
        assertThat(source.accepts(Path.of("config.json"), "{\"configurationItems\":[{\"resourceType\":\"AWS::S3::Bucket\","))
                .isFalse();
    }
}
