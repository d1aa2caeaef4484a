package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** An ATT&CK Navigator layer (format 4.5): techniques with a score and a comment, on a white-to-blue gradient. */
public final class NavigatorLayer {
    /** The ATT&CK version the layers name (Navigator maps technique ids of other versions with a warning). */
    public static final String ATTACK_VERSION = "17";

    public record Technique(String id, long score, String comment) {
    }

    private NavigatorLayer() {
    }

    public static void write(String name, String description, List<Technique> techniques, Writer out) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeObjectFieldStart("versions");
        g.writeStringField("attack", ATTACK_VERSION);
        g.writeStringField("navigator", "5.1.0");
        g.writeStringField("layer", "4.5");
        g.writeEndObject();
        g.writeStringField("domain", "enterprise-attack");
        g.writeStringField("description", description);
        long max = 1;
        g.writeArrayFieldStart("techniques");
        for (Technique t : techniques) {
            max = Math.max(max, t.score());
            g.writeStartObject();
            g.writeStringField("techniqueID", t.id());
            g.writeNumberField("score", t.score());
            g.writeStringField("comment", t.comment());
            g.writeBooleanField("enabled", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("gradient");
        g.writeArrayFieldStart("colors");
        g.writeString("#ffffff");
        g.writeString("#66b1ff");
        g.writeEndArray();
        g.writeNumberField("minValue", 0);
        g.writeNumberField("maxValue", max);
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }
}
