package dev.cloudwarden.app.output;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfActivityTest {
    @Test
    void apiCallsAreCreateReadUpdateOrDeleteByTheirVerb() {
        assertThat(ids("CreateUser", "RunInstances", "PutBucketPolicy", "v1.compute.instances.insert", "create",
                "POST /containers/create")).containsOnly(1);
        assertThat(ids("DescribeInstances", "GetObject", "ListBuckets", "google.iam.admin.v1.GetServiceAccount", "get", "watch",
                "Microsoft.Storage/storageAccounts/read", "GET /containers/json", "HEAD /_ping")).containsOnly(2);
        assertThat(ids("UpdateFunctionCode", "ModifyInstanceAttribute", "patch", "AttachUserPolicy")).containsOnly(3);
        assertThat(ids("DeleteTrail", "TerminateInstances", "deletecollection", "Microsoft.Compute/virtualMachines/delete",
                "DELETE /containers/abc")).containsOnly(4);
        assertThat(ids("REST.PUT.OBJECT", "REST.PUT.BUCKETPOLICY")).as("S3 access logs, like CloudTrail's PutObject")
                .containsOnly(1);
        assertThat(ids("REST.GET.OBJECT", "WEBSITE.HEAD.OBJECT", "REST.GET.BUCKET")).containsOnly(2);
        assertThat(ids("REST.DELETE.OBJECT", "BATCH.DELETE.OBJECT")).containsOnly(4);
        assertThat(OcsfActivity.api("REST.POST.UPLOADS")).isEqualTo(new OcsfActivity(99, "REST.POST.UPLOADS"));
        OcsfActivity other = OcsfActivity.api("AssumeRole");
        assertThat(other).isEqualTo(new OcsfActivity(99, "AssumeRole"));
    }

    @Test
    void otherClassesNameTheirOwnActivities() {
        assertThat(OcsfActivity.of(event(OcsfClass.AUTHENTICATION, "ConsoleLogin"))).isEqualTo(new OcsfActivity(1, "Logon"));
        assertThat(OcsfActivity.of(event(OcsfClass.AUTHENTICATION, "publickey"))).isEqualTo(new OcsfActivity(1, "Logon"));
        assertThat(OcsfActivity.of(event(OcsfClass.AUTHENTICATION, "session_close"))).isEqualTo(new OcsfActivity(2, "Logoff"));
        assertThat(OcsfActivity.of(event(OcsfClass.HTTP_ACTIVITY, "GET"))).isEqualTo(new OcsfActivity(3, "Get"));
        assertThat(OcsfActivity.of(event(OcsfClass.HTTP_ACTIVITY, "PATCH"))).isEqualTo(new OcsfActivity(99, "PATCH"));
        assertThat(OcsfActivity.of(event(OcsfClass.DNS_ACTIVITY, "AAAA"))).isEqualTo(new OcsfActivity(1, "Query"));
        assertThat(OcsfActivity.of(event(OcsfClass.NETWORK_ACTIVITY, "REJECT"))).isEqualTo(new OcsfActivity(5, "Refuse"));
        assertThat(OcsfActivity.of(event(OcsfClass.EMAIL_ACTIVITY, "received"))).isEqualTo(new OcsfActivity(2, "Receive"));
        assertThat(OcsfActivity.of(event(OcsfClass.API_ACTIVITY, null))).isEqualTo(OcsfActivity.UNKNOWN);
    }

    private static List<Integer> ids(String... operations) {
        return Arrays.stream(operations).map(o -> OcsfActivity.api(o).id()).toList();
    }

    private static Event event(OcsfClass cls, String operation) {
        return Event.builder(SourceType.GENERIC_JSON, Instant.EPOCH, RawRecord.ofTree(Json.NODES.objectNode()))
                .ocsfClass(cls).operation(null, operation).build();
    }
}
