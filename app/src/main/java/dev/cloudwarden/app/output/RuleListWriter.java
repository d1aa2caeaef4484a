package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.sigma.model.RuleLogSource;
import dev.cloudwarden.engine.sigma.model.SigmaRule;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code rules list}: one rule per table row or JSON line. Rule files are third-party text (a SigmaHQ checkout, a
 * colleague's folder), so ids, titles and tags are escaped in both forms.
 */
public final class RuleListWriter {
    private static final String ROW = "%-38s %-13s %-32s %-16s %-60s %s%n";

    private RuleListWriter() {
    }

    public static void table(List<LoadedRule> rules, PrintWriter out) {
        out.printf(ROW, "ID", "LEVEL", "LOGSOURCE", "FED BY", "TITLE", "TAGS");
        for (LoadedRule r : rules) {
            out.printf(ROW, TerminalText.safe(r.key()), level(r.rule().level()), TerminalText.safe(r.rule().logSource().toString()),
                    fedBy(r.fedBy()), TerminalText.safe(r.rule().title()), TerminalText.safe(String.join(" ", r.rule().tags())));
        }
        out.flush();
    }

    /**
     * One object per rule: {@code id, title, level, status, logsource {product, service, category}, fed_by, tags,
     * author, source} (the file, line and column of the rule's document).
     */
    public static void json(List<LoadedRule> rules, Writer out) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
        for (LoadedRule r : rules) {
            write(r, g);
        }
        g.flush();
        if (!rules.isEmpty()) {
            out.write('\n');
        }
        out.flush();
    }

    /** One rule as the JSON object {@link #json} writes. */
    public static void write(LoadedRule r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(r, g);
        g.writeEndObject();
    }

    /** The fields of {@link #write}'s object, inside one the caller opened (the API's rule list adds its own). */
    public static void writeFields(LoadedRule r, JsonGenerator g) throws IOException {
        SigmaRule rule = r.rule();
        g.writeStringField("id", r.key());
        g.writeStringField("title", rule.title());
        g.writeStringField("level", rule.level() == null ? null : rule.level().id());
        g.writeStringField("status", rule.status());
        RuleLogSource ls = rule.logSource();
        g.writeObjectFieldStart("logsource");
        g.writeStringField("product", ls.product());
        g.writeStringField("service", ls.service());
        g.writeStringField("category", ls.category());
        g.writeEndObject();
        fedBy(g, r.fedBy());
        g.writeArrayFieldStart("tags");
        for (String tag : rule.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeStringField("author", rule.author());
        g.writeStringField("source", rule.source().toString());
    }

    /** A rule's level for a table: {@code -} when it declares none. */
    static String level(Level level) {
        return level == null ? "-" : level.id();
    }

    /** The sources that feed a rule, for a table: {@code cloudtrail,vpcflow}, or {@code (none)}. */
    static String fedBy(Set<SourceType> sources) {
        return sources.isEmpty() ? "(none)" : sources.stream().map(SourceType::id).sorted().collect(Collectors.joining(","));
    }

    /** The same as a sorted {@code fed_by} array. */
    static void fedBy(JsonGenerator g, Set<SourceType> sources) throws IOException {
        g.writeArrayFieldStart("fed_by");
        for (String id : sources.stream().map(SourceType::id).sorted().toList()) {
            g.writeString(id);
        }
        g.writeEndArray();
    }
}
