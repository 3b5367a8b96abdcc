package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A poller asks the same pages again and again: what did not change is neither parsed nor mapped again. */
class RepeatedAnswersTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final CloudClient cloud = Wire.cloud(wm).tryingOnce();

    private static String page(String updatedAt) {
        return "{\"items\":[{\"id\":\"s1\",\"status\":\"RUNNING\",\"created_at\":\"" + updatedAt
                + "\"}],\"next_page_id\":null}";
    }

    @Test
    void aPageAnsweredWithTheSameBytesGivesTheSameSandboxesAsBefore() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page("2026-11-27T10:15:30Z"))));

        List<SandboxInfo> first = cloud.searchSandboxes(null, 100).items();
        List<SandboxInfo> again = cloud.searchSandboxes(null, 100).items();

        assertSame(first.get(0), again.get(0), "kept from the first answer, not parsed and mapped again");
    }

    @Test
    void aPageWhoseBytesChangedIsReadAfresh() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page("2026-11-27T10:15:30Z"))));
        SandboxInfo before = cloud.searchSandboxes(null, 100).items().get(0);
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page("2026-11-27T10:16:00Z"))));

        SandboxInfo after = cloud.searchSandboxes(null, 100).items().get(0);

        assertNotSame(before, after);
        assertEquals("2026-11-27T10:16:00Z", after.createdAt().toString());
    }
}
