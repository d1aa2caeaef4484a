package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.engine.incident.CatalogRow;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped playbooks load without a problem and answer every catalog row. */
class BuiltInPlaybooksTest {
    @Test
    void everyBuiltInPlaybookIsValid() {
        Playbooks.Loaded loaded = Playbooks.builtIn(ResponseActions.builtIn());
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.playbooks()).extracting(Playbook::id).doesNotHaveDuplicates();
    }

    @Test
    void everyCatalogRowHasAPlaybookThatContainsIt() {
        Set<String> answered = new TreeSet<>();
        Playbooks.builtIn(ResponseActions.builtIn()).playbooks().forEach(p -> answered.addAll(p.trigger().categories()));
        List<String> rows = Arrays.stream(CatalogRow.values()).map(CatalogRow::name).toList();
        assertThat(answered).containsAll(rows);
    }
}
