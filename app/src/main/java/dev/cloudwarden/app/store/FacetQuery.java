package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's facet counts in one statement: the first {@value Facets#FIRST} matching rows in the list's order are read
 * once (a common table expression named as the list's alias), and every field is counted over them; then whether
 * more rows matched. Two passes over the filter, whatever the number of fields (one query per field read the
 * filtered rows once each: 400 ms for one principal's incidents among 100,000).
 */
final class FacetQuery {
    /** A field counted: its name, a table joined for it (or ""), and the expression counted. */
    record Field(String name, String join, String expression) {
    }

    private FacetQuery() {
    }

    static Facets count(Connection c, Filter filter, ListOrder order, String alias, String columns, List<Field> fields,
                        int first, int valuesPerField) throws SQLException {
        StringBuilder sql = new StringBuilder("WITH ").append(alias).append(" AS (")
                .append(filter.first(columns, order, first)).append(")");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sql.append(i == 0 ? " " : " UNION ALL ").append("SELECT ").append(i).append(" AS field, CAST(")
                    .append(f.expression()).append(" AS VARCHAR) AS v, count(*) AS n FROM ").append(alias)
                    .append(f.join()).append(" GROUP BY ").append(f.expression());
        }
        List<List<Map.Entry<String, Long>>> counted = new ArrayList<>();
        fields.forEach(f -> counted.add(new ArrayList<>()));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Sql.bind(ps, filter.params());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    counted.get(r.getInt(1)).add(Map.entry(r.getString(2), r.getLong(3)));
                }
            }
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Map<String, Long> values = new LinkedHashMap<>();
            counted.get(i).stream().sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
                    .thenComparing(Map.Entry::getKey)).limit(valuesPerField)
                    .forEach(e -> values.put(e.getKey(), e.getValue()));
            out.put(fields.get(i).name(), values);
        }
        return new Facets(out, filter.moreThan(c, first));
    }
}
