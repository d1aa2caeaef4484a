package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArmEvaluatorTest {
    private final ArmEvaluator evaluator = new ArmEvaluator(
            Map.of("name", Map.of("type", "string", "defaultValue", "Web"),
                    "count", Map.of("type", "int", "defaultValue", 3L),
                    "tags", Map.of("type", "object", "defaultValue", Map.of("env", "prod", "Owner", "ops")),
                    "location", Map.of("type", "string", "defaultValue", "[resourceGroup().location]"),
                    "noDefault", Map.of("type", "string"),
                    "selfish", Map.of("type", "string", "defaultValue", "[parameters('selfish')]")),
            Map.of("prefix", "[toLower(parameters('name'))]",
                    "full", "[concat(variables('prefix'), '-app')]",
                    "list", List.of("a", "b"),
                    "loopA", "[variables('loopB')]",
                    "loopB", "[variables('loopA')]"));

    private Object eval(String s) {
        return evaluator.string(s);
    }

    @Test
    void literalsAndEscapedBrackets() {
        assertThat(eval("plain")).isEqualTo("plain");
        assertThat(eval("[[not an expression]")).isEqualTo("[not an expression]");
        assertThat(eval("['it''s']")).isEqualTo("it's");
        assertThat(eval("[42]")).isEqualTo(42L);
    }

    @Test
    void parametersAndVariables() {
        assertThat(eval("[parameters('name')]")).isEqualTo("Web");
        assertThat(eval("[parameters('NAME')]")).isEqualTo("Web");
        assertThat(eval("[parameters('count')]")).isEqualTo(3L);
        assertThat(eval("[parameters('tags').env]")).isEqualTo("prod");
        assertThat(eval("[parameters('tags').owner]")).isEqualTo("ops");
        assertThat(eval("[parameters('tags')['env']]")).isEqualTo("prod");
        assertThat(eval("[variables('full')]")).isEqualTo("web-app");
        assertThat(eval("[variables('list')[1]]")).isEqualTo("b");
        assertThat(eval("[parameters('noDefault')]")).isEqualTo(Unknown.of("[parameters('noDefault')]"));
        assertThat(eval("[parameters('location')]")).isInstanceOf(Unknown.class);
        assertThat(eval("[parameters('selfish')]")).isInstanceOf(Unknown.class);
        assertThat(eval("[variables('loopA')]")).isInstanceOf(Unknown.class);
        assertThat(eval("[variables('missing')]")).isInstanceOf(Unknown.class);
    }

    @Test
    void stringFunctions() {
        assertThat(eval("[concat('a', parameters('name'), 1)]")).isEqualTo("aWeb1");
        assertThat(eval("[concat(createArray(1), createArray(2, 3))]")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(eval("[format('{0}-{1}-{{x}}', 'a', parameters('count'))]")).isEqualTo("a-3-{x}");
        assertThat(eval("[format('{0:D2}', 1)]")).isInstanceOf(Unknown.class);
        assertThat(eval("[toUpper('ab')]")).isEqualTo("AB");
        assertThat(eval("[trim('  a ')]")).isEqualTo("a");
        assertThat(eval("[replace('a-b-c', '-', '.')]")).isEqualTo("a.b.c");
        assertThat(eval("[substring('hello', 1, 3)]")).isEqualTo("ell");
        assertThat(eval("[substring('hello', 4, 3)]")).isInstanceOf(Unknown.class);
        assertThat(eval("[split('a,b;c', createArray(',', ';'))]")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("[startsWith('Hello', 'he')]")).isEqualTo(true);
        assertThat(eval("[string(true())]")).isEqualTo("True");
        assertThat(eval("[length('abc')]")).isEqualTo(3L);
    }

    @Test
    void logicAndCollections() {
        assertThat(eval("[if(equals(parameters('name'), 'Web'), 'yes', resourceGroup().location)]")).isEqualTo("yes");
        assertThat(eval("[if(equals(parameters('noDefault'), 'x'), 'a', 'b')]")).isInstanceOf(Unknown.class);
        assertThat(eval("[and(true(), not(false()))]")).isEqualTo(true);
        assertThat(eval("[or(false(), false())]")).isEqualTo(false);
        assertThat(eval("[empty(createArray())]")).isEqualTo(true);
        assertThat(eval("[contains(parameters('tags'), 'ENV')]")).isEqualTo(true);
        assertThat(eval("[first(variables('list'))]")).isEqualTo("a");
        assertThat(eval("[createObject('a', 1)]")).isEqualTo(Map.of("a", 1L));
        assertThat(eval("[add(parameters('count'), 2)]")).isEqualTo(5L);
        assertThat(eval("[div(1, 0)]")).isInstanceOf(Unknown.class);
        assertThat(eval("[coalesce(null(), 'x')]")).isEqualTo("x");
    }

    @Test
    void theDeploymentsOwnValuesAreUnknown() {
        for (String e : List.of("[resourceGroup().location]", "[subscription().subscriptionId]",
                "[uniqueString(resourceGroup().id)]", "[copyIndex()]", "[utcNow()]", "[guid('a')]",
                "[listKeys('x', '2020-01-01').keys[0].value]", "[concat('a', resourceGroup().name)]",
                "[myNamespace.myFunction('a')]")) {
            assertThat(eval(e)).as(e).isInstanceOf(Unknown.class);
            assertThat(((Unknown) eval(e)).expression()).isEqualTo(e);
        }
    }

    @Test
    void malformedExpressionsAreUnknownNotErrors() {
        // Text that does not end with ']' is a literal, as ARM reads it.
        assertThat(eval("[concat('a'")).isEqualTo("[concat('a'");
        for (String e : List.of("[concat('a']", "[)]", "[parameters('x']", "['unterminated]", "[1 2]",
                "[" + "f(".repeat(500) + "]")) {
            assertThat(eval(e)).as(e).isInstanceOf(Unknown.class);
        }
    }

    @Test
    void valuesAreEvaluatedDeeply() {
        Object v = evaluator.value(Map.of("a", List.of("[parameters('name')]", 1L), "b", Map.of("c", "[[x]")),
                new java.util.LinkedHashSet<>());
        assertThat(v).isEqualTo(Map.of("a", List.of("Web", 1L), "b", Map.of("c", "[x]")));
    }
}
