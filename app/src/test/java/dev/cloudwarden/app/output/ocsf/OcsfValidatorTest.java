package dev.cloudwarden.app.output.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator fails what it should, against the real OCSF 1.1.0 schema (skipped, saying why, without its source):
 * one valid API Activity, then that event with one fault each.
 */
class OcsfValidatorTest {
    private static OcsfSchema schema;
    private static OcsfValidator validator;

    private static final String VALID = """
            {"class_uid":6003,"class_name":"API Activity","category_uid":6,"category_name":"Application Activity",
             "activity_id":2,"activity_name":"Read","type_uid":600302,"severity_id":1,"time":1704067200000,"status_id":1,
             "metadata":{"version":"1.1.0","product":{"name":"CloudWarden","vendor_name":"CloudWarden"},"profiles":["cloud"]},
             "cloud":{"provider":"aws","region":"us-east-1","account":{"uid":"111122223333"}},
             "actor":{"user":{"uid":"arn:aws:iam::111122223333:user/a","credential_uid":"AKIAEXAMPLE"},"session":{"is_mfa":false}},
             "api":{"operation":"GetObject","service":{"name":"s3.amazonaws.com"}},
             "src_endpoint":{"ip":"203.0.113.9","port":443},
             "resources":[{"type":"AWS::S3::Bucket","uid":"arn:aws:s3:::b"}]}
            """;

    @BeforeAll
    static void compile() {
        schema = OcsfSchema.compile(OcsfSchema.locate());
        validator = new OcsfValidator(schema);
    }

    @Test
    void theSchemaCompilesAsOcsfDefinesIt() {
        assertThat(schema.version()).isEqualTo("1.1.0");
        OcsfSchema.Item api = schema.classByUid(6003);
        assertThat(api.name()).isEqualTo("api_activity");
        assertThat(api.categoryUid()).isEqualTo(6);
        // extends: base_event's metadata and classification; the class's own activities on top of 0 and 99
        assertThat(api.attributes().get("metadata").requirement()).isEqualTo("required");
        assertThat(api.attributes().get("activity_id").enumCaptions()).containsKeys("0", "1", "2", "3", "4", "99");
        assertThat(api.attributes().get("type_uid").enumCaptions()).containsEntry("600302", "API Activity: Read");
        // $include of a profile: cloud belongs to the cloud profile; "profile": null takes api out of it
        assertThat(api.attributes().get("cloud").profiles()).containsExactly("cloud");
        assertThat(api.attributes().get("api").profiles()).isNull();
        assertThat(schema.classByUid(4001).attributes().get("api").profiles()).containsExactly("cloud");
        // objects: extends of _entity and endpoint, dictionary types, arrays, constraints
        OcsfSchema.Item endpoint = schema.object("network_endpoint");
        assertThat(endpoint.attributes().get("port").type()).isEqualTo("port_t");
        assertThat(endpoint.attributes().get("uid").type()).isEqualTo("string_t");
        assertThat(endpoint.constraints()).containsKey("at_least_one");
        assertThat(schema.object("email").attributes().get("to").array()).isTrue();
        assertThat(schema.classByUid(0).attributes().get("time_dt").profiles()).containsExactly("datetime");
        assertThat(schema.object("_entity")).isNull();
    }

    @Test
    void aConformingEventHasNoErrors() throws IOException {
        OcsfValidator.Result r = validator.validate(Json.MAPPER.readTree(VALID));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void aMissingRequiredAttributeIsAnError() throws IOException {
        assertThat(errors(e -> e.remove("actor"))).contains("attribute_required_missing at actor");
        assertThat(errors(e -> ((ObjectNode) e.get("api")).remove("operation"))).contains("attribute_required_missing at api.operation");
        assertThat(errors(e -> ((ObjectNode) e.get("cloud")).remove("provider"))).contains("attribute_required_missing at cloud.provider");
    }

    @Test
    void anUndefinedAttributeIsAnError() throws IOException {
        assertThat(errors(e -> e.putObject("traffic").put("bytes_in", 1))).contains("attribute_unknown at traffic");
        assertThat(errors(e -> ((ObjectNode) e.get("actor")).put("nickname", "x"))).contains("attribute_unknown at actor.nickname");
        // cloud without its profile declared
        assertThat(errors(e -> ((ObjectNode) e.get("metadata")).remove("profiles"))).contains("attribute_unknown at cloud");
        assertThat(errors(e -> ((ObjectNode) e.get("metadata")).putArray("profiles").add("cloud").add("nope")))
                .contains("profile_unknown at metadata.profiles[1]");
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() throws IOException {
        assertThat(errors(e -> e.put("time", "2024-01-01T00:00:00Z"))).contains("attribute_wrong_type at time");
        assertThat(errors(e -> ((ObjectNode) e.get("src_endpoint")).put("port", "443"))).contains("attribute_wrong_type at src_endpoint.port");
        assertThat(errors(e -> ((ObjectNode) e.get("src_endpoint")).put("port", 70000))).contains("attribute_value_exceeds_range at src_endpoint.port");
        assertThat(errors(e -> e.put("resources", "bucket"))).contains("attribute_wrong_type at resources");
        assertThat(errors(e -> e.put("actor", "alice"))).contains("attribute_wrong_type at actor");
        assertThat(errors(e -> ((ObjectNode) e.at("/actor/session")).put("is_mfa", "no"))).contains("attribute_wrong_type at actor.session.is_mfa");
    }

    @Test
    void aValueOutsideItsEnumIsAnError() throws IOException {
        assertThat(errors(e -> e.put("activity_id", 7).put("type_uid", 600307))).contains("attribute_enum_value_unknown at activity_id",
                "attribute_enum_value_unknown at type_uid");
        assertThat(errors(e -> e.put("severity_id", 42))).contains("attribute_enum_value_unknown at severity_id");
        assertThat(errors(e -> e.put("category_uid", 4))).contains("attribute_enum_value_unknown at category_uid");
        assertThat(errors(e -> e.put("class_uid", 4242))).contains("class_uid_unknown at class_uid");
    }

    @Test
    void typeUidMustBeClassUidTimes100PlusActivity() throws IOException {
        assertThat(errors(e -> e.put("type_uid", 600301))).contains("type_uid_incorrect at type_uid");
    }

    @Test
    void objectConstraintsHold() throws IOException {
        assertThat(errors(e -> e.putObject("src_endpoint").put("port", 443))).contains("constraint_failed at src_endpoint");
    }

    /** The errors of {@link #VALID} changed by {@code change}, as {@code code at path}. */
    private static java.util.List<String> errors(Consumer<ObjectNode> change) throws IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(VALID);
        change.accept(e);
        JsonNode n = e;
        return validator.validate(n).errors().stream().map(i -> i.code() + " at " + i.path()).toList();
    }
}
