package dev.cloudwarden.flink.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A one-node Kafka (KRaft, broker and controller combined) inside this JVM, on a random loopback port, with its data
 * in a temporary folder deleted on close: Kafka's own test kit, so the demo and the tests run the real broker, not a
 * stand-in. Transactions work on it (their log is replicated once), so the job's exactly-once sinks do too.
 */
public final class LocalKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static LocalKafka start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true).build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new LocalKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates a topic and waits until every partition has its leader: a producer that writes to a partition whose
     * leader is still being elected gets NOT_LEADER_OR_FOLLOWER, and an idempotent one can then lose its sequence
     * (OUT_OF_ORDER_SEQUENCE_NUMBER) and its records with it.
     */
    public void createTopic(String name, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            for (int attempt = 0; attempt < 200; attempt++) {
                if (hasLeaders(admin, name, partitions)) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("topic " + name + " has partitions without a leader after 10 s");
        }
    }

    /** Whether the broker answers for every partition as its leader (the controller may have said so before it does). */
    private static boolean hasLeaders(Admin admin, String name, int partitions) throws InterruptedException {
        try {
            TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            if (d.partitions().size() != partitions) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
            admin.listOffsets(latest).all().get();
            return true;
        } catch (ExecutionException notYetLeader) {
            return false; // the broker's metadata or replicas have not caught up with the new topic yet
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
