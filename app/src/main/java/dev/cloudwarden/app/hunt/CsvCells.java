package dev.cloudwarden.app.hunt;

import java.util.List;

/**
 * CSV per RFC 4180 that is safe to open in a spreadsheet: a text cell starting with {@code = + - @}, a tab or a
 * carriage return would run as a formula ({@code =cmd|' /C calc'!A0}), so it gets a leading apostrophe (OWASP's
 * advice); numbers keep their sign. Quoting keeps commas, quotes and newlines inside a cell.
 */
final class CsvCells {
    private CsvCells() {
    }

    static String row(List<Object> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.startsWith(" ") || text.endsWith(" ");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
