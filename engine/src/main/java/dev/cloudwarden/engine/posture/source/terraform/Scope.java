package dev.cloudwarden.engine.posture.source.terraform;

/**
 * The names bound where an expression is evaluated, innermost first: {@code for} variables, a dynamic block's
 * iterator, {@code count} and {@code each}, the current splat element. Everything else ({@code var}, {@code local},
 * resources) is resolved by the {@link ModuleInstance} at the bottom.
 */
final class Scope {
    /** The name the current splat element is bound to; not an identifier, so no expression can name it. */
    static final String SPLAT_ITEM = "*";

    private final Scope parent;
    private final ModuleInstance module;
    private final String name;
    private final Object value;

    private Scope(Scope parent, ModuleInstance module, String name, Object value) {
        this.parent = parent;
        this.module = module;
        this.name = name;
        this.value = value;
    }

    static Scope of(ModuleInstance module) {
        return new Scope(null, module, null, null);
    }

    Scope bind(String boundName, Object boundValue) {
        return new Scope(this, module, boundName, boundValue);
    }

    ModuleInstance module() {
        return module;
    }

    boolean isBound(String n) {
        for (Scope s = this; s != null; s = s.parent) {
            if (n.equals(s.name)) {
                return true;
            }
        }
        return false;
    }

    Object lookup(String n) {
        for (Scope s = this; s != null; s = s.parent) {
            if (n.equals(s.name)) {
                return s.value;
            }
        }
        throw new EvalException("'" + n + "' is not bound here");
    }
}
