package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArmSourceTest {
    private final ArmSource source = new ArmSource();

    private static final String HEAD = """
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "parameters": {
                "siteName": {"type": "string", "defaultValue": "pike"},
                "vnetName": {"type": "string"},
                "location": {"type": "string", "defaultValue": "[resourceGroup().location]"}
              },
              "variables": {
                "planName": "[concat(parameters('siteName'), '-plan')]",
                "storeName": "store1"
              },
            """;

    private ParsedConfig parse(String resources) {
        return source.parse("t.json", HEAD + "\"resources\": " + resources + "}");
    }

    @Test
    void idsFollowCheckovsNameRule() {
        ParsedConfig p = parse("""
                [
                  {"type": "Microsoft.Web/sites", "name": "[parameters('siteName')]", "apiVersion": "2022-03-01",
                   "location": "[parameters('location')]", "properties": {"httpsOnly": true}},
                  {"type": "Microsoft.Storage/storageAccounts", "name": "[variables('storeName')]"},
                  {"type": "Microsoft.Web/serverfarms", "name": "[variables('planName')]"},
                  {"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('vnetName')]"},
                  {"type": "Microsoft.Web/sites/config", "name": "[concat(parameters('siteName'), '/web')]"}
                ]""");
        assertThat(p.problems()).isEmpty();
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly(
                "Microsoft.Web/sites.pike",
                "Microsoft.Storage/storageAccounts.store1",
                "Microsoft.Web/serverfarms.[concat(parameters('siteName'), '-plan')]",
                "Microsoft.Network/virtualNetworks.[parameters('vnetName')]",
                "Microsoft.Web/sites/config.[concat(parameters('siteName'), '/web')]");
        assertThat(p.resources()).extracting(ConfigResource::name).containsExactly(
                "pike", "store1", "pike-plan", "[parameters('vnetName')]", "pike/web");
        ConfigResource site = p.resources().get(0);
        assertThat(site.attributes()).containsEntry("type", "Microsoft.Web/sites").containsEntry("name", "pike")
                .containsEntry("apiVersion", "2022-03-01").containsEntry("properties", Map.of("httpsOnly", true));
        assertThat(site.attributes().get("location")).isInstanceOf(Unknown.class);
        assertThat(p.resources().get(3).attributes().get("name")).isInstanceOf(Unknown.class);
        assertThat(site.location()).isEqualTo(new Location("t.json", 14, 15));
    }

    @Test
    void childResourcesGetTheirFullTypeAndName() {
        ParsedConfig p = parse("""
                [
                  {"type": "Microsoft.Sql/servers", "name": "sql1",
                   "resources": [
                     {"type": "databases", "name": "db1",
                      "resources": [{"type": "transparentDataEncryption", "name": "current"}]},
                     {"type": "Microsoft.Sql/servers/auditingSettings", "name": "sql1/default"}
                   ]}
                ]""");
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly(
                "Microsoft.Sql/servers.sql1",
                "Microsoft.Sql/servers/databases.sql1/db1",
                "Microsoft.Sql/servers/databases/transparentDataEncryption.sql1/db1/current",
                "Microsoft.Sql/servers/auditingSettings.sql1/default");
        assertThat(p.resources().get(2).attributes()).containsEntry("type",
                "Microsoft.Sql/servers/databases/transparentDataEncryption").containsEntry("name", "sql1/db1/current");
    }

    @Test
    void referencesFromResourceIdReferenceAndDependsOn() {
        ParsedConfig p = parse("""
                [
                  {"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('vnetName')]"},
                  {"type": "Microsoft.Storage/storageAccounts", "name": "[variables('storeName')]"},
                  {"type": "Microsoft.Web/serverfarms", "name": "plan"},
                  {"type": "Microsoft.Web/sites", "name": "site",
                   "dependsOn": ["plan", "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"],
                   "properties": {
                     "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'plan')]",
                     "key": "[reference(variables('storeName')).primaryEndpoints.blob]",
                     "role": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"
                   }}
                ]""");
        ConfigResource site = p.resources().get(3);
        assertThat(site.references()).containsExactlyInAnyOrder("Microsoft.Web/serverfarms.plan",
                "Microsoft.Network/virtualNetworks.[parameters('vnetName')]",
                "Microsoft.Storage/storageAccounts.store1");
        Map<?, ?> properties = (Map<?, ?>) site.attributes().get("properties");
        assertThat(((Unknown) properties.get("serverFarmId")).references())
                .containsExactly("Microsoft.Web/serverfarms.plan");
        assertThat(((Unknown) properties.get("role")).references()).isEmpty();
    }

    @Test
    void skipsFromMetadata() {
        ConfigResource r = parse("""
                [{"type": "Microsoft.Storage/storageAccounts", "name": "s",
                  "metadata": {"checkov": ["CKV_AZURE_3:We don't care", "checkov:skip=CKV_AZURE_4"],
                               "cloudwarden": "CW_AZ_1: reviewed"}}]""").resources().get(0);
        assertThat(r.skips()).containsExactly(new InlineSkip("CKV_AZURE_3", "We don't care"),
                new InlineSkip("CKV_AZURE_4", ""), new InlineSkip("CW_AZ_1", "reviewed"));
    }

    @Test
    void symbolicNameResourcesAndExistingOnes() {
        ParsedConfig p = parse("""
                {"store": {"type": "Microsoft.Storage/storageAccounts", "name": "s"},
                 "old": {"type": "Microsoft.Network/virtualNetworks", "name": "v", "existing": true}}""");
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly("Microsoft.Storage/storageAccounts.s");
    }

    @Test
    void badInputIsAProblem() {
        assertThat(source.parse("t.json", "{\n\"resources\": [\n  {\"type\": }\n]}").problems())
                .singleElement().satisfies(pr -> assertThat(pr.location().line()).isEqualTo(3));
        ParsedConfig noName = parse("[{\"type\": \"Microsoft.X/y\"}, {\"type\": \"Microsoft.X/y\", \"name\": \"n\"}]");
        assertThat(noName.resources()).hasSize(1);
        assertThat(noName.problems()).hasSize(1);
        assertThat(source.parse("t.json", "[1, 2]").problems()).hasSize(1);
    }

    @Test
    void acceptsDeploymentTemplatesOnly() {
        assertThat(source.accepts(Path.of("a.json"), HEAD)).isTrue();
        assertThat(source.accepts(Path.of("a.json"), "{\"$schema\": "
                + "\"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\"")).isFalse();
        assertThat(source.accepts(Path.of("a.json"), "{\"$schema\": \"https://schema.management.azure.com/schemas/"
                + "2018-05-01/subscriptionDeploymentTemplate.json#\"")).isTrue();
        assertThat(source.accepts(Path.of("a.yaml"), HEAD)).isFalse();
        assertThat(source.accepts(Path.of("a.json"), "{\"AWSTemplateFormatVersion\": \"x\"}")).isFalse();
    }
}
