package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.monitor.CloudAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command names its conversation by a whole id or any unique prefix of one, as `ohtop ls` shows
 * it; over 250 conversations (three pages of the search) a prefix is unique only when no other
 * conversation starts with it.
 */
class ConversationsTest {
    private final DemoProxy proxy = new DemoProxy();
    private final List<String> said = new ArrayList<>();
    private DemoServer demo;
    private Conversations conversations;
    private List<ConversationSnapshot> held;

    @BeforeEach
    void start() throws IOException {
        demo = proxy.startDemo(DemoConfig.defaults().withConversationCount(250));
        ClientOptions options = ClientOptions.defaults();
        CloudClient cloud = new CloudClient(
                HttpCore.newHttpClient(options), demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
        conversations = new Conversations(new CloudAccount(cloud, false).lookups(), said::add);
        held = demo.world().conversations();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void aWholeIdIsAskedForDirectlyInOneRequest() throws Exception {
        String id = held.get(held.size() - 1).id();
        long mark = proxy.requests().mark();

        assertEquals(id, conversations.find(id).id());

        assertEquals(1, proxy.requests().since(mark).size(), "one batch get, no search through every page");
    }

    @Test
    void theOldestConversationIsFoundByAUniquePrefixThroughEveryPage() throws Exception {
        String oldest = held.get(held.size() - 1).id();
        String prefix = uniquePrefix(oldest);

        assertEquals(oldest, conversations.find(prefix).id());
        assertEquals(oldest, conversations.find(prefix.toUpperCase(Locale.ROOT)).id(), "any case");
    }

    @Test
    void aPrefixThatFitsSeveralConversationsNamesThemAndExitsFour() {
        Map<String, List<String>> byFirstDigits = new TreeMap<>();
        held.forEach(c -> byFirstDigits
                .computeIfAbsent(c.id().substring(0, 2), k -> new ArrayList<>())
                .add(c.id()));
        Map.Entry<String, List<String>> shared = byFirstDigits.entrySet().stream()
                .filter(e -> e.getValue().size() >= 2 && e.getValue().size() <= Conversations.CANDIDATES)
                .findFirst()
                .orElseThrow();

        CommandFailure failure = assertThrows(CommandFailure.class, () -> conversations.find(shared.getKey()));

        assertEquals(Exit.NOT_FOUND, failure.exit());
        for (String id : shared.getValue()) {
            assertTrue(failure.getMessage().contains(id), "candidate " + id + " named:\n" + failure.getMessage());
        }
    }

    @Test
    void aPrefixNoConversationHasIsNotFound() {
        String none = "0123456789abcdef"
                .chars()
                .mapToObj(c -> String.valueOf((char) c).repeat(6))
                .filter(p -> held.stream().noneMatch(c -> c.id().startsWith(p)))
                .findFirst()
                .orElseThrow();

        CommandFailure failure = assertThrows(CommandFailure.class, () -> conversations.find(none));

        assertEquals(Exit.NOT_FOUND, failure.exit());
        assertTrue(failure.getMessage().contains("no conversation id starts with " + none), failure.getMessage());
    }

    @Test
    void somethingThatIsNotAnIdIsAUsageErrorShownInertAndNoRequestLeaves() {
        long mark = proxy.requests().mark();

        CommandFailure failure = assertThrows(CommandFailure.class, () -> conversations.find("\u001b]0;pwned\u0007"));

        assertEquals(Exit.USAGE, failure.exit());
        assertFalse(failure.getMessage().contains("\u001b"), failure.getMessage());
        assertTrue(failure.getMessage().contains("^["), failure.getMessage());
        assertEquals(0, proxy.requests().since(mark).size());
    }

    /** The shortest prefix of {@code id} (8 digits at least, as the list shows) no other conversation has. */
    private String uniquePrefix(String id) {
        for (int n = 8; n <= id.length(); n++) {
            String prefix = id.substring(0, n);
            if (held.stream().filter(c -> c.id().startsWith(prefix)).count() == 1) {
                return prefix;
            }
        }
        throw new AssertionError("no unique prefix for " + id);
    }
}
