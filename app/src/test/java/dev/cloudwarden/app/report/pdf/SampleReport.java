package dev.cloudwarden.app.report.pdf;

import org.jsoup.nodes.Entities;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A report-shaped HTML document built the way {@code cloudwarden report} writes one: self-contained (inline CSS with
 * {@link PrintCss}, an inline SVG bar chart, no script), a long table of findings with long unbreakable ids, empty
 * values as "—", non-ASCII names, and attacker-controlled strings escaped.
 */
final class SampleReport {
    static final String TITLE = "CloudWarden threat report — März 2026";
    static final String CREATED = "2026-03-31T23:59:59Z";
    static final String HEADER = "Resource id";
    /** Strings an attacker controls (a user agent, a bucket name), escaped into the HTML; the PDF shows them as text. */
    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"'><img src=x onerror=alert(document.cookie)>",
            "</td></tr></table><h1>forged</h1>",
            "&amp; &lt;not an entity&gt;");
    static final String NON_ASCII = "Zoë Ångström ünïcödé naïve façade Ελλάδα Москва “quotes” – € ±";
    /** The chart's bar colour, looked for in the rendered page. */
    static final String BAR_RGB = "#d62728";

    private SampleReport() {
    }

    /** The id of row {@code i}: 72 characters without a break opportunity, unique and no other id's prefix. */
    static String id(int i) {
        return String.format(Locale.ROOT, "arn:aws:iam::123456789012:role/ServiceRoleForIncidentResponseAutomation%05dZ", i);
    }

    static String html(int rows) {
        return html(rows, "");
    }

    /** A report with {@code rows} table rows and {@code extraBody} (raw HTML) at the end of the body. */
    static String html(int rows, String extraBody) {
        StringBuilder h = new StringBuilder(rows * 400 + 4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"dcterms.created\" content=\"").append(CREATED).append("\">")
                .append("<title>").append(esc(TITLE)).append("</title><style>")
                .append(PrintCss.text())
                .append("\nth { background: #eee; text-align: left; } td, th { border: 0.5pt solid #999; padding: 2pt; }")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(TITLE)).append("</h1>");
        h.append("<h2>Summary</h2><p>Incidents by category over the period, for ").append(esc(NON_ASCII)).append(".</p>");
        h.append(chart());
        h.append("<h2>Attacker-controlled values</h2><ul>");
        HOSTILE.forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
        h.append("</ul>");
        h.append("<h2>Findings</h2><table><thead><tr><th style=\"width: 6%\">#</th><th style=\"width: 44%\">")
                .append(HEADER).append("</th><th style=\"width: 14%\">Severity</th><th style=\"width: 36%\">User agent</th>")
                .append("</tr></thead><tbody>");
        for (int i = 0; i < rows; i++) {
            String agent = i % 7 == 0 ? HOSTILE.get(i % HOSTILE.size()) : i % 5 == 0 ? "—" : "aws-cli/2.15.30 Python/3.11.8";
            h.append("<tr><td>").append(i).append("</td><td>").append(esc(id(i))).append("</td><td>")
                    .append(i % 3 == 0 ? "high" : "medium").append("</td><td>").append(esc(agent)).append("</td></tr>");
        }
        h.append("</tbody></table>").append(extraBody).append("</body></html>");
        return h.toString();
    }

    /** A bar chart as the report draws one: inline SVG with axis labels. */
    private static String chart() {
        int[] counts = {42, 17, 29, 8, 35};
        String[] labels = {"Credentials", "Exfiltration", "Crypto-mining", "Ransomware", "Öffentlich"};
        StringBuilder svg = new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"200\""
                + " viewBox=\"0 0 480 200\" role=\"img\" aria-label=\"Incidents by category\">");
        IntStream.range(0, counts.length).forEach(i -> svg
                .append("<rect x=\"").append(20 + i * 90).append("\" y=\"").append(170 - counts[i] * 3)
                .append("\" width=\"60\" height=\"").append(counts[i] * 3).append("\" fill=\"").append(BAR_RGB).append("\"/>")
                .append("<text x=\"").append(50 + i * 90).append("\" y=\"190\" font-size=\"11\" text-anchor=\"middle\">")
                .append(esc(labels[i])).append("</text>"));
        return svg.append("</svg><figcaption>Incidents by category</figcaption></figure>").toString();
    }

    static String esc(String text) {
        return Entities.escape(text);
    }
}
