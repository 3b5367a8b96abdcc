package dev.ohtop.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a demo command's bash sees of ohtop's environment: only what a shell needs to find its
 * tools and speak the user's language. Everything else stays out: ohtop's own Cloud key, cloud
 * credentials, the SSH agent's socket. HOME and TMPDIR are the sandbox's, in its scratch folder,
 * as a sandbox has its own home: tools that read their settings and credentials from HOME (git,
 * ssh, aws, pip) then find none of the user's.
 */
final class CommandEnvironment {
    private static final Set<String> KEPT = Set.of("PATH", "LANG", "TERM", "USER");

    private CommandEnvironment() {}

    /** PATH, LANG, LC_*, TERM and USER as ohtop has them; HOME and TMPDIR the sandbox's. */
    static Map<String, String> of(Map<String, String> ohtops, Path home, Path tmp) {
        Map<String, String> kept = new TreeMap<>();
        ohtops.forEach((name, value) -> {
            if (KEPT.contains(name) || name.startsWith("LC_")) {
                kept.put(name, value);
            }
        });
        kept.put("HOME", home.toString());
        kept.put("TMPDIR", tmp.toString());
        return kept;
    }
}
