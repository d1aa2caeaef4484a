package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.source.terraform.hcl.Body;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Expr;
import dev.cloudwarden.engine.posture.source.terraform.hcl.TemplatePart;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resources, data sources and modules an expression or a body mentions, read from the syntax alone (so a
 * reference counts even when its value is unknown or the expression fails): {@code aws_s3_bucket.logs},
 * {@code data.aws_iam_policy_document.p}, {@code module.vpc}. Names bound by {@code for}, dynamic blocks and
 * splats are not references.
 */
final class References {
    private static final Set<String> NOT_RESOURCES = Set.of("var", "local", "count", "each", "path", "terraform",
            "self");

    private References() {
    }

    static List<String> of(Expr e, Scope scope) {
        Set<String> out = new LinkedHashSet<>();
        new Walker(scope, out, new LinkedHashSet<>()).expr(e, Set.of());
        return List.copyOf(out);
    }

    static List<String> of(Body body) {
        Set<String> out = new LinkedHashSet<>();
        new Walker(null, out, new LinkedHashSet<>()).body(body, Set.of());
        return List.copyOf(out);
    }

    /**
     * What an expression or body mentions: resource addresses, and the {@code local.NAME} and {@code var.NAME}
     * names (as {@code local.NAME}, {@code var.NAME}) through which it may reach further resources.
     */
    record Mentions(List<String> addresses, List<String> values) {
    }

    static Mentions mentions(Body body) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>();
        new Walker(null, out, values).body(body, Set.of());
        return new Mentions(List.copyOf(out), List.copyOf(values));
    }

    static Mentions mentions(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>();
        new Walker(null, out, values).expr(e, Set.of());
        return new Mentions(List.copyOf(out), List.copyOf(values));
    }

    private record Walker(Scope scope, Set<String> out, Set<String> values) {
        private boolean bound(String name, Set<String> local) {
            return local.contains(name) || scope != null && scope.isBound(name);
        }

        private static Set<String> with(Set<String> local, String... names) {
            Set<String> s = new HashSet<>(local);
            for (String n : names) {
                if (n != null) {
                    s.add(n);
                }
            }
            return s;
        }

        void body(Body body, Set<String> local) {
            for (Body.Item item : body.items()) {
                if (item instanceof Body.Attribute a) {
                    expr(a.expr(), local);
                } else if (item instanceof Body.Block b) {
                    if (b.type().equals("dynamic") && b.labels().size() == 1) {
                        String iterator = b.labels().get(0);
                        Body.Attribute it = b.body().attribute("iterator");
                        if (it != null && it.expr() instanceof Expr.Variable v) {
                            iterator = v.name();
                        }
                        Body.Attribute forEach = b.body().attribute("for_each");
                        if (forEach != null) {
                            expr(forEach.expr(), local);
                        }
                        Set<String> inner = with(local, iterator);
                        for (Body.Item i : b.body().items()) {
                            if (i instanceof Body.Block content) {
                                body(content.body(), inner);
                            } else if (i instanceof Body.Attribute a && !a.name().equals("for_each")
                                    && !a.name().equals("iterator")) {
                                expr(a.expr(), inner);
                            }
                        }
                    } else {
                        body(b.body(), local);
                    }
                }
            }
        }

        void expr(Expr e, Set<String> local) {
            if (e instanceof Expr.Variable || e instanceof Expr.GetAttr || e instanceof Expr.Index) {
                traversal(e, local);
            } else if (e instanceof Expr.Parens p) {
                expr(p.inner(), local);
            } else if (e instanceof Expr.Template t) {
                parts(t.parts(), local);
            } else if (e instanceof Expr.Splat s) {
                expr(s.source(), local);
                expr(s.each(), local);
            } else if (e instanceof Expr.Call c) {
                c.args().forEach(a -> expr(a, local));
            } else if (e instanceof Expr.Tuple t) {
                t.items().forEach(a -> expr(a, local));
            } else if (e instanceof Expr.ObjectCons o) {
                for (Expr.ObjectItem i : o.items()) {
                    if (i.bareKey() == null) {
                        expr(i.key(), local);
                    }
                    expr(i.value(), local);
                }
            } else if (e instanceof Expr.ForExpr f) {
                expr(f.collection(), local);
                Set<String> inner = with(local, f.keyVar(), f.valueVar());
                if (f.keyExpr() != null) {
                    expr(f.keyExpr(), inner);
                }
                expr(f.valueExpr(), inner);
                if (f.condition() != null) {
                    expr(f.condition(), inner);
                }
            } else if (e instanceof Expr.Conditional c) {
                expr(c.condition(), local);
                expr(c.whenTrue(), local);
                expr(c.whenFalse(), local);
            } else if (e instanceof Expr.Binary b) {
                expr(b.left(), local);
                expr(b.right(), local);
            } else if (e instanceof Expr.Unary u) {
                expr(u.operand(), local);
            }
        }

        private void parts(List<TemplatePart> parts, Set<String> local) {
            for (TemplatePart p : parts) {
                if (p instanceof TemplatePart.Interpolation i) {
                    expr(i.expr(), local);
                } else if (p instanceof TemplatePart.If f) {
                    expr(f.condition(), local);
                    parts(f.whenTrue(), local);
                    parts(f.whenFalse(), local);
                } else if (p instanceof TemplatePart.For f) {
                    expr(f.collection(), local);
                    parts(f.body(), with(local, f.keyVar(), f.valueVar()));
                }
            }
        }

        private void traversal(Expr e, Set<String> local) {
            List<Expr> steps = new ArrayList<>();
            Expr root = e;
            while (root instanceof Expr.GetAttr || root instanceof Expr.Index) {
                steps.add(0, root);
                root = root instanceof Expr.GetAttr g ? g.object() : ((Expr.Index) root).collection();
            }
            for (Expr s : steps) {
                if (s instanceof Expr.Index i) {
                    expr(i.key(), local);
                }
            }
            if (!(root instanceof Expr.Variable v)) {
                expr(root, local);
                return;
            }
            if (bound(v.name(), local)) {
                return;
            }
            String address = address(v.name(), steps);
            if (address != null) {
                out.add(address);
            } else if ((v.name().equals("local") || v.name().equals("var")) && !steps.isEmpty()
                    && steps.get(0) instanceof Expr.GetAttr g) {
                values.add(v.name() + "." + g.name());
            }
        }
    }

    /** The address a traversal names, or null for variables, locals and other non-resources. */
    static String address(String root, List<Expr> steps) {
        if (NOT_RESOURCES.contains(root)) {
            return null;
        }
        String first = steps.size() > 0 && steps.get(0) instanceof Expr.GetAttr g ? g.name() : null;
        if (first == null) {
            return null;
        }
        if (root.equals("module")) {
            return "module." + first;
        }
        if (root.equals("data")) {
            String second = steps.size() > 1 && steps.get(1) instanceof Expr.GetAttr g ? g.name() : null;
            return second == null ? null : "data." + first + "." + second;
        }
        return root + "." + first;
    }
}
