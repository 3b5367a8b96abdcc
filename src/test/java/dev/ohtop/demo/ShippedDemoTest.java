package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the jar carries of the demo: the simulator, not the tests' means of breaking it. */
class ShippedDemoTest {
    private static final Pattern TEST_SUPPORT = Pattern.compile("(Fault|Throttle|RequestLog|SeenRequest|DemoProxy).*");

    @Test
    void faultInjectionAndTheRequestLogAreNotAmongTheShippedClasses() throws IOException, URISyntaxException {
        // The main classes directory is what the jar is packed from.
        Path mainClasses = Path.of(DemoServer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path demo = mainClasses.resolve("dev/ohtop/demo");
        try (Stream<Path> files = Files.list(demo)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("DemoServer.class"), "not the main classes: " + demo);
            assertEquals(
                    List.of(),
                    names.stream()
                            .filter(n -> TEST_SUPPORT.matcher(n).matches())
                            .toList());
        }
    }
}
