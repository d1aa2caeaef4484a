package dev.cloudwarden.app.attack;

import dev.cloudwarden.engine.incident.Tactic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ATT&CK's names and tactics of the techniques CloudWarden knows ({@code /web/attack-techniques.tsv}, from MITRE's
 * data as Prowler ships it): what the UI's matrix and the report's heat map lay techniques out by.
 */
public final class AttackTechniques {
    private record Known(String name, Set<Tactic> tactics) {
    }

    private static final AttackTechniques BUILT_IN = new AttackTechniques(load());

    private final Map<String, Known> known;

    private AttackTechniques(Map<String, Known> known) {
        this.known = known;
    }

    public static AttackTechniques builtIn() {
        return BUILT_IN;
    }

    /**
     * The technique's name; for a sub-technique not in the table, its parent's name with the sub-technique's number
     * ({@code Valid Accounts (.004)}: the table, from Prowler's mappings, names techniques only); empty when unknown.
     */
    public String name(String technique) {
        Known k = known.get(technique);
        if (k != null) {
            return k.name();
        }
        int dot = technique.indexOf('.');
        Known parent = dot > 0 ? known.get(technique.substring(0, dot)) : null;
        return parent != null ? parent.name() + " (" + technique.substring(dot) + ")" : "";
    }

    /** The technique's tactics (its parent's for an unlisted sub-technique); empty when unknown. */
    public Set<Tactic> tactics(String technique) {
        String parent = technique.contains(".") ? technique.substring(0, technique.indexOf('.')) : technique;
        Known k = known.getOrDefault(technique, known.get(parent));
        return k == null ? Set.of() : k.tactics();
    }

    private static Map<String, Known> load() {
        Map<String, Known> out = new HashMap<>();
        try (InputStream in = AttackTechniques.class.getResourceAsStream("/web/attack-techniques.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /web/attack-techniques.tsv (the build is incomplete)");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                Set<Tactic> tactics = EnumSet.noneOf(Tactic.class);
                for (String name : f[2].split(",")) {
                    Tactic.ofTag("attack." + name.trim().replace(' ', '_')).ifPresent(tactics::add);
                }
                out.put(f[0], new Known(f[1], Set.copyOf(tactics)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
