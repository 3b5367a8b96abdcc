package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ohtop.testing.PomVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Servers see which ohtop calls them: the pom's version, not a copy of it that can fall behind. */
class UserAgentTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @Test
    void everyRequestNamesOhtopAndThePomsVersion() throws Exception {
        wm.stubFor(get("/api/v1/users/me").willReturn(okJson("{\"id\":\"u-1\",\"email\":\"dev@example.com\"}")));

        Wire.cloud(wm).me();

        wm.verify(getRequestedFor(urlPathEqualTo("/api/v1/users/me"))
                .withHeader("User-Agent", equalTo("ohtop/" + PomVersion.read())));
    }
}
