package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.CollectingSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Events of the engine's golden dataset logs, read by the real ingest. */
final class DatasetEvents {
    static final Path GOLDEN = Path.of("../engine/src/test/resources/golden");

    private DatasetEvents() {
    }

    /** CloudTrail (a Records file, NDJSON, Stratus attacks), VPC flow logs and sshd auth.log. */
    static List<Path> mixed() {
        return List.of(GOLDEN.resolve("cloudtrail/records-file.json"), GOLDEN.resolve("cloudtrail/panther-cloudtrail.jsonl"),
                GOLDEN.resolve("cloudtrail/stratus-aws.persistence.iam-create-admin-user.json"),
                GOLDEN.resolve("vpcflow/custom-v5.log"), GOLDEN.resolve("sshd/auth.log"));
    }

    static List<Event> read(List<Path> files) {
        CollectingSink read = new CollectingSink();
        Ingestor ingestor = new Ingestor(IngestOptions.defaults()).oneThreadPerInput();
        for (Path f : files) {
            ingestor.read(Input.file(f), read);
        }
        List<Event> out = read.events;
        List<Rejection> rejected = read.rejections;
        if (!rejected.isEmpty()) {
            throw new AssertionError("dataset lines rejected: " + rejected);
        }
        return out;
    }
}
