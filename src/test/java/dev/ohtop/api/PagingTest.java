package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Long lists arrive whole and in order: pages are followed, batches split, counts read as integers. */
class PagingTest {
    private static final String SANDBOXES = "/api/v1/sandboxes/search";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final CloudClient cloud = Wire.cloud(wm);

    private static String sandboxPage(String next, String... ids) {
        List<String> items = new ArrayList<>();
        for (String id : ids) {
            items.add("{\"id\":\"" + id + "\",\"status\":\"RUNNING\"}");
        }
        return "{\"items\":[" + String.join(",", items) + "],\"next_page_id\":"
                + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private static void page(String pageId, String body) {
        wm.stubFor(get(urlPathEqualTo(SANDBOXES))
                .withQueryParam("page_id", pageId == null ? absent() : equalTo(pageId))
                .willReturn(okJson(body)));
    }

    private static List<String> pageIdsAsked() {
        return Requests.all(wm).stream()
                .map(r -> r.queryParameter("page_id"))
                .map(p -> p.isPresent() ? p.firstValue() : null)
                .toList();
    }

    @Test
    void pagingFollowsNextPageIdToTheLastPage() throws Exception {
        page(null, sandboxPage("Mg", "s1", "s2"));
        page("Mg", sandboxPage("NA", "s3", "s4"));
        page("NA", sandboxPage(null, "s5"));

        List<SandboxInfo> all = Paging.collect(pageId -> cloud.searchSandboxes(pageId, 2), Integer.MAX_VALUE);

        assertEquals(
                List.of("s1", "s2", "s3", "s4", "s5"),
                all.stream().map(SandboxInfo::id).toList());
        assertEquals(java.util.Arrays.asList(null, "Mg", "NA"), pageIdsAsked());
        Requests.all(wm)
                .forEach(r -> assertEquals("2", r.queryParameter("limit").firstValue()));
    }

    @Test
    void pagingStopsWhenTheServerRepeatsAPageId() throws Exception {
        page(null, sandboxPage("A", "s1"));
        page("A", sandboxPage("B", "s2"));
        page("B", sandboxPage("A", "s3"));

        List<SandboxInfo> all = Paging.collect(pageId -> cloud.searchSandboxes(pageId, null), Integer.MAX_VALUE);

        assertEquals(
                List.of("s1", "s2", "s3"), all.stream().map(SandboxInfo::id).toList());
        assertEquals(3, Requests.all(wm).size());
    }

    @Test
    void pagingStopsWhenAPagePointsAtItself() throws Exception {
        page(null, sandboxPage("A", "s1"));
        page("A", sandboxPage("A", "s2"));

        List<SandboxInfo> all = Paging.collect(pageId -> cloud.searchSandboxes(pageId, null), Integer.MAX_VALUE);

        assertEquals(2, all.size());
        assertEquals(2, Requests.all(wm).size());
    }

    @Test
    void pagingStopsFetchingOnceEnoughItemsAreHeld() throws Exception {
        page(null, sandboxPage("Mg", "s1", "s2"));
        page("Mg", sandboxPage("NA", "s3", "s4"));
        page("NA", sandboxPage(null, "s5"));

        List<SandboxInfo> first3 = Paging.collect(pageId -> cloud.searchSandboxes(pageId, 2), 3);

        assertEquals(
                List.of("s1", "s2", "s3"), first3.stream().map(SandboxInfo::id).toList());
        assertEquals(2, Requests.all(wm).size());
    }

    @Test
    void anEmptyNextPageIdEndsThePaging() throws Exception {
        page(null, sandboxPage("", "s1"));

        List<SandboxInfo> all = Paging.collect(pageId -> cloud.searchSandboxes(pageId, null), Integer.MAX_VALUE);

        assertEquals(1, all.size());
        assertEquals(1, Requests.all(wm).size());
    }

    // ---- batch gets -----------------------------------------------------------------------

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> String.format("c%03d", i))
                .toList();
    }

    /** The server's answer for {@code asked}: the conversation for each id, null for the unknown ones. */
    private static String batchAnswer(List<String> asked, List<String> unknown) {
        List<String> items = new ArrayList<>();
        for (String id : asked) {
            items.add(unknown.contains(id) ? "null" : "{\"id\":\"" + id + "\",\"title\":\"T " + id + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void aBatchOf150IdsIsSplitInto99And51AndKeepsOrderWithNullsForUnknownIds() throws Exception {
        List<String> all = ids(0, 150);
        List<String> unknown = List.of("c005", "c098", "c099", "c149");
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .withQueryParam("ids", havingExactly(ids(0, 99).toArray(String[]::new)))
                .willReturn(okJson(batchAnswer(ids(0, 99), unknown))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .withQueryParam("ids", havingExactly(ids(99, 150).toArray(String[]::new)))
                .willReturn(okJson(batchAnswer(ids(99, 150), unknown))));

        List<AppConversation> got = cloud.getConversations(all);

        List<LoggedRequest> sent = Requests.all(wm);
        assertEquals(2, sent.size());
        assertEquals(ids(0, 99), sent.get(0).queryParameter("ids").values());
        assertEquals(ids(99, 150), sent.get(1).queryParameter("ids").values());
        assertEquals(150, got.size());
        for (int i = 0; i < 150; i++) {
            String id = all.get(i);
            if (unknown.contains(id)) {
                assertNull(got.get(i), id);
            } else {
                assertEquals(id, got.get(i).id());
            }
        }
    }

    @Test
    void aBatchOfExactly99IdsIsOneRequest() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .willReturn(okJson(batchAnswer(ids(0, 99), List.of()))));

        assertEquals(99, cloud.getConversations(ids(0, 99)).size());

        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/app-conversations")));
    }

    @Test
    void anEmptyBatchAsksNothing() throws Exception {
        assertEquals(List.of(), cloud.getConversations(List.of()));
        assertEquals(List.of(), cloud.getSandboxes(List.of()));
        assertEquals(List.of(), cloud.getStartTasks(List.of()));

        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void startTaskAndSandboxBatchesAreSplitToo() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/start-tasks"))
                .withQueryParam("ids", havingExactly(ids(0, 99).toArray(String[]::new)))
                .willReturn(okJson(batchAnswer(ids(0, 99), List.of()))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/start-tasks"))
                .withQueryParam("ids", havingExactly("c099"))
                .willReturn(okJson(batchAnswer(List.of("c099"), List.of()))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes"))
                .withQueryParam("id", havingExactly(ids(0, 99).toArray(String[]::new)))
                .willReturn(okJson(batchAnswer(ids(0, 99), List.of()))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes"))
                .withQueryParam("id", havingExactly("c099", "c100"))
                .willReturn(okJson(batchAnswer(List.of("c099", "c100"), List.of("c100")))));

        List<StartTask> tasks = cloud.getStartTasks(ids(0, 100));
        List<SandboxInfo> sandboxes = cloud.getSandboxes(ids(0, 101));

        assertEquals("c099", tasks.get(99).id());
        assertEquals("c099", sandboxes.get(99).id());
        assertNull(sandboxes.get(100));
        assertEquals(4, Requests.all(wm).size());
    }

    @Test
    void aBatchAnswerThatIsNotAListIsABadResponse() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations")).willReturn(okJson("{\"items\":[]}")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.getConversations(List.of("c1")));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
    }

    // ---- counts -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", " 42 ", "\"42\"", "2147483647"})
    void aCountIsReadAsAnInteger(String body) throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/count")).willReturn(okJson(body)));

        int count = cloud.countConversations(ConversationQuery.all());

        assertEquals(Integer.parseInt(body.replace("\"", "").strip()), count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.5", "{\"count\":42}", "[42]", "\"many\"", "3000000000", "null", "true"})
    void aCountThatIsNotAnIntegerIsABadResponse(String body) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/conversation/c1/events/count")).willReturn(okJson(body)));

        ApiException e = assertThrows(ApiException.class, () -> cloud.countEvents("c1", EventQuery.all()));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }
}
