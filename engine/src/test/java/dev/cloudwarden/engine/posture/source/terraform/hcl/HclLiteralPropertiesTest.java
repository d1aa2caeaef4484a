package dev.cloudwarden.engine.posture.source.terraform.hcl;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Printing a number or a string as HCL and parsing it back gives the same value. */
class HclLiteralPropertiesTest {

    /** A string written as an HCL quoted string: escapes for quotes, backslashes and controls; template markers doubled. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else if ((c == '$' || c == '%') && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                out.append(c).append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Property
    void stringsRoundTrip(@ForAll String s) {
        Expr e = HclParser.parseExpressionText("p.tf", quote(s), 1);
        String value = e instanceof Expr.Literal l ? (String) l.value() : null;
        assertThat(value).isEqualTo(s);
    }

    @Property
    void wholeNumbersRoundTrip(@ForAll @LongRange(min = 0) long n) {
        Expr e = HclParser.parseExpressionText("p.tf", Long.toString(n), 1);
        assertThat(((BigDecimal) ((Expr.Literal) e).value()).longValueExact()).isEqualTo(n);
    }

    @Property
    void decimalsRoundTrip(@ForAll @BigRange(min = "0", max = "1e12") @Scale(6) BigDecimal n) {
        Expr e = HclParser.parseExpressionText("p.tf", n.toPlainString(), 1);
        assertThat(((BigDecimal) ((Expr.Literal) e).value()).compareTo(n)).isZero();
    }

    @Property
    void attributesOfAnyStringParseWithoutProblems(@ForAll String s) {
        HclFile f = HclParser.parseFile("p.tf", "resource \"t\" \"x\" {\n  v = " + quote(s) + "\n}\n");
        assertThat(f.problems()).isEmpty();
        assertThat(f.body().blocks()).hasSize(1);
    }
}
