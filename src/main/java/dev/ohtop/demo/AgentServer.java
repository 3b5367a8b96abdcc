package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The agent servers of all sandboxes on one port, each under {@code /sandboxes/{sandboxId}}: spec
 * section 2. Only the sandbox's own {@code X-Session-API-Key} opens it; a Bearer key is not a
 * credential here.
 *
 * <p>A sandbox that is not RUNNING answers every request with 503 and the HTML page of the
 * ingress in front of it: on Cloud the sandbox's host name stays routable while its pod is paused,
 * starting or gone, and it is the proxy, not the agent server, that answers.
 */
final class AgentServer implements Endpoint.Service {
    private static final String PREFIX = "/sandboxes/{sandbox}";
    private static final String SANDBOXES = "/sandboxes/";

    /** Wraps the handlers of routes that need the sandbox's session key. */
    @FunctionalInterface
    interface Guard {
        Router.Handler authed(Router.Handler handler);
    }

    private final DemoWorld world;
    private final String version;
    private final Router router = new Router();

    AgentServer(DemoWorld world, SandboxFiles files, BashRunner bash, boolean legacyFileRoutes) {
        this.world = world;
        // Query-form file routes arrived in v1.13; a legacy demo claims to be older.
        this.version = legacyFileRoutes ? "1.12.0" : "1.14.0";
        Guard guard = handler -> (call, params) -> {
            requireSessionKey(call, params.get("sandbox"));
            handler.handle(call, params);
        };
        router.add("GET", PREFIX + "/alive", this::alive)
                .add("GET", PREFIX + "/health", this::alive)
                .add("GET", PREFIX + "/server_info", this::serverInfo);
        new BashRoutes(bash, files).register(router, PREFIX, guard);
        new FileRoutes(files, legacyFileRoutes).register(router, PREFIX, guard);
        new AgentConversationRoutes(world).register(router, PREFIX, guard);
    }

    @Override
    public void answer(Call call) throws IOException {
        String path = call.path();
        if (!path.startsWith(SANDBOXES)) {
            throw ApiError.notFound();
        }
        int end = path.indexOf('/', SANDBOXES.length());
        String sandboxId = path.substring(SANDBOXES.length(), end < 0 ? path.length() : end);
        SandboxStatus status = world.act(w -> {
            Sandbox sandbox = w.sandbox(sandboxId);
            return sandbox == null ? null : sandbox.status;
        });
        if (status == null) {
            throw ApiError.notFound();
        }
        if (status != SandboxStatus.RUNNING) {
            call.text(503, "text/html", ProxyPage.titled("503 Service Temporarily Unavailable"));
            return;
        }
        router.dispatch(call, path);
    }

    private void requireSessionKey(Call call, String sandboxId) {
        String given = call.header("X-Session-API-Key");
        String expected = world.act(w -> w.sandbox(sandboxId).sessionKey);
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.detail(401, "Unauthorized");
        }
    }

    private void alive(Call call, Map<String, String> params) throws IOException {
        call.json(200, Json.object().put("status", "ok"));
    }

    private void serverInfo(Call call, Map<String, String> params) throws IOException {
        ObjectNode info = world.act(w -> {
            Sandbox sandbox = w.sandbox(params.get("sandbox"));
            Instant lastActive = sandbox.upSince;
            for (Conversation conversation : w.conversationsIn(sandbox.id)) {
                if (conversation.updatedAt.isAfter(lastActive)) {
                    lastActive = conversation.updatedAt;
                }
            }
            return Json.object()
                    .put("uptime", seconds(sandbox.upSince, w.now()))
                    .put("idle_time", seconds(lastActive, w.now()));
        });
        info.put("title", "OpenHands Agent Server")
                .put("version", version)
                .put("sdk_version", version)
                .put("tools_version", version)
                .put("docs", "/docs")
                .put("redoc", "/redoc");
        call.json(200, info);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }
}
