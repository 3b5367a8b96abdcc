package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** The world every wire test starts from: a WireMock server, two keys, fast options, fixtures. */
final class Wire {
    static final String API_KEY = "ohk-API-7f3a9c1e5b2d4f6a8c0e";
    static final String SESSION_KEY = "sess-SESSION-4b8d2f6a0c1e3a5b";
    static final double FIXED_RANDOM = 0.5;

    private Wire() {}

    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort())
                .build();
    }

    /** Retries as in production (4 attempts, 500 ms doubling to 8 s, Retry-After up to 10 s), but recorded. */
    static RetryPolicy retry(RecordingSleeper sleeper) {
        return new RetryPolicy(
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                Duration.ofSeconds(10),
                sleeper,
                () -> FIXED_RANDOM,
                Clock.systemUTC());
    }

    static ClientOptions options(RecordingSleeper sleeper) {
        return new ClientOptions(
                Duration.ofSeconds(2), Duration.ofSeconds(5), retry(sleeper), false, 16L * 1024 * 1024);
    }

    static CloudClient cloud(WireMockExtension wm, ClientOptions options) {
        return new CloudClient(
                HttpCore.newHttpClient(options), URI.create(wm.baseUrl()), Credential.bearer(API_KEY), options);
    }

    static CloudClient cloud(WireMockExtension wm) {
        return cloud(wm, options(new RecordingSleeper()));
    }

    static AgentServerClient agent(WireMockExtension wm, ClientOptions options) {
        return new AgentServerClient(
                HttpCore.newHttpClient(options),
                new AgentEndpoint(URI.create(wm.baseUrl()), Credential.sessionKey(SESSION_KEY)),
                options);
    }

    static AgentServerClient agent(WireMockExtension wm) {
        return agent(wm, options(new RecordingSleeper()));
    }

    /** A real zip of one entry, as a trajectory route sends it. */
    static byte[] zip(String name, byte[] content) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A file of src/test/resources/fixtures (copied from the API spec's examples). */
    static String fixture(String name) {
        try (InputStream in = Wire.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
