package dev.cloudwarden.app.intel;

import dev.cloudwarden.app.intel.store.IocStore;
import dev.cloudwarden.app.intel.store.StoreRecords;
import dev.cloudwarden.engine.concurrent.Tasks;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.match.Sightings;
import dev.cloudwarden.engine.intel.starter.StarterIntel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The indicators a scan matches: the store's current ones plus the shipped starter intel, indexed once.
 *
 * @param fromStore    indicators loaded from the store
 * @param fromStarter  indicators of the shipped starter lists
 * @param storeProblem why the store could not be read (the scan goes on with the starter intel), or null
 */
public record LoadedIntel(List<Indicator> indicators, IntelIndex index, int fromStore, int fromStarter, Duration took,
                          String storeProblem) {
    /**
     * Loads intel for matching.
     *
     * @param store         the store file, or null for none
     * @param createIfAbsent open the store even when the file does not exist yet (false: a missing store is empty)
     * @param starter       include the shipped starter intel
     */
    public static LoadedIntel load(Path store, boolean createIfAbsent, boolean starter) {
        long start = System.nanoTime();
        List<Indicator> all = new ArrayList<>();
        int stored = 0;
        String problem = null;
        if (store != null && (createIfAbsent || Files.exists(store))) {
            try (IocStore s = IocStore.open(store)) {
                all.addAll(s.loadCurrent());
                stored = all.size();
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        int starterCount = 0;
        if (starter) {
            List<Indicator> shipped = StarterIntel.indicators();
            all.addAll(shipped);
            starterCount = shipped.size();
        }
        IntelIndex index = IntelIndex.of(all);
        return new LoadedIntel(all, index, stored, starterCount, Duration.ofNanos(System.nanoTime() - start), problem);
    }

    /**
     * Starts {@link #load} on a thread of its own and returns at once: a scan compiles its rules meanwhile, so on two
     * cores the two largest start-up costs overlap instead of adding up.
     */
    public static Supplier<LoadedIntel> loadInBackground(Path store, boolean createIfAbsent, boolean starter) {
        FutureTask<LoadedIntel> task = new FutureTask<>(() -> load(store, createIfAbsent, starter));
        Thread t = new Thread(task, "cloudwarden-intel-load");
        t.setDaemon(true);
        t.start();
        return () -> Tasks.await(task, "loading intel");
    }

    /**
     * The store's sightings rows for a run's sightings. Sightings name indicator ids only; an id that several
     * sources list is sighted for each of them.
     */
    public List<StoreRecords.Sighting> sightingsFor(Sightings sightings) {
        if (sightings.isEmpty()) {
            return List.of();
        }
        Map<String, Sightings.Sighting> byId = new HashMap<>();
        sightings.all().forEach(s -> byId.put(s.indicatorId(), s));
        Map<String, StoreRecords.Sighting> out = new HashMap<>();
        for (Indicator i : indicators) {
            Sightings.Sighting s = byId.get(i.id());
            if (s != null) {
                out.putIfAbsent(i.source() + '\n' + i.id(), new StoreRecords.Sighting(i.source(), i.id(), s.count(),
                        s.firstSeen(), s.lastSeen()));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Adds a run's sightings to the store (creating it if needed). Sightings of starter intel are kept too, under
     * their {@code starter:} source. Returns the rows written.
     */
    public int saveSightings(Path store, Sightings sightings) throws IOException {
        List<StoreRecords.Sighting> rows = sightingsFor(sightings);
        if (rows.isEmpty()) {
            return 0;
        }
        try (IocStore s = IocStore.open(store)) {
            s.addSightings(rows);
        }
        return rows.size();
    }
}
