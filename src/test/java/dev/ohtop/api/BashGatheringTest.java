package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command's output arrives in pieces; the console asks for those after the last it holds
 * ({@link AgentServerClient#bashOutputsAfter}) and must get every one, once and in order.
 */
class BashGatheringTest {
    private static final String CMD = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";
    private static final String SEARCH = "/api/bash/bash_events/search";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private static String piece(int order, Integer exit, String stdout) {
        return "{\"id\":\"p" + order + "\",\"timestamp\":\"2026-11-27T16:31:0" + order + ".000000Z\",\"command_id\":\""
                + CMD + "\",\"order\":" + order + ",\"exit_code\":" + exit + ",\"stdout\":" + json(stdout)
                + ",\"stderr\":null,\"kind\":\"BashOutput\"}";
    }

    private static String json(String s) {
        return s == null ? "null" : Json.MAPPER.getNodeFactory().textNode(s).toString();
    }

    private static String page(String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"next_page_id\":" + json(next) + "}";
    }

    @Test
    void theNextLookGetsThePiecesAfterTheLastHeldFromEveryPageInOrder() throws Exception {
        wm.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("page_id", absent())
                .willReturn(okJson(page("pg2", piece(3, null, "C"), piece(2, null, "B")))));
        wm.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("page_id", equalTo("pg2"))
                .willReturn(okJson(page(null, piece(4, 0, "D")))));

        List<BashOutput> pieces = Wire.agent(wm).bashOutputsAfter(CMD, 1);

        assertEquals(
                List.of("B", "C", "D"), pieces.stream().map(BashOutput::stdout).toList());
        List<LoggedRequest> asked = Requests.all(wm);
        assertEquals(
                q(
                        "command_id__eq",
                        CMD,
                        "kind__eq",
                        "BashOutput",
                        "order__gt",
                        "1",
                        "sort_order",
                        "TIMESTAMP",
                        "limit",
                        "100"),
                query(asked.get(0)));
        assertEquals(
                q(
                        "command_id__eq",
                        CMD,
                        "kind__eq",
                        "BashOutput",
                        "order__gt",
                        "1",
                        "sort_order",
                        "TIMESTAMP",
                        "page_id",
                        "pg2",
                        "limit",
                        "100"),
                query(asked.get(1)));
        asked.forEach(r -> assertEquals(Wire.SESSION_KEY, r.getHeader("X-Session-API-Key")));
    }

    @Test
    void theFirstLookAsksForEveryPiece() throws Exception {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(null, piece(0, null, "building...\n")))));

        List<BashOutput> pieces = Wire.agent(wm).bashOutputsAfter(CMD, -1);

        assertEquals(
                List.of("building...\n"),
                pieces.stream().map(BashOutput::stdout).toList());
        assertEquals(
                q("command_id__eq", CMD, "kind__eq", "BashOutput", "sort_order", "TIMESTAMP", "limit", "100"),
                query(Requests.all(wm).get(0)));
    }
}
