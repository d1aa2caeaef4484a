package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.sigma.eval.ItemMatcher;
import dev.cloudwarden.engine.sigma.eval.ValuePattern;

import java.util.ArrayList;
import java.util.List;

/** One compiled field item as SQL: its patterns tested on the values at its field (or the keyword targets). */
final class ItemSql {
    private ItemSql() {
    }

    static String of(ItemMatcher item) throws UnsupportedByBackendException {
        if (item.patterns().isEmpty()) {
            return item.all() ? DuckDbSyntax.TRUE : DuckDbSyntax.FALSE;
        }
        List<PatternSql.Test> tests = new ArrayList<>();
        for (ValuePattern p : item.patterns()) {
            tests.add(PatternSql.of(p));
        }
        String values = item.field() == null ? ValueLists.keywordTargets() : ValueLists.values(item.field());
        if (!item.all()) {
            PatternSql.Test any = PatternSql.or(tests);
            // One element test reads the list once; anything else may read it several times: bind it.
            return any instanceof PatternSql.Each ? any.on(values) : bind(values, any);
        }
        if (tests.size() == 1) {
            PatternSql.Test only = tests.get(0);
            return only instanceof PatternSql.Each ? only.on(values) : bind(values, only);
        }
        List<String> each = tests.stream().map(t -> t.on(DuckDbSyntax.BOUND)).toList();
        String all = DuckDbSyntax.GROUP.formatted(String.join(DuckDbSyntax.AND, each));
        return tests.stream().anyMatch(PatternSql.Test::readsValues) ? DuckDbSyntax.BIND.formatted(values, all) : all;
    }

    private static String bind(String values, PatternSql.Test test) {
        // A presence test reads the record itself: no list to bind.
        return test.readsValues() ? DuckDbSyntax.BIND.formatted(values, test.on(DuckDbSyntax.BOUND)) : test.on(values);
    }
}
