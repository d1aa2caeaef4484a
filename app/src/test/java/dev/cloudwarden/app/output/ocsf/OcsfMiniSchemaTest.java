package dev.cloudwarden.app.output.ocsf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiler and the validator on a made-up schema source in OCSF's layout ({@code ocsf/mini-schema}), so they are
 * tested, and seen to fail, on every machine: the real schema's tests need its source.
 */
class OcsfMiniSchemaTest {
    private static final OcsfSchema SCHEMA;

    static {
        try {
            SCHEMA = OcsfSchema.compile(Path.of(OcsfMiniSchemaTest.class.getResource("/ocsf/mini-schema/version.json").toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final OcsfValidator VALIDATOR = new OcsfValidator(SCHEMA);
    private static final String VALID = """
            {"class_uid":6007,"category_uid":6,"activity_id":1,"activity_name":"Poke","type_uid":600701,"time":1,
             "metadata":{"version":"9.9.9","profiles":["cloud"]},"cloud":{"provider":"aws"},
             "actor":{"user":{"name":"alice","is_admin":false}},"port":22,"tags":["a","b"],"unmapped":{"anything":[1]}}
            """;

    @Test
    void compilesIncludesProfilesExtendsAndUids() {
        OcsfSchema.Item thing = SCHEMA.classByUid(6007);
        assertThat(thing.name()).isEqualTo("thing_activity");
        assertThat(thing.attributes()).containsKeys("time", "metadata", "cloud", "activity_id", "actor")
                .doesNotContainKeys("$include", "time_dt"); // no datetime profile here, so no datetime siblings
        assertThat(thing.attributes().get("activity_id").enumCaptions()).containsOnlyKeys("0", "1", "99");
        assertThat(thing.attributes().get("activity_id").requirement()).isEqualTo("required");
        assertThat(thing.attributes().get("type_uid").enumCaptions()).containsOnlyKeys("600700", "600701", "600799");
        assertThat(thing.attributes().get("cloud").profiles()).containsExactly("cloud");
        assertThat(thing.attributes().get("port").type()).isEqualTo("port_t");
        assertThat(SCHEMA.object("user").constraints()).containsEntry("at_least_one", List.of("name", "uid"));
        assertThat(SCHEMA.object("user").attributes()).containsKeys("name", "uid", "email_addr");
        assertThat(SCHEMA.object("_entity")).isNull();
    }

    @Test
    void aConformingEventPasses() throws IOException {
        assertThat(VALIDATOR.validate(Json.MAPPER.readTree(VALID)).errors()).isEmpty();
    }

    @Test
    void eachKindOfFaultIsAnError() throws IOException {
        assertThat(errors(e -> e.remove("actor"))).containsExactly("attribute_required_missing at actor");
        assertThat(errors(e -> ((ObjectNode) e.at("/actor/user")).removeAll().put("email_addr", "a@b")))
                .containsExactly("constraint_failed at actor.user");
        assertThat(errors(e -> e.put("color", "red"))).containsExactly("attribute_unknown at color");
        assertThat(errors(e -> ((ObjectNode) e.at("/actor/user")).put("age", 3))).containsExactly("attribute_unknown at actor.user.age");
        assertThat(errors(e -> ((ObjectNode) e.get("metadata")).remove("profiles"))).containsExactly("attribute_unknown at cloud");
        assertThat(errors(e -> e.put("time", 1.5))).containsExactly("attribute_wrong_type at time");
        assertThat(errors(e -> e.put("port", 65536))).containsExactly("attribute_value_exceeds_range at port");
        assertThat(errors(e -> e.put("tags", "a"))).containsExactly("attribute_wrong_type at tags");
        assertThat(errors(e -> e.putArray("tags").add(1))).containsExactly("attribute_wrong_type at tags[0]");
        assertThat(errors(e -> ((ObjectNode) e.at("/actor/user")).put("name", "x".repeat(21))))
                .containsExactly("attribute_value_exceeds_max_len at actor.user.name");
        assertThat(errors(e -> ((ObjectNode) e.at("/actor/user")).put("is_admin", "yes"))).containsExactly("attribute_wrong_type at actor.user.is_admin");
        assertThat(errors(e -> e.put("activity_id", 2).put("type_uid", 600702)))
                .containsExactly("attribute_enum_value_unknown at activity_id", "attribute_enum_value_unknown at type_uid");
        assertThat(errors(e -> e.put("type_uid", 600799))).containsExactly("type_uid_incorrect at type_uid");
        assertThat(errors(e -> ((ObjectNode) e.get("metadata")).put("version", "1.1.0"))).containsExactly("version_incompatible at metadata.version");
    }

    @Test
    void aMissedRegexIsAWarningAsOnTheOcsfServer() throws IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(VALID);
        ((ObjectNode) e.at("/actor/user")).put("email_addr", "nobody");
        OcsfValidator.Result r = VALIDATOR.validate(e);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(OcsfValidator.Issue::code).contains("attribute_value_regex_not_matched");
    }

    private static List<String> errors(Consumer<ObjectNode> change) throws IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(VALID);
        change.accept(e);
        return VALIDATOR.validate(e).errors().stream().map(i -> i.code() + " at " + i.path()).toList();
    }
}
