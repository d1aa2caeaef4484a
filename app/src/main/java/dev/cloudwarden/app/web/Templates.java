package dev.cloudwarden.app.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The UI's jte templates, compiled to classes when CloudWarden is built (jte-maven-plugin) and rendered with HTML
 * escaping by context: every value written into a page is escaped for where it lands (text, attribute), so a log
 * field shows as the text it is.
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} (one {@code @param}: {@code model}) as the response. */
    void render(Context ctx, String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }
}
