package dev.cloudwarden.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The toolchain: Kafka's in-JVM KRaft broker and a Flink job on a local MiniCluster reading a topic from it. */
class KafkaFlinkSmokeTest {
    @Test
    void aJobOnTheMiniClusterReadsATopicFromTheInJvmBroker() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    p.send(new ProducerRecord<>("events", "line " + i)).get();
                }
            }
            KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(bootstrap)
                    .setTopics("events").setStartingOffsets(OffsetsInitializer.earliest())
                    .setBounded(OffsetsInitializer.latest()).setValueOnlyDeserializer(new SimpleStringSchema()).build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            List<String> read = new ArrayList<>();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "events").executeAndCollect().forEachRemaining(read::add);
            assertThat(read).hasSize(10).contains("line 0", "line 9");
        }
    }
}
