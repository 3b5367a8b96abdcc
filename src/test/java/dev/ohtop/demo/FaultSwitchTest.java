package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultSwitchTest {
    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private ManualClock clock;
    private DemoProxy proxy;
    private DemoHttp http;
    private String sandboxId;

    @BeforeEach
    void useDemo() {
        clock = demo.clock();
        proxy = demo.proxy();
        http = demo.http();
        sandboxId = demo.running().sandboxId();
    }

    @Test
    void serverErrorHitsTheNextRequestsOnlyAndCarriesTheRightShape() {
        FaultRule rule = proxy.faults().next(2, Fault.serverError(), FaultSwitch.Target.BOTH);

        HttpResponse<String> app = http.appGet("/users/me");
        HttpResponse<String> agent = http.agent(sandboxId, "GET", "/api/conversations/search", null);
        HttpResponse<String> third = http.appGet("/users/me");

        assertEquals(500, app.statusCode());
        assertEquals("{\"detail\":\"Internal Server Error\"}", app.body());
        assertEquals(500, agent.statusCode());
        assertEquals(
                "Internal Server Error",
                DemoHttp.parse(agent.body()).get("detail").asText());
        assertTrue(DemoHttp.parse(agent.body()).has("exception"));
        assertEquals(200, third.statusCode());
        assertEquals(2, rule.hits());
        assertEquals(0, rule.remaining());
    }

    @Test
    void gatewayErrorsComeAsTheProxysHtmlPage() {
        for (int status : new int[] {502, 503, 504}) {
            proxy.faults().next(1, Fault.status(status), FaultSwitch.Target.APP);
            HttpResponse<String> response = http.appGet("/users/me");
            assertEquals(status, response.statusCode());
            assertTrue(response.body().contains("<title>" + status), response.body());
        }
    }

    @Test
    void rateLimitSendsRetryAfterAndCloudsBody() {
        proxy.faults().next(1, Fault.rateLimited(7), FaultSwitch.Target.APP);

        HttpResponse<String> response = http.appGet("/app-conversations/search");

        assertEquals(429, response.statusCode());
        assertEquals("{\"error\":\"Rate limit exceeded: 100 per 1 minute\"}", response.body());
        assertEquals("7", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("100", response.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals(
                String.valueOf(clock.instant().getEpochSecond() + 7),
                response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    }

    @Test
    void malformedJsonAndHtmlBodiesComeWith200() {
        proxy.faults().next(1, Fault.malformedJson(), FaultSwitch.Target.APP);
        HttpResponse<String> malformed = http.appGet("/app-conversations/search");
        assertEquals(200, malformed.statusCode());
        assertEquals(
                "application/json",
                malformed.headers().firstValue("Content-Type").orElseThrow());
        assertThrows(IOException.class, () -> DemoHttp.JSON.readTree(malformed.body()));

        proxy.faults().next(1, Fault.htmlBody(), FaultSwitch.Target.APP);
        HttpResponse<String> html = http.appGet("/app-conversations/search");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void aTruncatedBodyEndsTheConnectionEarly() {
        proxy.faults().next(1, Fault.truncatedBody(), FaultSwitch.Target.APP);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.appGet("/users/me"));
        assertTrue(
                e.getCause().getMessage().contains("content-length"),
                e.getCause().getMessage());
        assertEquals(200, http.appGet("/users/me").statusCode());
    }

    @Test
    void aDroppedConnectionAnswersNothing() {
        // java.net.http retries an idempotent request once on a closed connection, so drop two.
        proxy.faults().next(2, Fault.droppedConnection(), FaultSwitch.Target.AGENT);
        long mark = proxy.requests().mark();

        assertThrows(UncheckedIOException.class, () -> http.agent(sandboxId, "GET", "/alive", null));
        assertEquals(2, proxy.requests().since(mark).size());
        proxy.requests().since(mark).forEach(seen -> assertEquals(0, seen.status()));
        assertEquals(200, http.agent(sandboxId, "GET", "/alive", null).statusCode());
    }

    @Test
    void oneDroppedConnectionIsHiddenByTheJdkClientsRetryOfAGet() {
        proxy.faults().next(1, Fault.droppedConnection(), FaultSwitch.Target.APP);
        long mark = proxy.requests().mark();

        assertEquals(200, http.appGet("/users/me").statusCode());
        assertEquals(2, proxy.requests().since(mark).size());
    }

    @Test
    void latencyDelaysButStillAnswers() {
        proxy.faults().next(1, Fault.latency(Duration.ofMillis(300)), FaultSwitch.Target.APP);

        long start = System.nanoTime();
        HttpResponse<String> response = http.appGet("/users/me");

        assertEquals(200, response.statusCode());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
    }

    @Test
    void aThrottledBodyArrivesWholeButNoFasterThanItsPace() {
        proxy.faults().next(1, Fault.throttled(1000), FaultSwitch.Target.AGENT);
        String readme = SandboxFiles.readme(sandboxId);

        long start = System.nanoTime();
        HttpResponse<String> response = http.agent(
                sandboxId,
                "GET",
                "/api/file/download?path="
                        + URLEncoder.encode(SandboxFiles.PROJECT + "/README.md", StandardCharsets.UTF_8),
                null);

        assertEquals(200, response.statusCode());
        assertEquals(readme, response.body());
        assertTrue(
                (System.nanoTime() - start) / 1_000_000 >= readme.length() - 20L,
                "about a millisecond a byte at 1000 bytes per second");
    }

    @Test
    void aFaultCanBeLimitedToAServerAndAPathPrefixUntilCleared() {
        proxy.faults().add(Fault.serverError(), FaultSwitch.Target.APP, "/api/v1/sandboxes", FaultRule.UNTIL_CLEARED);

        assertEquals(500, http.appGet("/sandboxes/search").statusCode());
        assertEquals(500, http.appGet("/sandboxes/search").statusCode());
        assertEquals(200, http.appGet("/app-conversations/count").statusCode());
        assertEquals(
                200,
                http.agent(sandboxId, "GET", "/api/conversations/search", null).statusCode());

        proxy.faults().clear();
        assertEquals(200, http.appGet("/sandboxes/search").statusCode());
    }
}
