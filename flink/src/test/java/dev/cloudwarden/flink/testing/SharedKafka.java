package dev.cloudwarden.flink.testing;

import dev.cloudwarden.flink.kafka.LocalKafka;

/** One in-JVM broker for every test of the run (started on first use, stopped when the JVM exits). */
public final class SharedKafka {
    private static LocalKafka kafka;

    private SharedKafka() {
    }

    public static synchronized LocalKafka get() throws Exception {
        if (kafka == null) {
            LocalKafka started = LocalKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is going; its temporary folder goes with the test run's
                }
            }));
            kafka = started;
        }
        return kafka;
    }
}
