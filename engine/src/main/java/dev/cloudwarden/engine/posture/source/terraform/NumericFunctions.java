package dev.cloudwarden.engine.posture.source.terraform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asInt;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asNumber;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/** Terraform's numeric functions. */
final class NumericFunctions {
    private NumericFunctions() {
    }

    static void register(Functions f) {
        f.add("abs", 1, (a, c) -> asNumber(a.get(0)).abs());
        f.add("ceil", 1, (a, c) -> asNumber(a.get(0)).setScale(0, RoundingMode.CEILING));
        f.add("floor", 1, (a, c) -> asNumber(a.get(0)).setScale(0, RoundingMode.FLOOR));
        f.add("signum", 1, (a, c) -> Values.number(asNumber(a.get(0)).signum()));
        f.add("min", 1, -1, (a, c) -> extreme(a, -1));
        f.add("max", 1, -1, (a, c) -> extreme(a, 1));
        f.add("pow", 2, (a, c) -> {
            BigDecimal base = asNumber(a.get(0));
            BigDecimal exp = asNumber(a.get(1));
            if (Values.isWhole(exp) && exp.abs().compareTo(BigDecimal.valueOf(1000)) <= 0 && exp.signum() >= 0) {
                return base.pow(exp.intValue());
            }
            return new BigDecimal(Math.pow(base.doubleValue(), exp.doubleValue()));
        });
        f.add("parseint", 2, (a, c) -> {
            int base = asInt(a.get(1));
            if (base < 2 || base > 62) {
                throw new EvalException("parseint() base must be 2 to 62");
            }
            if (base > 36) {
                throw new EvalException("parseint() bases above 36 are not supported here");
            }
            try {
                return new BigDecimal(new BigInteger(asString(a.get(0)), base));
            } catch (NumberFormatException e) {
                throw new EvalException("parseint(): not a number in base " + base);
            }
        });
    }

    private static BigDecimal extreme(List<Object> args, int sign) {
        BigDecimal best = null;
        for (Object v : args) {
            BigDecimal n = asNumber(v);
            if (best == null || n.compareTo(best) * sign > 0) {
                best = n;
            }
        }
        return best;
    }
}
