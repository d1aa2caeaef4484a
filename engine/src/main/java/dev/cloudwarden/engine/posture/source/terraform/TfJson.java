package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Body;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Comment;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Expr;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclFile;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclParser;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclSyntaxException;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Source;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Span;
import dev.cloudwarden.engine.posture.source.terraform.hcl.SyntaxProblem;

import dev.cloudwarden.engine.posture.source.terraform.JsonTree.Node;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform's JSON configuration syntax ({@code .tf.json}) turned into the same syntax tree as native files, so one
 * evaluator serves both. Strings are templates ({@code "${var.x}"}); {@code "//"} properties are comments (inline
 * skips may be written there). Without provider schemas a JSON object cannot be told from a nested block, so nested
 * objects are read as object values (a map where HCL would give a one-element list of maps).
 */
final class TfJson {
    private TfJson() {
    }

    /** A {@code .tfvars.json} file: one JSON object whose properties are variable values, taken literally. */
    static HclFile parseVariables(String fileName, String text) {
        Source source = Source.of(fileName, text);
        List<SyntaxProblem> problems = new ArrayList<>();
        List<Body.Item> items = new ArrayList<>();
        try {
            Node root = JsonTree.parse(text);
            if (root == null || !(root.value() instanceof Map<?, ?>)) {
                problems.add(new SyntaxProblem(1, 1, "a .tfvars.json file must hold one JSON object"));
            } else {
                Converter c = new Converter(source, new ArrayList<>(), problems);
                root.object().forEach((k, v) -> items.add(new Body.Attribute(c.span(v), k, c.literal(v))));
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new SyntaxProblem(l == null ? 1 : Math.max(1, l.getLineNr()),
                    l == null ? 1 : Math.max(1, l.getColumnNr()), "invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(new SyntaxProblem(1, 1, "invalid JSON: " + e.getMessage()));
        }
        return new HclFile(source, new Body(items), List.of(), List.copyOf(problems));
    }

    static HclFile parse(String fileName, String text) {
        Source source = Source.of(fileName, text);
        List<Comment> comments = new ArrayList<>();
        List<SyntaxProblem> problems = new ArrayList<>();
        List<Body.Item> items = new ArrayList<>();
        try {
            Node root = JsonTree.parse(text);
            if (root == null || !(root.value() instanceof Map<?, ?>)) {
                problems.add(new SyntaxProblem(1, 1, "a .tf.json file must hold one JSON object"));
            } else {
                new Converter(source, comments, problems).topLevel(root.object(), items);
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new SyntaxProblem(l == null ? 1 : Math.max(1, l.getLineNr()),
                    l == null ? 1 : Math.max(1, l.getColumnNr()), "invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(new SyntaxProblem(1, 1, "invalid JSON: " + e.getMessage()));
        }
        return new HclFile(source, new Body(items), List.copyOf(comments), List.copyOf(problems));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Node> cast(Map<?, ?> m) {
        return (Map<String, Node>) m;
    }

    private record Converter(Source source, List<Comment> comments, List<SyntaxProblem> problems) {
        Span span(Node n) {
            return new Span(source, 0, 0, n.line(), n.endLine());
        }

        void topLevel(Map<String, Node> top, List<Body.Item> items) {
            for (Map.Entry<String, Node> e : top.entrySet()) {
                switch (e.getKey()) {
                    case "resource", "data" -> labelled(e.getKey(), e.getValue(), 2, new ArrayList<>(), items);
                    case "provider", "module", "variable", "output" ->
                            labelled(e.getKey(), e.getValue(), 1, new ArrayList<>(), items);
                    case "locals" -> {
                        for (Node body : bodies(e.getValue())) {
                            items.add(new Body.Block(span(body), "locals", List.of(), body(body, false)));
                        }
                    }
                    case "//" -> comment(e.getValue());
                    default -> {
                        // terraform, moved, import...: nothing a check reads
                    }
                }
            }
        }

        private void comment(Node n) {
            if (n.value() instanceof String s) {
                comments.add(new Comment(n.line(), s));
            }
            for (Node c : n.array()) {
                comment(c);
            }
        }

        /** {@code {"TYPE": {"NAME": {...}}}}: one level of object per label, then the body (or a list of bodies). */
        private void labelled(String type, Node n, int labelCount, List<String> labels, List<Body.Item> items) {
            if (labels.size() == labelCount) {
                for (Node body : bodies(n)) {
                    items.add(new Body.Block(span(body), type, List.copyOf(labels), body(body,
                            type.equals("variable"))));
                }
                return;
            }
            if (!(n.value() instanceof Map<?, ?> m)) {
                problems.add(new SyntaxProblem(n.line(), 1, "expected an object of " + type + " labels"));
                return;
            }
            for (Map.Entry<String, Node> e : cast(m).entrySet()) {
                if (e.getKey().equals("//")) {
                    continue;
                }
                List<String> more = new ArrayList<>(labels);
                more.add(e.getKey());
                labelled(type, e.getValue(), labelCount, more, items);
            }
        }

        private List<Node> bodies(Node n) {
            if (n.value() instanceof List<?> l) {
                List<Node> out = new ArrayList<>();
                for (Object o : l) {
                    if (((Node) o).value() instanceof Map) {
                        out.add((Node) o);
                    }
                }
                return out;
            }
            return n.value() instanceof Map ? List.of(n) : List.of();
        }

        private Body body(Node n, boolean variable) {
            List<Body.Item> items = new ArrayList<>();
            for (Map.Entry<String, Node> e : cast((Map<?, ?>) n.value()).entrySet()) {
                if (e.getKey().equals("//")) {
                    comment(e.getValue());
                    continue;
                }
                Node v = e.getValue();
                Expr expr;
                if (variable && e.getKey().equals("type") && v.value() instanceof String s) {
                    expr = typeExpression(s, v);
                } else if (variable && e.getKey().equals("default")) {
                    expr = literal(v);
                } else {
                    expr = expression(v);
                }
                items.add(new Body.Attribute(span(v), e.getKey(), expr));
            }
            return new Body(items);
        }

        private Expr typeExpression(String s, Node v) {
            try {
                return HclParser.parseExpressionText(source.fileName(), s, v.line());
            } catch (HclSyntaxException x) {
                return new Expr.Literal(span(v), s);
            }
        }

        /** A JSON value as an expression: strings are templates. */
        private Expr expression(Node n) {
            Object v = n.value();
            if (v instanceof String s) {
                if (!s.contains("${") && !s.contains("%{")) {
                    return new Expr.Literal(new Span(new Source(source.fileName(), s, n.line()), 0, s.length(),
                            n.line(), n.line()), s);
                }
                HclParser.ParsedTemplate t = HclParser.parseTemplate(source.fileName(), s, n.line());
                if (t.expr() == null) {
                    SyntaxProblem p = t.problems().get(0);
                    problems.add(new SyntaxProblem(n.line(), 1, p.reason()));
                    return new Expr.Literal(span(n), s);
                }
                return t.expr();
            }
            if (v instanceof List<?> l) {
                List<Expr> items = new ArrayList<>();
                l.forEach(o -> items.add(expression((Node) o)));
                return new Expr.Tuple(span(n), items);
            }
            if (v instanceof Map<?, ?> m) {
                List<Expr.ObjectItem> items = new ArrayList<>();
                for (Map.Entry<String, Node> e : cast(m).entrySet()) {
                    if (!e.getKey().equals("//")) {
                        items.add(new Expr.ObjectItem(new Expr.Literal(span(e.getValue()), e.getKey()),
                                expression(e.getValue()), e.getKey()));
                    }
                }
                return new Expr.ObjectCons(span(n), items);
            }
            return new Expr.Literal(span(n), v);
        }

        /** A value taken literally: a variable's default is not a template. */
        Expr literal(Node n) {
            Object v = n.value();
            if (v instanceof List<?> l) {
                List<Expr> items = new ArrayList<>();
                l.forEach(o -> items.add(literal((Node) o)));
                return new Expr.Tuple(span(n), items);
            }
            if (v instanceof Map<?, ?> m) {
                List<Expr.ObjectItem> items = new ArrayList<>();
                for (Map.Entry<String, Node> e : cast(m).entrySet()) {
                    items.add(new Expr.ObjectItem(new Expr.Literal(span(e.getValue()), e.getKey()),
                            literal(e.getValue()), e.getKey()));
                }
                return new Expr.ObjectCons(span(n), items);
            }
            return new Expr.Literal(span(n), v instanceof BigDecimal || v == null || v instanceof Boolean
                    || v instanceof String ? v : String.valueOf(v));
        }
    }
}
