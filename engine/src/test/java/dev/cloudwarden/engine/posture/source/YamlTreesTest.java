package dev.cloudwarden.engine.posture.source;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTreesTest {
    private static List<YamlTrees.Document> read(String yaml) {
        return YamlTrees.read(yaml, CustomTags.IGNORE);
    }

    private static SourceTree only(String yaml) {
        List<YamlTrees.Document> docs = read(yaml);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0)).isInstanceOf(YamlTrees.Parsed.class);
        return ((YamlTrees.Parsed) docs.get(0)).tree();
    }

    @Test
    void scalarsFollowTheCoreSchemaAndKeepAccountIdsAsText() {
        Map<?, ?> m = (Map<?, ?>) only("""
                a: 12
                b: 1.5
                c: true
                d: ~
                e: '12'
                f: 012345678901
                g: yes
                h: 0x1F
                i: 2012-10-17
                """).root();
        assertThat(m.get("a")).isEqualTo(12L);
        assertThat(m.get("b")).isEqualTo(1.5);
        assertThat(m.get("c")).isEqualTo(true);
        assertThat(m.containsKey("d")).isTrue();
        assertThat(m.get("d")).isNull();
        assertThat(m.get("e")).isEqualTo("12");
        assertThat(m.get("f")).isEqualTo("012345678901");
        assertThat(m.get("g")).isEqualTo("yes");
        assertThat(m.get("h")).isEqualTo(31L);
        assertThat(m.get("i")).isEqualTo("2012-10-17");
    }

    @Test
    void spansAndKeyLinesAreTheLinesWritten() {
        SourceTree t = only("""
                top:
                  inner:
                    x: 1
                    y: 2

                  list:
                    - a
                    - b
                # trailing comment
                """);
        Map<?, ?> top = (Map<?, ?>) ((Map<?, ?>) t.root()).get("top");
        assertThat(t.spanOf(top)).isEqualTo(new Span(2, 8));
        assertThat(t.spanOf(top.get("inner"))).isEqualTo(new Span(3, 4));
        assertThat(t.spanOf(top.get("list"))).isEqualTo(new Span(7, 8));
        assertThat(t.keyLine(top, "list")).isEqualTo(6);
    }

    @Test
    void aBrokenDocumentIsAProblemOnItsLineAndTheOthersAreKept() {
        List<YamlTrees.Document> docs = read("""
                a: 1
                ---
                b: [unclosed
                c: 2
                ---
                d: 3
                """);
        assertThat(docs).hasSize(3);
        assertThat(docs.get(0)).isInstanceOf(YamlTrees.Parsed.class);
        assertThat(docs.get(1)).isInstanceOf(YamlTrees.Broken.class);
        assertThat(((YamlTrees.Broken) docs.get(1)).line()).isBetween(3, 5);
        YamlTrees.Parsed last = (YamlTrees.Parsed) docs.get(2);
        assertThat(last.tree().root()).isEqualTo(Map.of("d", 3L));
        assertThat(last.tree().span().line()).isEqualTo(6);
    }

    @Test
    void billionLaughsIsRefusedNotExpanded() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                y.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        List<YamlTrees.Document> docs = read(y.toString());
        assertThat(docs).singleElement().isInstanceOf(YamlTrees.Broken.class);
        assertThat(((YamlTrees.Broken) docs.get(0)).reason()).contains("aliases");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        List<YamlTrees.Document> docs = read(deep);
        assertThat(docs).singleElement().isInstanceOf(YamlTrees.Broken.class);
        assertThat(((YamlTrees.Broken) docs.get(0)).reason()).contains("nesting");
    }

    @Test
    void mergeKeysAreHonouredAndOwnKeysWin() {
        Map<?, ?> m = (Map<?, ?>) only("""
                base: &base {a: 1, b: 2}
                child:
                  <<: *base
                  b: 3
                """).root();
        assertThat((Object) m.get("child")).isEqualTo(Map.of("a", 1L, "b", 3L));
    }

    @Test
    void localTagsGoToTheFormat() {
        Object v = ((Map<?, ?>) ((YamlTrees.Parsed) YamlTrees.read("a: !Ref x\n",
                (tag, value, line) -> Map.of(tag, value)).get(0)).tree().root()).get("a");
        assertThat(v).isEqualTo(Map.of("!Ref", "x"));
    }

    @Test
    void helmsEmptyBlockScalarIsTheEmptyString() {
        Map<?, ?> m = (Map<?, ?>) only("""
                env:
                  - name: A
                    value: >


                  - name: B
                    value: b
                """).root();
        assertThat((Object) m.get("env")).isEqualTo(List.of(Map.of("name", "A", "value", ""),
                Map.of("name", "B", "value", "b")));
    }

    @Test
    void jsonHasLinesToo() throws TreeException {
        SourceTree t = JsonTrees.read("""
                {
                  "a": {
                    "b": [1, 2]
                  },
                  "c": 12345678901234567890
                }
                """);
        Map<?, ?> root = (Map<?, ?>) t.root();
        assertThat(t.spanOf(root.get("a"))).isEqualTo(new Span(2, 4));
        assertThat(t.keyLine(root, "c")).isEqualTo(5);
    }

    @Test
    void badJsonNamesItsLine() {
        try {
            JsonTrees.read("{\n  \"a\": 1,\n  \"b\": ]\n}");
            throw new AssertionError("expected a problem");
        } catch (TreeException e) {
            assertThat(e.line()).isEqualTo(3);
        }
    }
}
