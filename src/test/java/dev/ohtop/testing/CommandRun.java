package dev.ohtop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.Main;
import dev.ohtop.api.Json;
import dev.ohtop.demo.DemoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code ohtop COMMAND ...} run in this JVM, as a script would run it: stdout and stderr
 * apart, stdout not a terminal unless asked, and the exit code.
 */
public record CommandRun(int exit, String out, String err) {

    /** Against a demo server (or anything with its key): {@code --base-url} and the key set for you. */
    public static CommandRun against(DemoServer demo, String... args) {
        return against(demo.appServerUrl(), demo.apiKey(), "", args);
    }

    /** Against {@code server} with {@code key}, {@code stdin} on standard input. */
    public static CommandRun against(URI server, String key, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--base-url", server.toString()));
        all.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", key));
        return run(env, stdin, false, all.toArray(String[]::new));
    }

    /** Attached to the agent server at {@code url} ({@code --agent-server}), its session key in the environment. */
    public static CommandRun attached(URI url, String sessionKey, String... args) {
        List<String> all = new ArrayList<>(List.of("--agent-server", url.toString()));
        all.addAll(List.of(args));
        return run(Map.of("LANG", "C.UTF-8", "OH_SESSION_API_KEY", sessionKey), "", false, all.toArray(String[]::new));
    }

    /** Exactly these arguments and this environment. */
    public static CommandRun run(Map<String, String> env, String stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal,
                Clock.systemDefaultZone());
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout as one JSON document. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON:\n" + this, e);
        }
    }

    /** stdout as JSON Lines: one document per line, none empty. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            try {
                lines.add(Json.MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line + "\n" + this, e);
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err + "---";
    }
}
