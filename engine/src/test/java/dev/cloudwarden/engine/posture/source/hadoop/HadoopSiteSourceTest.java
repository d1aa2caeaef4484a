package dev.cloudwarden.engine.posture.source.hadoop;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HadoopSiteSourceTest {
    @TempDir
    Path dir;

    private final HadoopSiteSource source = new HadoopSiteSource();

    @Test
    void acceptsSiteFilesWithAConfiguration() {
        assertThat(source.accepts(Path.of("conf/yarn-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>")).isTrue();
        assertThat(source.accepts(Path.of("conf/yarn-site.xml"), "<project>")).isFalse();
        assertThat(source.accepts(Path.of("pom.xml"), "<configuration>")).isFalse();
    }

    @Test
    void propertiesAreAFlatMapWithTheirLines() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "conf/yarn-site.xml", """
                <?xml version="1.0"?>
                <?xml-stylesheet type="text/xsl" href="configuration.xsl"?>
                <configuration>
                  <!-- DemonBot submits jobs through this API -->
                  <property>
                    <name>yarn.resourcemanager.webapp.address</name>
                    <value> 0.0.0.0:8088 </value>
                    <description>The http address of the RM web application.</description>
                  </property>
                  <property>
                    <name>hadoop.http.authentication.type</name>
                    <value>simple</value>
                    <final>true</final>
                  </property>
                  <property><name>hadoop.http.authentication.type</name><value>kerberos</value></property>
                  <property><name>empty.value</name></property>
                  <property name="attribute.form" value="yes"/>
                </configuration>
                """);
        assertThat(parsed.problems()).isEmpty();
        ConfigResource r = parsed.resources().get(0);
        assertThat(r.framework()).isEqualTo(Framework.HADOOP);
        assertThat(r.type()).isEqualTo("yarn-site");
        assertThat(r.name()).isEqualTo("yarn-site.xml");
        assertThat(r.id()).isEqualTo("yarn-site.conf/yarn-site.xml");
        assertThat(r.attributes()).containsEntry("yarn.resourcemanager.webapp.address", "0.0.0.0:8088")
                .containsEntry("hadoop.http.authentication.type", "simple")
                .containsEntry("empty.value", null)
                .containsEntry("attribute.form", "yes");
        assertThat(r.attributes().get("_lines")).isEqualTo(Map.of("yarn.resourcemanager.webapp.address", 5L,
                "hadoop.http.authentication.type", 10L, "empty.value", 16L, "attribute.form", 17L));
        assertThat(r.attributes().get("_final")).isEqualTo(List.of("hadoop.http.authentication.type"));
        assertThat(r.location().endLine()).isEqualTo(18);
    }

    @Test
    void aLaterValueWinsUnlessTheEarlierIsFinal() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "core-site.xml", """
                <configuration>
                  <property><name>a</name><value>1</value></property>
                  <property><name>a</name><value>2</value></property>
                </configuration>
                """);
        assertThat(parsed.resources().get(0).attributes()).containsEntry("a", "2");
    }

    @Test
    void referencesExpandWithinTheFileOrAreUnknown() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "yarn-site.xml", """
                <configuration>
                  <property><name>yarn.resourcemanager.hostname</name><value>rm.example</value></property>
                  <property><name>yarn.resourcemanager.webapp.address</name><value>${yarn.resourcemanager.hostname}:8088</value></property>
                  <property><name>dir</name><value>${env.HOME}/data</value></property>
                  <property><name>loop</name><value>${loop}</value></property>
                </configuration>
                """);
        Map<String, Object> a = parsed.resources().get(0).attributes();
        assertThat(a.get("yarn.resourcemanager.webapp.address")).isEqualTo("rm.example:8088");
        assertThat(a.get("dir")).isEqualTo(Unknown.of("${env.HOME}/data"));
        assertThat(a.get("loop")).isEqualTo(Unknown.of("${loop}"));
    }

    @Test
    void externalEntitiesAreRefused() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "core-site.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <configuration><property><name>a</name><value>&xxe;</value></property></configuration>
                """);
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("core-site.xml");
            assertThat(p.reason()).contains("DOCTYPE");
        });
    }

    @Test
    void billionLaughsIsRefused() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "core-site.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <configuration><property><name>a</name><value>&lol2;</value></property></configuration>
                """);
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).hasSize(1);
    }

    @Test
    void brokenXmlIsAProblemWithItsLine() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "hdfs-site.xml",
                "<configuration>\n<property>\n<name>a</name>\n</configuration>\n");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.reason()).startsWith("not well-formed XML");
        });
        assertThat(PostureGolden.parseText(source, dir, "x-site.xml", "<project/>").problems()).singleElement()
                .hasToString("x-site.xml:1: root element is <project>, not <configuration>");
    }

    @Test
    void predefinedEntitiesAndCdataAreText() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "core-site.xml",
                "<configuration><property><name>a</name><value>x &amp; <![CDATA[<y>]]></value></property></configuration>");
        assertThat(parsed.resources().get(0).attributes()).containsEntry("a", "x & <y>");
    }
}
