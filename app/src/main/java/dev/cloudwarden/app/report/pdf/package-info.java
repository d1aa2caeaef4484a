/**
 * The report as PDF: {@link dev.cloudwarden.app.report.pdf.PdfRenderer} lays the report's self-contained HTML out
 * on A4 pages with embedded fonts and fetches nothing; {@link dev.cloudwarden.app.report.pdf.PrintCss} holds the
 * rules for paper that the HTML embeds.
 */
package dev.cloudwarden.app.report.pdf;
