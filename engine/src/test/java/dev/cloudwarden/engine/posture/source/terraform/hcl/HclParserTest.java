package dev.cloudwarden.engine.posture.source.terraform.hcl;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native syntax, element by element, per HashiCorp's hclsyntax specification. */
class HclParserTest {

    private static HclFile file(String text) {
        return HclParser.parseFile("main.tf", text);
    }

    private static Expr expr(String text) {
        return HclParser.parseExpressionText("x.tf", text, 1);
    }

    /** The expression tree printed with explicit parentheses, to check grouping. */
    private static String shape(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value() instanceof String s ? "\"" + s + "\"" : String.valueOf(l.value());
        } else if (e instanceof Expr.Variable v) {
            return v.name();
        } else if (e instanceof Expr.GetAttr g) {
            return shape(g.object()) + "." + g.name();
        } else if (e instanceof Expr.Index i) {
            return shape(i.collection()) + "[" + shape(i.key()) + "]";
        } else if (e instanceof Expr.Binary b) {
            return "(" + shape(b.left()) + " " + b.op().symbol() + " " + shape(b.right()) + ")";
        } else if (e instanceof Expr.Unary u) {
            return "(" + u.op().symbol() + shape(u.operand()) + ")";
        } else if (e instanceof Expr.Conditional c) {
            return "(" + shape(c.condition()) + " ? " + shape(c.whenTrue()) + " : " + shape(c.whenFalse()) + ")";
        } else if (e instanceof Expr.Parens p) {
            return shape(p.inner());
        } else if (e instanceof Expr.Splat s) {
            return "splat(" + shape(s.source()) + ", " + shape(s.each()) + ")";
        } else if (e instanceof Expr.SplatItem) {
            return "*";
        } else if (e instanceof Expr.Call c) {
            return c.name() + "(" + String.join(", ", c.args().stream().map(HclParserTest::shape).toList())
                    + (c.expandFinal() ? "..." : "") + ")";
        } else if (e instanceof Expr.Tuple t) {
            return "[" + String.join(", ", t.items().stream().map(HclParserTest::shape).toList()) + "]";
        } else if (e instanceof Expr.ObjectCons o) {
            return "{" + String.join(", ", o.items().stream().map(i -> (i.bareKey() != null ? i.bareKey()
                    : shape(i.key())) + "=" + shape(i.value())).toList()) + "}";
        } else if (e instanceof Expr.ForExpr f) {
            return "for(" + f.keyVar() + "," + f.valueVar() + " in " + shape(f.collection()) + ": "
                    + (f.keyExpr() == null ? "" : shape(f.keyExpr()) + " => ") + shape(f.valueExpr())
                    + (f.grouping() ? "..." : "") + (f.condition() == null ? "" : " if " + shape(f.condition())) + ")";
        } else if (e instanceof Expr.Template t) {
            return "template" + t.parts();
        }
        return e.toString();
    }

    @Test
    void attributesAndBlocksWithLabels() {
        HclFile f = file("""
                # a comment
                resource "aws_s3_bucket" "data" {
                  bucket = "my-bucket" // trailing
                  /* block
                     comment */
                  versioning {
                    enabled = true
                  }
                }
                locals { a = 1 }
                answer = 42
                """);
        assertThat(f.problems()).isEmpty();
        Body.Block r = f.body().blocks().get(0);
        assertThat(r.type()).isEqualTo("resource");
        assertThat(r.labels()).containsExactly("aws_s3_bucket", "data");
        assertThat(r.span().line()).isEqualTo(2);
        assertThat(r.span().endLine()).isEqualTo(9);
        assertThat(r.body().attribute("bucket").expr()).isInstanceOf(Expr.Literal.class);
        assertThat(r.body().blocks("versioning")).hasSize(1);
        assertThat(f.body().blocks().get(1).body().attribute("a")).isNotNull();
        assertThat(f.body().attribute("answer")).isNotNull();
        assertThat(f.comments()).extracting(Comment::line).containsExactly(1, 3, 4);
    }

    @Test
    void identifierLabelsAndEmptyBlocks() {
        HclFile f = file("block ident \"str\" {}\nother {\n}\n");
        assertThat(f.problems()).isEmpty();
        assertThat(f.body().blocks().get(0).labels()).containsExactly("ident", "str");
        assertThat(f.body().blocks().get(1).body().items()).isEmpty();
    }

    @Test
    void literals() {
        assertThat(((Expr.Literal) expr("12")).value()).isEqualTo(new BigDecimal("12"));
        assertThat(((Expr.Literal) expr("1.5e3")).value()).isEqualTo(new BigDecimal("1.5e3"));
        assertThat(((Expr.Literal) expr("true")).value()).isEqualTo(true);
        assertThat(((Expr.Literal) expr("null")).value()).isNull();
        assertThat(((Expr.Literal) expr("\"a\\n\\\"b\\u00e9\"")).value()).isEqualTo("a\n\"bé");
        assertThat(((Expr.Literal) expr("\"$${x} %%{y}\"")).value()).isEqualTo("${x} %{y}");
    }

    @Test
    void precedenceFollowsTheSpecification() {
        assertThat(shape(expr("1 + 2 * 3"))).isEqualTo("(1 + (2 * 3))");
        assertThat(shape(expr("1 - 2 - 3"))).isEqualTo("((1 - 2) - 3)");
        assertThat(shape(expr("a || b && c"))).isEqualTo("(a || (b && c))");
        assertThat(shape(expr("a == b && c != d"))).isEqualTo("((a == b) && (c != d))");
        assertThat(shape(expr("1 + 2 > 3 == true"))).isEqualTo("(((1 + 2) > 3) == true)");
        assertThat(shape(expr("-a * b"))).isEqualTo("((-a) * b)");
        assertThat(shape(expr("!a || b"))).isEqualTo("((!a) || b)");
        assertThat(shape(expr("a % 2 / 3"))).isEqualTo("((a % 2) / 3)");
        assertThat(shape(expr("(1 + 2) * 3"))).isEqualTo("((1 + 2) * 3)");
        assertThat(shape(expr("a ? b : c ? d : e"))).isEqualTo("(a ? b : (c ? d : e))");
        assertThat(shape(expr("a > 1 ? x + 1 : y"))).isEqualTo("((a > 1) ? (x + 1) : y)");
    }

    @Test
    void traversalsAndLegacyIndexes() {
        assertThat(shape(expr("aws_s3_bucket.b.arn"))).isEqualTo("aws_s3_bucket.b.arn");
        assertThat(shape(expr("x[0][\"k\"].y"))).isEqualTo("x[0][\"k\"].y");
        assertThat(shape(expr("x.0.y"))).isEqualTo("x[0].y");
        assertThat(shape(expr("x.0.1"))).isEqualTo("x[0][1]");
    }

    @Test
    void splats() {
        assertThat(shape(expr("x[*].id"))).isEqualTo("splat(x, *.id)");
        assertThat(shape(expr("x.*.id"))).isEqualTo("splat(x, *.id)");
        assertThat(shape(expr("x[*].a[0]"))).isEqualTo("splat(x, *.a[0])");
        // An attribute-only splat stops at an index: the index applies to the splat's result.
        assertThat(shape(expr("x.*.a[0]"))).isEqualTo("splat(x, *.a)[0]");
    }

    @Test
    void functionCallsWithExpansion() {
        assertThat(shape(expr("max(1, 2)"))).isEqualTo("max(1, 2)");
        assertThat(shape(expr("max(var.list...)"))).isEqualTo("max(var.list...)");
        assertThat(shape(expr("f(\n  1,\n  2,\n)"))).isEqualTo("f(1, 2)");
        assertThat(shape(expr("provider::aws::arn_parse(x)"))).isEqualTo("provider::aws::arn_parse(x)");
    }

    @Test
    void tuplesAndObjects() {
        assertThat(shape(expr("[1, \"a\", [true]]"))).isEqualTo("[1, \"a\", [true]]");
        assertThat(shape(expr("[\n 1,\n 2\n]"))).isEqualTo("[1, 2]");
        assertThat(shape(expr("{a = 1, \"b\" = 2, (c) = 3, d: 4}"))).isEqualTo("{a=1, \"b\"=2, c=3, d=4}");
        assertThat(shape(expr("{\n  a = 1\n  b = [\n    2,\n  ]\n}"))).isEqualTo("{a=1, b=[2]}");
    }

    @Test
    void forExpressions() {
        assertThat(shape(expr("[for s in var.l : upper(s) if s != \"\"]")))
                .isEqualTo("for(null,s in var.l: upper(s) if (s != \"\"))");
        assertThat(shape(expr("{for k, v in m : v => k...}"))).isEqualTo("for(k,v in m: v => k...)");
        assertThat(shape(expr("{\n  for k, v in m :\n  k => v\n}"))).isEqualTo("for(k,v in m: k => v)");
    }

    @Test
    void templatesWithInterpolationAndDirectives() {
        Expr t = expr("\"a-${var.x}-%{ if c }yes%{ else }no%{ endif }\"");
        assertThat(t).isInstanceOf(Expr.Template.class);
        List<TemplatePart> parts = ((Expr.Template) t).parts();
        assertThat(parts).hasSize(4);
        assertThat(parts.get(3)).isInstanceOf(TemplatePart.If.class);
        Expr loop = expr("\"%{ for i in l ~}${i},%{ endfor ~}\"");
        assertThat(((Expr.Template) loop).parts().get(0)).isInstanceOf(TemplatePart.For.class);
    }

    @Test
    void stripMarkersRemoveWhitespace() {
        Expr t = expr("\"a   ${~ x ~}   b\"");
        List<TemplatePart> parts = ((Expr.Template) t).parts();
        assertThat(parts.get(0)).isEqualTo(new TemplatePart.Text("a"));
        assertThat(parts.get(2)).isEqualTo(new TemplatePart.Text("b"));
    }

    @Test
    void heredocsKeepOrStripIndentation() {
        HclFile f = file("a = <<EOT\n  hello\n    world\nEOT\nb = <<-EOT\n    hello\n      ${x}\n    EOT\nc = 1\n");
        assertThat(f.problems()).isEmpty();
        assertThat(((Expr.Literal) f.body().attribute("a").expr()).value()).isEqualTo("  hello\n    world\n");
        Expr.Template b = (Expr.Template) f.body().attribute("b").expr();
        assertThat(b.parts().get(0)).isEqualTo(new TemplatePart.Text("hello\n  "));
        assertThat(f.body().attribute("c")).isNotNull();
        assertThat(f.body().attribute("c").span().line()).isEqualTo(9);
    }

    @Test
    void errorsHaveLineAndColumnAndTheRestOfTheFileIsKept() {
        HclFile f = file("""
                resource "a" "ok1" {
                  x = 1
                }
                resource "a" "broken" {
                  x = = 2
                }
                resource "a" "ok2" {
                  y = "unterminated
                }
                resource "a" "ok3" {
                }
                """);
        assertThat(f.problems()).hasSize(2);
        assertThat(f.problems().get(0).line()).isEqualTo(5);
        assertThat(f.problems().get(0).column()).isEqualTo(7);
        assertThat(f.problems().get(1).line()).isEqualTo(8);
        assertThat(f.body().blocks()).extracting(b -> b.labels().get(1)).containsExactly("ok1", "ok3");
    }

    @Test
    void missingClosingBraceIsAProblem() {
        HclFile f = file("resource \"a\" \"b\" {\n  x = 1\n");
        assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("missing '}'"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        HclFile f = file(deep);
        assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("nesting"));
    }

    @Test
    void hclOneNestedBlocksInObjectsAreReadAsObjects() {
        assertThat(shape(expr("[{ a = 1\n principals {\n type = \"AWS\"\n }\n }]")))
                .isEqualTo("[{a=1, principals={type=\"AWS\"}}]");
    }

    @Test
    void badExpressionTextThrowsForTheCaller() {
        assertThatThrownBy(() -> expr("1 +")).isInstanceOf(HclSyntaxException.class);
    }
}
