package dev.cloudwarden.app.server;

import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.hunt.HuntException;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.hunt.HuntService;
import dev.cloudwarden.app.hunt.HuntSources;
import dev.cloudwarden.app.hunt.StoreSnapshot;
import dev.cloudwarden.app.hunt.StoreTables;
import dev.cloudwarden.app.store.Dialect;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.engine.sigma.load.RuleFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Hunts as the running service runs them, for the API and the UI: over the event archive and, with a DuckDB store,
 * a snapshot of the alerts and incidents taken when the hunt starts (the store's file is held by the service); with
 * PostgreSQL the alerts and incidents are not reachable from the hunt's DuckDB and a query naming them says so.
 */
public final class Hunts {
    private final PlatformStore store;
    private final ArchiveLayout events;
    private final Path snapshots;

    Hunts(PlatformStore store, ArchiveLayout events, Path snapshots) {
        this.store = store;
        this.events = events;
        this.snapshots = snapshots;
    }

    /** One read-only SELECT. */
    public HuntResult sql(String query, HuntLimits limits) throws HuntException {
        try (HuntService hunts = service()) {
            return hunts.run(query, limits);
        }
    }

    /** Sigma rules (YAML, one or more documents) over the archived events. */
    public HuntResult sigma(String yaml, HuntLimits limits) throws HuntException {
        try (HuntService hunts = service()) {
            return hunts.runRules(List.of(new RuleFile("hunt", yaml)), limits);
        }
    }

    public HuntResult saved(SavedHunt hunt, HuntLimits limits) throws HuntException {
        try (HuntService hunts = service()) {
            return hunts.run(hunt, limits);
        }
    }

    /**
     * Saves a hunt for {@code actor} once it is checked ({@link HuntService#check}), so a saved hunt fails for its
     * data, never for its text.
     *
     * @throws ApiException 400 naming why the hunt cannot run
     */
    public SavedHunt save(String actor, String name, SavedHunt.Kind kind, String query) {
        try {
            HuntService.check(name, kind, query);
        } catch (HuntException e) {
            throw ApiException.badRequest("the hunt cannot run: " + e.getMessage());
        }
        return store.saveHunt(actor, name, kind, query);
    }

    private HuntService service() throws HuntException {
        try {
            return new HuntService(new HuntSources(events, tables()));
        } catch (IOException e) {
            throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot snapshot the alerts and incidents: "
                    + e.getMessage(), e);
        }
    }

    /** One export at a time (they share the folder); a hunt already running keeps reading the file it opened. */
    private synchronized StoreTables tables() throws IOException {
        if (store.dialect() == Dialect.POSTGRESQL) {
            return new StoreTables.Unavailable("alerts and incidents of a PostgreSQL store are not reachable from a "
                    + "hunt; list them with /api/v1/alerts and /api/v1/incidents", StoreTables.DEFAULT_TABLES);
        }
        return store.withConnection("snapshot the alerts and incidents for a hunt",
                c -> StoreSnapshot.export(c, StoreTables.DEFAULT_TABLES, snapshots));
    }
}
