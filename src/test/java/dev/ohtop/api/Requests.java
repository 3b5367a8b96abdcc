package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fake server received, in the shapes the assertions want. */
final class Requests {
    private Requests() {}

    /**
     * Every request the server saw, oldest first. WireMock keeps its journal newest first; reversing it
     * keeps the true order, where sorting by the logged date would shuffle requests made within one millisecond.
     */
    static List<LoggedRequest> all(WireMockExtension wm) {
        List<LoggedRequest> newestFirst = new ArrayList<>(
                wm.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The one request the server saw; fails when there were more or none. */
    static LoggedRequest only(WireMockExtension wm) {
        List<LoggedRequest> all = all(wm);
        assertEquals(
                1,
                all.size(),
                () -> "expected exactly one request, got "
                        + all.stream()
                                .map(r -> r.getMethod() + " " + r.getUrl())
                                .toList());
        return all.get(0);
    }

    /** The query as name -> values in sent order (repeated names keep every value). */
    static Map<String, List<String>> query(LoggedRequest request) {
        Map<String, List<String>> out = new TreeMap<>();
        request.getQueryParams().forEach((name, param) -> out.put(name, param.values()));
        return out;
    }

    /** Builds an expected query: {@code q("a", "1", "b", "2")}. */
    static Map<String, List<String>> q(String... namesAndValues) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return new TreeMap<>(out);
    }

    static JsonNode jsonBody(LoggedRequest request) {
        try {
            return Json.MAPPER.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app server gets the Bearer API key and never a session key. */
    static RequestPatternBuilder withAppServerAuth(RequestPatternBuilder pattern) {
        return pattern.withHeader("Authorization", equalTo("Bearer " + Wire.API_KEY))
                .withHeader("X-Session-API-Key", absent());
    }

    /** An agent server gets its session key and never the Bearer API key. */
    static RequestPatternBuilder withAgentAuth(RequestPatternBuilder pattern) {
        return pattern.withHeader("X-Session-API-Key", equalTo(Wire.SESSION_KEY))
                .withHeader("Authorization", absent());
    }
}
