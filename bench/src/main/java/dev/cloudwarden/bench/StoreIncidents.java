package dev.cloudwarden.bench;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.TimeBasis;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.IncidentSink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Incidents over the alerts of the store bench ({@link StoreBench.Fill}), written through the store's incident sink
 * (the path a detection run takes): each incident is a run of one principal's consecutive alerts, of a size drawn
 * log-uniformly from 2 to 200 (most incidents are small, a few are large), as the engine groups one actor's alerts.
 * The same runs are taken in every copy of a replicated fill, with the copy's alert ids and times, so every incident
 * names alerts the store holds. Seeded: the same fill gives the same incidents.
 */
final class StoreIncidents {
    private static final int MIN_SIZE = 2;
    private static final int MAX_SIZE = 200;
    private static final EntityExtractor ENTITIES = EntityExtractor.defaults();

    private StoreIncidents() {
    }

    /** Makes the store hold exactly {@code n} such incidents: reused when it does, else rewritten. */
    static void ensure(PlatformStore store, StoreBench.Fill fill, long n) throws Exception {
        long stored = store.withConnection("count", c -> StoreBench.single(c,
                "SELECT count(*) FROM incidents"));
        if (stored == n) {
            System.out.printf(Locale.ROOT, "%s: reusing its %,d incidents%n", store.display(), stored);
            return;
        }
        if (n % fill.copies() != 0) {
            throw new IllegalArgumentException("--incidents must be a multiple of the fill's copies (" + fill.copies() + ")");
        }
        store.withConnection("wipe incidents", c -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("incidents", "incident_alerts", "incident_entities", "incident_techniques")) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
        List<List<Alert>> runs = runs(fill, Math.toIntExact(n / fill.copies()));
        long t0 = System.nanoTime();
        IncidentSink sink = store.incidentSink();
        long written = 0;
        long links = 0;
        for (int k = 0; k < fill.copies(); k++) {
            for (List<Alert> run : runs) {
                List<Alert> copy = new ArrayList<>(run.size());
                for (Alert a : run) {
                    copy.add(copyOf(a, k, fill.shift()));
                }
                TreeSet<Entity> entities = new TreeSet<>();
                copy.forEach(a -> entities.addAll(ENTITIES.entities(a)));
                sink.accept(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(copy, entities)));
                written++;
                links += copy.size();
            }
            if ((k + 1) % 10 == 0 || k + 1 == fill.copies()) {
                System.out.printf(Locale.ROOT, "  %,d incidents written (%.0f s)%n", written, (System.nanoTime() - t0) / 1e9);
            }
        }
        sink.flush();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d incidents of %,d alerts (mean %.1f) through the sink in %.0f s: "
                + "%,.0f incidents/s%n", store.display(), written, links, (double) links / written, s, written / s);
    }

    /** {@code perCopy} runs of one principal's consecutive alerts among the fill's generated alerts, in time order. */
    private static List<List<Alert>> runs(StoreBench.Fill fill, int perCopy) {
        Random random = new Random(13);
        Map<String, List<Alert>> open = new LinkedHashMap<>();
        Map<String, Integer> target = new LinkedHashMap<>();
        List<List<Alert>> runs = new ArrayList<>();
        Iterator<Alert> alerts = fill.generated().alerts(fill.generate(), 1, fill.span());
        while (alerts.hasNext()) {
            Alert a = alerts.next();
            String principal = a.event().actor().principal();
            List<Alert> run = open.computeIfAbsent(principal, p -> new ArrayList<>());
            int size = target.computeIfAbsent(principal, p -> size(random));
            run.add(a);
            if (run.size() == size) {
                runs.add(run);
                open.remove(principal);
                target.remove(principal);
            }
        }
        if (runs.size() < perCopy) {
            throw new IllegalStateException("the fill's " + fill.generate() + " generated alerts make only " + runs.size()
                    + " incidents, fewer than the " + perCopy + " asked for each copy");
        }
        Collections.shuffle(runs, random);
        List<List<Alert>> chosen = new ArrayList<>(runs.subList(0, perCopy));
        chosen.sort(Comparator.comparing(r -> r.get(0).time()));
        return chosen;
    }

    /** Log-uniform from {@value #MIN_SIZE} to {@value #MAX_SIZE}. */
    private static int size(Random random) {
        return (int) Math.round(MIN_SIZE * Math.pow((double) MAX_SIZE / MIN_SIZE, random.nextDouble()));
    }

    /** Alert {@code a} as copy {@code k} of a replicated fill has it: its id and time as the store's copy has them. */
    private static Alert copyOf(Alert a, int k, Duration shift) {
        if (k == 0) {
            return a;
        }
        Duration by = shift.multipliedBy(k);
        return new Alert(md5(a.id() + ":" + k), a.ruleId(), a.ruleTitle(), a.level(), a.time().plus(by), a.tags(),
                List.of(a.event().withTime(a.event().time().plus(by), TimeBasis.RECORD)));
    }

    /** What PostgreSQL's and DuckDB's {@code md5()} return: the lower-case hex digest of the UTF-8 bytes. */
    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
