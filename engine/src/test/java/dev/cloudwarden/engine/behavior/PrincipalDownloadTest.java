package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.cloudwarden.engine.behavior.Events.getObject;
import static dev.cloudwarden.engine.behavior.Events.minutes;
import static dev.cloudwarden.engine.behavior.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

class PrincipalDownloadTest {
    private static final long MB = 1_000_000;
    private static final String BACKUP = "arn:aws:iam::111122223333:user/backup-svc";

    private static List<Event> routine(String arn, int hours, int perHour, long maxBytes, Random r) {
        List<Event> out = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            for (int i = 0; i < perHour; i++) {
                out.add(getObject(minutes(h * 60 + r.nextDouble() * 60), arn, 1 + (long) (r.nextDouble() * maxBytes)));
            }
        }
        return out;
    }

    private static List<Event> sorted(List<Event> events) {
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    @Test
    void bulkDownloadsByAKnownPrincipalAlert() {
        List<Event> events = routine(BACKUP, 10, 40, 20 * MB, new Random(1));
        for (int i = 0; i < 30; i++) {
            events.add(getObject(minutes(10 * 60 + 1 + i), BACKUP, 800 * MB));
        }
        List<Alert> alerts = run(sorted(events));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("cloudwarden.behavior.principal_download");
            assertThat(a.tags()).contains("attack.t1530", "cloudwarden.a2");
            assertThat(a.ruleTitle()).contains(BACKUP).contains("24.0 GB");
            assertThat(a.events()).hasSize(5).allMatch(e -> e.actor().principal().equals(BACKUP));
        });
    }

    @Test
    void roleSessionsShareTheRolesBaseline() {
        assertThat(PrincipalDownload.principal("arn:aws:sts::111122223333:assumed-role/data-pipeline/alice-1700001"))
                .isEqualTo("arn:aws:iam::111122223333:role/data-pipeline");
        assertThat(PrincipalDownload.principal(BACKUP)).isEqualTo(BACKUP);
        assertThat(PrincipalDownload.principal("s3.amazonaws.com")).isEqualTo("s3.amazonaws.com");
        Random r = new Random(2);
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            for (int i = 0; i < 40; i++) {
                events.add(getObject(minutes(h * 60 + r.nextDouble() * 60),
                        "arn:aws:sts::111122223333:assumed-role/data-pipeline/s-" + r.nextInt(1_000_000), 30 * MB));
            }
        }
        assertThat(run(sorted(events))).as("1.2 GB an hour over many sessions is the role's normal").isEmpty();
    }

    @Test
    void aNewPrincipalIsLearningAndRoutineVariationIsQuiet() {
        Random r = new Random(3);
        List<Event> events = routine(BACKUP, 24, 30, 60 * MB, r);
        // A principal never seen before: its first hours are its learning period.
        for (int i = 0; i < 30; i++) {
            events.add(getObject(minutes(20 * 60 + i), "arn:aws:iam::111122223333:user/newcomer", 800 * MB));
        }
        assertThat(run(sorted(events))).isEmpty();
    }
}
