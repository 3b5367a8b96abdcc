package dev.ohtop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javax.net.ssl.SSLParameters;

/**
 * The small HTTP core under both clients: one base URL, one credential, and everything a call
 * needs around it. It attaches the credential (and refuses plain http off loopback), applies
 * timeouts, retries idempotent calls on connection failures, 429, 502, 503 and 504 with
 * backoff (and any call on a 429, which the server refused before acting on it), turns error answers into {@link ApiException}s with one clean line, and redacts its
 * credential from every message it builds. The clients on top are plain lists of routes.
 */
public final class HttpCore {
    static final String USER_AGENT = "ohtop/" + Version.CURRENT;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private final HttpClient http;
    private final URI base;
    private final Credential credential;
    private final ClientOptions options;
    /** The server's shared request budget; null: none kept here. */
    private final RateGate gate;
    /** GET answers as last parsed, shared by this core's copies. */
    private final LastAnswers answers;

    /**
     * @param base the service root; route paths are appended to its path
     *             (e.g. {@code https://app.all-hands.dev/api/v1} + {@code /users/me})
     */
    public HttpCore(HttpClient http, URI base, Credential credential, ClientOptions options) {
        this(http, base, credential, options, null, new LastAnswers());
    }

    private HttpCore(
            HttpClient http,
            URI base,
            Credential credential,
            ClientOptions options,
            RateGate gate,
            LastAnswers answers) {
        this.http = Objects.requireNonNull(http);
        this.base = stripTrailingSlash(Objects.requireNonNull(base));
        this.credential = Objects.requireNonNull(credential);
        this.options = Objects.requireNonNull(options);
        this.gate = gate;
        this.answers = answers;
    }

    /**
     * A JDK client configured the way both services need: no redirects, bounded connect time,
     * HTTP/1.1. Small JSON calls gain nothing from HTTP/2, and the JDK's HTTP/2 stream can miss
     * a connection that breaks mid-body, leaving the reader blocked for good. TLS is set up on the
     * first https connection ({@link LazyTls}); empty parameters are the TLS engine's own defaults,
     * where the JDK's would ask the context for them, setting it up at once.
     */
    public static HttpClient newHttpClient(ClientOptions options) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(LazyTls.context())
                .sslParameters(new SSLParameters())
                .build();
    }

    /**
     * Ends the selector threads of the JDK's HTTP clients that nothing uses any more, for a quick
     * exit. Such a thread waits in native code until it notices, seconds later, that its client is
     * gone, and the JVM's exit waits up to 0.3 s for threads in native code: a one-shot command
     * took that much longer than its work. Java 17's client has no close(); the thread checks for
     * its client when woken, so: collect the unreferenced clients, then wake their threads. Call
     * it only when no client is in use.
     */
    public static void endIdleClients() {
        System.gc(); // clears the weak reference each selector thread checks
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            // The JDK names it "HttpClient-<n>-SelectorManager"; another Java's other name costs only the wait.
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt(); // wakes its select(); it sees the client gone and ends
                try {
                    thread.join(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public URI base() {
        return base;
    }

    /** The shared connection pool: the agent-server clients use it too. */
    public HttpClient http() {
        return http;
    }

    public ClientOptions options() {
        return options;
    }

    /** The same service, credential and connections with other options (say, no retries). */
    public HttpCore withOptions(ClientOptions newOptions) {
        return new HttpCore(http, base, credential, newOptions, gate, answers);
    }

    /** The same service with every request, retries included, first let through {@code newGate}. */
    public HttpCore gated(RateGate newGate) {
        return new HttpCore(http, base, credential, options, Objects.requireNonNull(newGate), answers);
    }

    // ---- JSON calls -------------------------------------------------------------------

    /** GET a JSON body of at most the options' size; retried on transient failures. */
    public JsonNode getJson(String path, Query query) throws ApiException {
        return getJson(path, query, options.maxJsonBytes());
    }

    /** GET a JSON body of at most {@code maxBytes}, for a route whose answers can be larger than most. */
    public JsonNode getJson(String path, Query query, long maxBytes) throws ApiException {
        return call(
                new Call("GET", path, query, null, null, options.requestTimeout(), true),
                (response, route) -> readJson(response, route, maxBytes));
    }

    /** GET and map to {@code type}. */
    public <T> T get(String path, Query query, Class<T> type) throws ApiException {
        return convert(getJson(path, query), type, "GET " + routePath(path));
    }

    /** A JSON request that changes something; never retried, since it may have been applied. */
    public JsonNode sendJson(String method, String path, Query query, Object body, Duration timeout)
            throws ApiException {
        BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(toJsonBytes(body));
        String contentType = body == null ? null : "application/json";
        Duration t = timeout == null ? options.requestTimeout() : timeout;
        return call(new Call(method, path, query, publisher, contentType, t, false), this::readJson);
    }

    public <T> T send(String method, String path, Query query, Object body, Class<T> type) throws ApiException {
        return convert(sendJson(method, path, query, body, null), type, method + " " + routePath(path));
    }

    /** Maps a JSON tree into a record; a shape we cannot read is a bad response, not a crash. */
    public static <T> T convert(JsonNode node, Class<T> type, String route) throws ApiException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Jackson's message quotes the value it could not map, and that value may be a key
            // (a VSCODE url carries one): say where the shape broke, and leave Jackson's text out.
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    route,
                    "unexpected " + type.getSimpleName() + " shape" + where(e),
                    null);
        }
    }

    /** {@code " at exposed_urls[0]"} for a mapping failure that knows its path; empty otherwise. */
    private static String where(Exception e) {
        Throwable t = e instanceof JsonMappingException ? e : e.getCause();
        if (!(t instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                at.append(at.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                at.append('[').append(ref.getIndex()).append(']');
            }
        }
        return at.length() == 0 ? "" : " at " + ErrorBodies.oneLine(at.toString());
    }

    // ---- streamed transfers -----------------------------------------------------------

    /**
     * Streams a GET body into {@code target}: written to a temporary file beside it and moved
     * into place only when complete, so a failure or cancel never leaves half a file and never
     * harms an existing one. Only the request, not the transfer, is retried.
     */
    public void download(String path, Query query, Path target, PartFiles.Access access, TransferListener listener)
            throws IOException {
        download(path, query, target, access, listener, BodyCheck.NONE);
    }

    /** Looks at a downloaded body before it is kept; throwing keeps nothing. */
    @FunctionalInterface
    public interface BodyCheck {
        BodyCheck NONE = (body, contentType, route) -> {};

        /** @param body the whole body, read through the part file's own channel */
        void check(FileChannel body, String contentType, String route) throws IOException;
    }

    /** As the download above, but the body is kept only if {@code check} passes. */
    public void download(
            String path, Query query, Path target, PartFiles.Access access, TransferListener listener, BodyCheck check)
            throws IOException {
        Call call = new Call("GET", path, query, null, null, options.requestTimeout(), true);
        Path absolute = target.toAbsolutePath();
        FileBody body = new FileBody(
                () -> PartFiles.createBeside(absolute, access), listener, call.route(this), options.diskSpace());
        try {
            exchange(call, body); // the body is in the file when this returns
        } catch (IOException | RuntimeException e) {
            boolean begun = body.written() != null;
            body.abandon();
            if (body.failure() != null) {
                throw body.failure();
            }
            if (begun && e instanceof ApiException api && api.getCause() instanceof IOException io) {
                throw transferBroke(call.route(this), io); // the client failed the send before the body heard
            }
            throw e;
        }
        PartFiles.Part part = body.written();
        try {
            check.check(part.channel(), body.contentType(), call.route(this));
        } catch (ApiException e) {
            part.discard(); // its words may quote the body: redacted like every message we build
            throw new ApiException(e.failure(), e.status(), e.route(), redact(e.detail()), null, null);
        } catch (IOException | RuntimeException e) {
            part.discard();
            throw e;
        }
        part.moveInto(absolute);
    }

    /**
     * POSTs {@code file} as multipart/form-data with one part named {@code field}, streaming it
     * from disk. No request timeout: a large upload legitimately takes long; cancel instead.
     */
    public JsonNode uploadMultipart(String path, Query query, String field, Path file, TransferListener listener)
            throws IOException {
        Multipart body = Multipart.of(field, file, listener);
        Call call = new Call("POST", path, query, body.publisher(), body.contentType(), null, false);
        try {
            return call(call, this::readJson);
        } catch (ApiException e) {
            if (listener.cancelled()) {
                throw new ApiException(ApiException.Failure.CANCELLED, call.route(this), "cancelled by the user", e);
            }
            throw e;
        }
    }

    // ---- the exchange itself ----------------------------------------------------------

    /** One request: what to send and whether it is safe to send again. */
    private record Call(
            String method,
            String path,
            Query query,
            BodyPublisher body,
            String contentType,
            Duration timeout,
            boolean idempotent) {
        String route(HttpCore core) {
            return method + " " + core.routePath(path);
        }
    }

    @FunctionalInterface
    private interface BodyReader<T> {
        T read(HttpResponse<InputStream> response, String route) throws IOException;
    }

    private <T> T call(Call call, BodyReader<T> reader) throws ApiException {
        RetryPolicy retry = options.retry();
        for (int attempt = 1; ; attempt++) {
            boolean canRetry = call.idempotent() && attempt < retry.maxAttempts();
            try {
                HttpResponse<InputStream> response =
                        exchange(call, attempt, canRetry, HttpResponse.BodyHandlers.ofInputStream());
                // A total deadline for the answer even where the request has none (an upload's answer).
                Duration deadline = call.timeout() != null ? call.timeout() : options.requestTimeout();
                InputStream body = response.body();
                try (body;
                        ReadWatchdog watchdog = ReadWatchdog.start(deadline, body)) {
                    try {
                        return reader.read(response, call.route(this));
                    } catch (IOException e) {
                        if (watchdog.fired()) {
                            throw new ApiException(
                                    ApiException.Failure.TIMEOUT,
                                    call.route(this),
                                    "the answer stopped half-way: it was not whole within " + seconds(deadline),
                                    e);
                        }
                        throw e;
                    }
                }
            } catch (Retry r) {
                pause(r.delay, call);
            } catch (ApiException e) {
                throw e;
            } catch (IOException bodyBroke) {
                // The answer started but broke off (connection reset, body cut short).
                if (!canRetry) {
                    throw transferBroke(call.route(this), bodyBroke);
                }
                pause(retry.backoff(attempt), call);
            }
        }
    }

    private HttpResponse<InputStream> exchange(Call call, HttpResponse.BodyHandler<InputStream> handler)
            throws ApiException {
        RetryPolicy retry = options.retry();
        for (int attempt = 1; ; attempt++) {
            boolean canRetry = call.idempotent() && attempt < retry.maxAttempts();
            try {
                return exchange(call, attempt, canRetry, handler);
            } catch (Retry r) {
                pause(r.delay, call);
            }
        }
    }

    /** Signals that the attempt failed in a way worth repeating after {@code delay}. */
    private static final class Retry extends Exception {
        final Duration delay;

        Retry(Duration delay) {
            super(null, null, false, false);
            this.delay = delay;
        }
    }

    /** One attempt ({@code attempt} counts from 1, and sets the backoff before the next one). */
    private HttpResponse<InputStream> exchange(
            Call call, int attempt, boolean canRetry, HttpResponse.BodyHandler<InputStream> handler)
            throws ApiException, Retry {
        String route = call.route(this);
        URI uri = resolve(call.path(), call.query());
        TransportPolicy.check(uri, options.allowInsecure(), route);
        ReadOnly.check(options, call.method(), route);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body())
                .header(credential.header(), credential.headerValue())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (call.timeout() != null) {
            builder.timeout(call.timeout());
        }
        if (call.contentType() != null) {
            builder.header("Content-Type", call.contentType());
        }
        HttpResponse<InputStream> response;
        try {
            if (gate != null) {
                gate.admit();
            }
            response = http.send(builder.build(), handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            if (canRetry) {
                throw new Retry(options.retry().backoff(attempt));
            }
            throw unreachable(route, uri, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(
                    ApiException.Failure.TIMEOUT, route, "no answer within " + seconds(call.timeout()), e);
        } catch (IOException e) {
            // A body that broke off half-way was a transfer, not a request: not sent again.
            boolean bodyBegun = handler instanceof FileBody body && body.written() != null;
            if (canRetry && !bodyBegun) {
                throw new Retry(options.retry().backoff(attempt));
            }
            throw unreachable(route, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Failure.CANCELLED, route, "interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        ApiException error = errorFrom(response, route);
        // A 429 was turned away before anything was done: a change may be sent again too, when asked.
        boolean mayRepeat =
                canRetry || (status == 429 && attempt < options.retry().maxAttempts());
        if (mayRepeat && isRetryable(status)) {
            Duration wait = error.retryAfter().orElse(null);
            if (wait == null) {
                throw new Retry(options.retry().backoff(attempt));
            }
            if (wait.compareTo(options.retry().maxRetryAfter()) <= 0) {
                throw new Retry(wait);
            }
        }
        throw error;
    }

    private static boolean isRetryable(int status) {
        return status == 429 || isGateway(status);
    }

    private static boolean isGateway(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private void pause(Duration delay, Call call) throws ApiException {
        try {
            options.retry().sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Failure.CANCELLED, call.route(this), "interrupted", e);
        }
    }

    private ApiException errorFrom(HttpResponse<InputStream> response, String route) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        if (status >= 300 && status < 400) {
            String location = response.headers()
                    .firstValue("Location")
                    .map(HttpCore::hostOf)
                    .orElse("elsewhere");
            return new ApiException(
                    ApiException.Failure.REDIRECT,
                    status,
                    route,
                    redact("the server redirected to " + ErrorBodies.oneLine(location)
                            + "; not followed with credentials"),
                    null,
                    null);
        }
        // Redact before describing: the description is cut short, which could leave half a key behind.
        String text = redact(new String(body, StandardCharsets.UTF_8));
        String detail = ErrorBodies.describe(text, contentType);
        if (detail.isEmpty() || (isGateway(status) && ErrorBodies.looksLikeHtml(text, contentType))) {
            // A gateway's own page ("502 Bad Gateway" from nginx) says no more than its status does.
            detail = defaultReason(status);
        }
        Duration retryAfter = retryAfter(response, options.retry().clock());
        if (status == 429 && retryAfter != null) {
            detail = detail + " (retry after " + seconds(retryAfter) + ")";
        }
        return new ApiException(ApiException.Failure.HTTP_STATUS, status, route, redact(detail), retryAfter, null);
    }

    /** The host a redirect points at; a Location we cannot parse must not turn into a crash. */
    private static String hostOf(String location) {
        try {
            String host = URI.create(location.strip()).getHost();
            return host == null ? "elsewhere" : host;
        } catch (IllegalArgumentException unreadable) {
            return "an unreadable location";
        }
    }

    private static String defaultReason(int status) {
        return switch (status) {
            case 401 -> "unauthorized: the key was refused";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 429 -> "rate limited";
            case 502 -> "bad gateway";
            case 503 -> "service unavailable";
            case 504 -> "gateway timeout";
            default -> "no details given";
        };
    }

    /** {@code Retry-After} in seconds or as an HTTP date (from {@code clock}'s now); null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response, Clock clock) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private JsonNode readJson(HttpResponse<InputStream> response, String route) throws IOException {
        return readJson(response, route, options.maxJsonBytes());
    }

    private JsonNode readJson(HttpResponse<InputStream> response, String route, long maxBytes) throws IOException {
        byte[] body = readCapped(response.body(), maxBytes, route);
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String head = new String(body, 0, Math.min(body.length, 256), java.nio.charset.StandardCharsets.UTF_8);
        if (ErrorBodies.looksLikeHtml(head, contentType)) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    response.statusCode(),
                    route,
                    "expected JSON but the server sent an HTML page (is the base URL right?)",
                    null,
                    null);
        }
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        boolean repeatable = "GET".equals(response.request().method());
        JsonNode same = repeatable ? answers.same(response.request().uri(), body) : null;
        if (same != null) {
            return same;
        }
        try {
            JsonNode tree = JsonTree.read(body);
            if (repeatable) {
                answers.remember(response.request().uri(), body, tree);
            }
            return tree;
        } catch (JsonProcessingException e) {
            if (!isUtf8(body)) {
                return readNotUtf8(body, response.statusCode(), route);
            }
            throw malformed(e, response.statusCode(), route);
        }
    }

    /**
     * JSON whose strings hold bytes that are no UTF-8 (one bad byte in a title, say): those bytes
     * become U+FFFD, as any text decoder shows them, rather than the whole answer being lost.
     */
    private JsonNode readNotUtf8(byte[] body, int status, String route) throws ApiException {
        try {
            return JsonTree.read(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw malformed(e, status, route);
        }
    }

    private ApiException malformed(JsonProcessingException e, int status, String route) {
        if (e instanceof StreamConstraintsException) {
            return new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    status,
                    route,
                    "the JSON is beyond what ohtop reads (" + JsonTree.LIMITS + "); refused",
                    null,
                    null);
        }
        // Not kept as the cause: its message quotes the token it choked on, unredacted.
        return new ApiException(
                ApiException.Failure.BAD_RESPONSE,
                status,
                route,
                "malformed JSON: " + ErrorBodies.oneLine(redact(String.valueOf(e.getOriginalMessage()))),
                null,
                null);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] readCapped(InputStream in, long max, String route) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (body.length > max) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    route,
                    "response larger than " + (max / (1024 * 1024)) + " MiB; refused",
                    null);
        }
        return body;
    }

    private ApiException unreachable(String route, URI uri, IOException e) {
        String why = e instanceof HttpConnectTimeoutException
                ? "connect timed out"
                : e instanceof ConnectException
                        ? "connection refused"
                        : closedBeforeAnswer(e)
                                ? "the connection closed before any answer"
                                : e.getMessage() == null
                                        ? e.getClass().getSimpleName()
                                        : ErrorBodies.oneLine(e.getMessage());
        return new ApiException(
                ApiException.Failure.UNREACHABLE, route, redact(uri.getHost() + ":" + port(uri) + ": " + why), e);
    }

    /** The JDK's words for a connection closed before the status line ("header parser received no bytes"). */
    private static boolean closedBeforeAnswer(IOException e) {
        String message = e.getMessage();
        return e instanceof java.io.EOFException
                || (message != null && (message.contains("received no bytes") || message.contains("EOF reached")));
    }

    static ApiException transferBroke(String route, IOException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : ErrorBodies.oneLine(e.getMessage());
        return new ApiException(
                ApiException.Failure.UNREACHABLE, route, "the answer broke off half-way (" + why + ")", e);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The credential of this service and every other secret met so far (another sandbox's key). */
    private String redact(String text) {
        return options.secrets().hide(credential.redact(text));
    }

    private byte[] toJsonBytes(Object body) throws ApiException {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiException.Failure.BAD_RESPONSE, "encode", "cannot encode request", e);
        }
    }

    // ---- URLs -------------------------------------------------------------------------

    String routePath(String path) {
        return (base.getRawPath() == null ? "" : base.getRawPath()) + path;
    }

    private URI resolve(String path, Query query) {
        String q = query == null || query.isEmpty() ? "" : "?" + query.encode();
        return URI.create(base.toString() + path + q);
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    private static String seconds(Duration d) {
        return d == null ? "the time allowed" : d.toSeconds() + " s";
    }

    /** Percent-encodes one path segment (ids are opaque to us, so never pasted raw). */
    public static String segment(String raw) {
        return Query.component(Objects.requireNonNull(raw, "path segment"));
    }

    @Override
    public String toString() {
        return "HttpCore[" + base + ", " + credential + "]";
    }
}
