package dev.cloudwarden.app.server;

import dev.cloudwarden.app.live.InputHealth;
import dev.cloudwarden.app.live.LiveInput;
import dev.cloudwarden.app.live.LivePoller;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.files.LiveFiles;
import dev.cloudwarden.app.live.files.LiveFilesOptions;
import dev.cloudwarden.app.live.files.WatchedPath;
import dev.cloudwarden.app.live.s3.S3CloudTrail;
import dev.cloudwarden.app.live.s3.S3Settings;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.json.ReadAhead;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's live inputs from its settings: the watched paths as one input ({@code files}), and one input per S3
 * bucket and prefix ({@code s3://bucket/prefix}), each handing its events to the queue and keeping its positions in
 * the store; polled on one thread.
 */
final class ServiceInputs implements AutoCloseable {
    private final List<LiveInput> inputs;
    private final LivePoller poller;

    private ServiceInputs(List<LiveInput> inputs, ServeConfig.Inputs settings) {
        this.inputs = List.copyOf(inputs);
        this.poller = inputs.isEmpty() ? null : new LivePoller(inputs, settings.pollInterval()).start();
    }

    static ServiceInputs start(ServeConfig.Inputs settings, Offsets offsets, EventQueue queue, ServiceMetrics metrics,
                               ReadAhead readAhead) throws IOException {
        Ingestor ingestor = new Ingestor(IngestOptions.defaults().withReadAhead(readAhead));
        Clock clock = Clock.systemUTC();
        List<LiveInput> inputs = new ArrayList<>();
        if (!settings.watch().isEmpty()) {
            List<WatchedPath> watched = settings.watch().stream().map(WatchedPath::parse).toList();
            inputs.add(LiveFiles.open("files", watched, ingestor, offsets, new LiveQueueConsumer("files", queue, metrics),
                    LiveFilesOptions.defaults(), clock));
        }
        for (ServeConfig.S3 s3 : settings.s3()) {
            if (s3.queueUrl() != null) {
                throw new IllegalArgumentException("inputs.s3 queue_url: SQS notifications are not supported yet; "
                        + "give the bucket and prefix to poll instead");
            }
            String name = "s3://" + s3.bucket() + "/" + (s3.prefix() == null ? "" : s3.prefix());
            S3Settings client = new S3Settings(s3.region(), s3.endpoint() == null ? null : URI.create(s3.endpoint()),
                    s3.endpoint() != null, null, null);
            inputs.add(new S3CloudTrail(name, client.s3(), s3.bucket(), s3.prefix() == null ? "" : s3.prefix(),
                    LocalDate.now(ZoneOffset.UTC), ingestor, offsets, new LiveQueueConsumer(name, queue, metrics), clock, 100));
        }
        return new ServiceInputs(inputs, settings);
    }

    List<InputHealth> health() {
        return inputs.stream().map(LiveInput::health).toList();
    }

    /** The lag of each input, in its unit (bytes behind the files' ends, objects not yet read). */
    Map<String, Long> lag() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (LiveInput i : inputs) {
            out.put(i.name(), i.health().lag());
        }
        return out;
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
