package dev.cloudwarden.app.intel.taxii;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxiiClientTest {
    static TaxiiTestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TaxiiTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TaxiiOptions basic() {
        return TaxiiOptions.defaults().withAuth(new TaxiiAuth.Basic(TaxiiTestServer.USER, TaxiiTestServer.PASSWORD))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(200));
    }

    @Test
    void discovers_the_api_root_and_its_collections() throws IOException {
        TaxiiClient c = new TaxiiClient(basic());
        TaxiiResources.Discovery d = c.discover(server.base());
        assertThat(d.title()).isEqualTo("CloudWarden test TAXII");
        assertThat(d.apiRoots()).containsExactly(server.apiRoot());
        assertThat(d.defaultApiRoot()).isEqualTo(server.apiRoot());
        assertThat(c.apiRoot(server.apiRoot()).versions()).containsExactly(TaxiiClient.MEDIA_TYPE);
        assertThat(c.collections(server.apiRoot())).extracting(TaxiiResources.Collection::id)
                .containsExactly("reports", "no-next", "slow", "garbage");
    }

    @Test
    void pulls_every_object_page_by_page_following_next() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withPaging(10, 1000));
        List<TaxiiPage> pages = new ArrayList<>();
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "reports", null, pages::add);
        int n = server.reports().size();
        assertThat(pull.failure()).isNull();
        assertThat(pull.objects()).isEqualTo(n);
        assertThat(pull.pages()).isEqualTo((n + 9) / 10);
        assertThat(pages).allSatisfy(p -> assertThat(p.objects()).hasSizeLessThanOrEqualTo(10));
        assertThat(pages.get(0).more()).isTrue();
        assertThat(pages.get(pages.size() - 1).more()).isFalse();
        assertThat(pull.cursor()).isEqualTo(TaxiiTestServer.added(n - 1).toString());
        assertThat(server.requests()).anyMatch(r -> r.contains("next=10") && r.contains("limit=10"));
        assertThat(new String(pages.get(0).bundle(c.json()))).startsWith("{\"type\":\"bundle\",\"id\":\"bundle--");
    }

    @Test
    void pulls_only_objects_added_after_the_cursor() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withPaging(7, 1000));
        String after = TaxiiTestServer.added(29).toString();
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "reports", after, p -> { });
        assertThat(pull.objects()).isEqualTo(server.reports().size() - 30);
        assertThat(server.requests()).anyMatch(r -> r.contains("added_after=2024-01-01T00%3A00%3A29Z")
                || r.contains("added_after=2024-01-01T00:00:29Z"));
        TaxiiClient.Pull none = c.pull(server.apiRoot(), "reports", pull.cursor(), p -> { });
        assertThat(none.objects()).isZero();
        assertThat(none.cursor()).isEqualTo(pull.cursor());
    }

    @Test
    void pages_by_date_added_last_when_the_server_gives_no_next() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withPaging(25, 1000));
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "no-next", null, p -> { });
        assertThat(pull.failure()).isNull();
        assertThat(pull.objects()).isEqualTo(server.reports().size());
        assertThat(pull.warnings()).isEmpty();
    }

    @Test
    void bearer_tokens_are_sent() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withAuth(new TaxiiAuth.Bearer(TaxiiTestServer.TOKEN)));
        assertThat(c.collections(server.apiRoot())).isNotEmpty();
    }

    @Test
    void wrong_credentials_are_a_401_that_says_what_to_do() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withAuth(new TaxiiAuth.Basic("analyst", "wrong")));
        assertThatThrownBy(() -> c.collections(server.apiRoot()))
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining("HTTP 401 Unauthorized")
                .hasMessageContaining("--user/--password or --token")
                .satisfies(e -> assertThat(((TaxiiException) e).status()).isEqualTo(401));
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "reports", null, p -> { });
        assertThat(pull.pages()).isZero();
        assertThat(pull.failure().status()).isEqualTo(401);
    }

    @Test
    void a_server_that_does_not_answer_in_time_times_out() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
        long start = System.nanoTime();
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "slow", null, p -> { });
        assertThat(pull.failure()).hasMessageContaining("slow/objects/");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_body_that_trickles_forever_hits_the_deadline() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.objects(server.apiRoot(), "trickle", null, null, 1))
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining("no complete response within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void garbage_is_not_json_and_says_so() throws IOException {
        TaxiiClient c = new TaxiiClient(basic());
        assertThatThrownBy(() -> c.objects(server.apiRoot(), "garbage", null, null, 1))
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("4096 bytes");
    }

    @Test
    void an_endless_body_is_abandoned_at_the_size_limit() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withMaxResponseBytes(1 << 20));
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.objects(server.apiRoot(), "endless", null, null, 1))
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining("over the limit of 1048576 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_body_announced_over_the_limit_is_not_read() throws IOException {
        TaxiiClient c = new TaxiiClient(basic().withMaxResponseBytes(1000));
        assertThatThrownBy(() -> c.objects(server.apiRoot(), "garbage", null, null, 1))
                .hasMessageContaining("announces 4096 bytes, over the limit of 1000");
    }

    @Test
    void too_many_requests_are_retried_after_a_bounded_wait() throws IOException {
        TaxiiClient c = new TaxiiClient(basic());
        long start = System.nanoTime();
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "busy", null, p -> { });
        assertThat(pull.failure()).isNull();
        assertThat(pull.objects()).isEqualTo(server.reports().size());
        // Retry-After: 1 asked twice, each wait capped at 200 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void too_many_requests_without_retries_left_fail_with_the_status() throws IOException {
        try (TaxiiTestServer fresh = new TaxiiTestServer()) {
            TaxiiClient c = new TaxiiClient(basic().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(10)));
            TaxiiClient.Pull pull = c.pull(fresh.apiRoot(), "busy", null, p -> { });
            assertThat(pull.failure().status()).isEqualTo(429);
            assertThat(pull.failure()).hasMessageContaining("still refused after the retries");
        }
    }

    @Test
    void a_server_that_repeats_next_is_stopped() throws IOException {
        TaxiiClient c = new TaxiiClient(basic());
        TaxiiClient.Pull pull = c.pull(server.apiRoot(), "loop", null, p -> { });
        assertThat(pull.pages()).isEqualTo(2);
        assertThat(pull.warnings()).singleElement().asString().contains("repeated the 'next' token");
    }

    @Test
    void unknown_collections_are_404_with_advice() throws IOException {
        TaxiiClient c = new TaxiiClient(basic());
        assertThatThrownBy(() -> c.objects(server.apiRoot(), "nope", null, null, 1))
                .hasMessageContaining("HTTP 404 Not Found: check the API root and the collection id");
    }

    @Test
    void taxii_sources_name_an_api_root_and_a_collection() {
        TaxiiSource s = TaxiiSource.parse("taxii+https://intel.example/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/").orElseThrow();
        assertThat(s.apiRoot()).isEqualTo(URI.create("https://intel.example/api1/"));
        assertThat(s.collectionId()).isEqualTo("91a7b528-80eb-42ed-a74d-c6fbd5a26116");
        assertThat(s.name()).isEqualTo("taxii:https://intel.example/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116");
        assertThat(TaxiiSource.parse("feed.json")).isEmpty();
        assertThatThrownBy(() -> TaxiiSource.parse("taxii+https://intel.example/api1/"))
                .hasMessageContaining("names no collection");
    }
}
