package dev.cloudwarden.simulate.write;

import java.util.List;

/** What a scenario simulates: its id, the catalog id of THREATS.md and the ATT&CK techniques it shows. */
public record ScenarioInfo(String id, String catalogId, String title, List<String> techniques) {
    public ScenarioInfo {
        techniques = List.copyOf(techniques);
    }
}
