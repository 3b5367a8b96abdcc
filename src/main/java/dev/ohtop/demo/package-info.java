/**
 * An embedded simulator of OpenHands Cloud for {@code --demo} and for tests: the app server and the
 * agent servers of the sandboxes, on two loopback ports, answering the routes ohtop's clients call
 * (where it differs from the real agent server: {@code docs/fidelity.md}).
 *
 * <pre>{@code
 * try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withClock(clock))) {
 *     demo.appServerUrl();              // http://127.0.0.1:P1      (routes under /api/v1, Bearer demo.apiKey())
 *     demo.agentServerUrl(sandboxId);   // http://127.0.0.1:P2/sandboxes/{sandboxId}   (X-Session-API-Key)
 *     demo.world().conversations();     // the truth, to compare with what a client shows
 * }
 * }</pre>
 *
 * <p>Tests break it on purpose (faults, throttled bodies) and log what clients sent through an
 * {@code Endpoint.Interceptor} in front of both services; the test sources' {@code DemoProxy} is one. The
 * shipped demo has none.
 *
 * <p>A conversation's {@code conversation_url} is {@code {agent base}/api/conversations/{id}} (or
 * {@code /api/acp/conversations/{id}} for {@code agent_kind: acp}); a sandbox's {@code exposed_urls}
 * entry {@code AGENT_SERVER} is the agent base itself. The world moves only when a request arrives
 * (or a test asks {@link dev.ohtop.demo.DemoWorld}), up to the injected clock; a start task whose
 * {@code selected_repository} contains "fail" ends in ERROR.
 */
package dev.ohtop.demo;
