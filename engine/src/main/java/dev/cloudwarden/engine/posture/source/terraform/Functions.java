package dev.cloudwarden.engine.posture.source.terraform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform's built-in functions that can be computed from the configuration alone, each per Terraform's
 * documentation. A function not listed here ({@code timestamp}, {@code uuid}, {@code bcrypt}, provider functions...)
 * gives an unknown value, never a guess.
 */
final class Functions {
    /** One function. Arguments arrive evaluated; an unknown argument makes the call unknown before it is made. */
    interface Function {
        Object call(List<Object> args, Context ctx);

        default boolean acceptsUnknown() {
            return false;
        }
    }

    /** What a function may need besides its arguments: the budget, the module (for files), the evaluator. */
    record Context(Evaluator evaluator, Scope scope) {
        void charge(long steps) {
            evaluator.budget().charge(steps);
        }
    }

    private final Map<String, Function> byName = new HashMap<>();

    static Functions standard() {
        Functions f = new Functions();
        StringFunctions.register(f);
        CollectionFunctions.register(f);
        EncodingFunctions.register(f);
        NumericFunctions.register(f);
        FileFunctions.register(f);
        NetworkFunctions.register(f);
        return f;
    }

    Function get(String name) {
        return byName.get(name);
    }

    void add(String name, int minArgs, int maxArgs, Function f) {
        byName.put(name, (args, ctx) -> {
            if (args.size() < minArgs || maxArgs >= 0 && args.size() > maxArgs) {
                throw new EvalException(name + "() takes " + (minArgs == maxArgs ? String.valueOf(minArgs)
                        : maxArgs < 0 ? "at least " + minArgs : minArgs + " to " + maxArgs) + " arguments, got "
                        + args.size());
            }
            return f.call(args, ctx);
        });
    }

    void add(String name, int args, Function f) {
        add(name, args, args, f);
    }
}
