package dev.cloudwarden.engine.sigma.logsource;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.Sources;
import dev.cloudwarden.engine.ingest.parse.SourceDescriptor;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.RuleLogSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** "Fed by" ({@code rules list}, {@code rules validate}) and rule matching both come from the sources' descriptors. */
class LogSourceMappingTest {
    private static final List<SourceDescriptor> DESCRIPTORS = Sources.standard().all();

    /** A rule for each logsource a descriptor declares, compiled as {@code rules list} compiles user rules. */
    @Test
    void everyLogSourceADescriptorFeedsReportsItAsFedBy() {
        List<String> docs = new ArrayList<>();
        List<SourceType> expected = new ArrayList<>();
        for (SourceDescriptor d : DESCRIPTORS) {
            for (LogSource ls : d.feeds()) {
                docs.add(rule("feed " + docs.size(), ls));
                expected.add(d.source());
            }
        }
        RuleSet set = RuleSet.compile(List.of(new RuleFile("feeds.yml", String.join("---\n", docs))), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        assertThat(set.rules()).hasSize(expected.size());
        for (LoadedRule r : set.rules()) {
            SourceType source = expected.get(Integer.parseInt(r.rule().title().substring("feed ".length())));
            assertThat(r.fedBy()).as("%s (%s)", r.rule().logSource(), source.id()).contains(source);
        }
    }

    /** Every built-in rule is fed by exactly the sources that declare a logsource it selects: no source is special-cased. */
    @Test
    void theBuiltInRulesAreFedByTheSourcesWhoseDescriptorsDeclareTheirLogSource() {
        RuleSet set = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults());
        assertThat(set.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.fedBy())
                .as("%s %s", r.key(), r.rule().logSource()).isEqualTo(declaring(r.rule().logSource())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            aws        | cloudtrail | -           | cloudtrail
            aws        | -          | -           | cloudtrail,route53resolver,s3access,vpcflow
            aws        | s3access   | -           | s3access
            kubernetes | -          | application | k8saudit
            linux      | sudo       | -           | sshd
            linux      | vsftpd     | -           | sshd
            linux      | clamav     | -           | sshd
            linux      | auth       | -           | sshd
            linux      | -          | -           | exim,sshd
            -          | -          | webserver   | web
            nginx      | -          | webserver   | web
            azure      | signinlogs | -           | azuresignin
            windows    | security   | -           | -
            """)
    void fedByNamesTheSourcesARuleCanMeet(String product, String service, String category, String fedBy) {
        Set<String> ids = LogSourceMapping.sourcesFor(new RuleLogSource(category, product, service)).stream()
                .map(SourceType::id).collect(Collectors.toSet());
        assertThat(ids).isEqualTo(fedBy == null ? Set.of() : Set.of(fedBy.split(",")));
    }

    @Test
    void anEventAnswersToItsOwnLogSourceThenItsSourcesAliases() {
        assertThat(LogSourceMapping.of(event(SourceType.K8S_AUDIT, null))).containsExactly(
                new LogSource("kubernetes", "audit", null), new LogSource("kubernetes", "audit", "application"));
        assertThat(LogSourceMapping.of(event(SourceType.SSHD, new LogSource("linux", "sudo", null)))).containsExactly(
                new LogSource("linux", "sudo", null), new LogSource("linux", "auth", null), new LogSource("linux", "syslog", null));
        assertThat(LogSourceMapping.of(event(SourceType.GENERIC_JSON, new LogSource("okta", "okta", null))))
                .containsExactly(new LogSource("okta", "okta", null));
    }

    private static Set<SourceType> declaring(RuleLogSource rule) {
        Set<SourceType> out = EnumSet.noneOf(SourceType.class);
        for (SourceDescriptor d : DESCRIPTORS) {
            if (d.feeds().stream().anyMatch(ls -> LogSourceMapping.matches(rule, ls))) {
                out.add(d.source());
            }
        }
        return out;
    }

    private static String rule(String title, LogSource ls) {
        StringBuilder logsource = new StringBuilder();
        if (ls.product() != null) {
            logsource.append("product: ").append(ls.product()).append(", ");
        }
        if (ls.service() != null) {
            logsource.append("service: ").append(ls.service()).append(", ");
        }
        if (ls.category() != null) {
            logsource.append("category: ").append(ls.category()).append(", ");
        }
        return "title: " + title + "\nlogsource: {" + logsource + "}\n"
                + "detection:\n    selection: {x: y}\n    condition: selection\n";
    }

    private static Event event(SourceType source, LogSource logSource) {
        return Event.builder(source, Instant.EPOCH, RawRecord.ofTree(Json.NODES.objectNode())).logSource(logSource).build();
    }
}
