package dev.cloudwarden.app.posture.aws;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live scan and a scan of the same account written as the AWS CLI prints it ({@code posture/aws/cli}: the
 * describe outputs, with the follow-up answers merged in where no single command gives a resource) give the same
 * resources and the same verdicts: the live scan is the snapshot reader's, fed by the SDK instead of files.
 */
class LiveEqualsFilesTest {
    @Test
    void theLiveScanEqualsTheScanOfTheCliOutput() {
        PostureScan files = Scans.files(FakeAws.resources().resolve("cli"));
        assertThat(files.problems()).isEmpty();
        try (FakeAws aws = new FakeAws("base")) {
            PostureScan live = Scans.live(aws.collect());
            assertThat(live.problems()).isEmpty();
            assertThat(resources(live)).isEqualTo(resources(files));
            assertThat(Scans.verdicts(live)).isEqualTo(Scans.verdicts(files)).isNotEmpty();
        }
    }

    /** Every resource by id, as type, attributes (maps compared by content, not key order) and references. */
    private static Map<String, List<Object>> resources(PostureScan scan) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (ConfigResource r : scan.resources()) {
            out.put(r.id(), List.of(r.type(), r.attributes(), r.references()));
        }
        return out;
    }
}
