package dev.ohtop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OpenHands Cloud API skill's Python client: its script, read where the skill keeps it
 * ({@code ../shared/reference/openhands_api.py} beside the repository, never copied in, or where
 * {@code OHTOP_SKILL_CLIENT} says), run by
 * the venv with httpx that {@code src/test/scripts/skill-client.sh} installs.
 *
 * @param script  the client's script
 * @param python  the venv's interpreter
 * @param missing why the client cannot run here, or null when it can
 */
record SkillClient(Path script, Path python, String missing) {
    static SkillClient find(Path repo) {
        Path script = script(repo);
        String cache = System.getenv("OHTOP_CACHE");
        Path root = cache != null && !cache.isBlank()
                ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "ohtop");
        Path python = root.resolve("skill-client-venv/bin/python");
        String missing = null;
        if (!Files.isRegularFile(script)) {
            missing = script + " is missing (the skill's client lives beside the repository)";
        } else if (!Files.isExecutable(python)) {
            missing = "no " + python + " (src/test/scripts/skill-client.sh --install-only installs it)";
        }
        return new SkillClient(script, python, missing);
    }

    /**
     * {@code OHTOP_SKILL_CLIENT}, or {@code shared/reference/openhands_api.py} beside the repository
     * or beside a folder above it (a git worktree of it lives deeper than its main checkout).
     */
    private static Path script(Path repo) {
        String told = System.getenv("OHTOP_SKILL_CLIENT");
        if (told != null && !told.isBlank()) {
            return Path.of(told);
        }
        Path beside = repo.toAbsolutePath().normalize().resolveSibling("shared/reference/openhands_api.py");
        for (Path dir = repo.toAbsolutePath().normalize();
                dir != null && dir.getParent() != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared/reference/openhands_api.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return beside;
    }

    /** The skill's own list: {@code search-conversations --limit N} against {@code url}. */
    List<String> command(String url, int limit) {
        return List.of(
                python.toString(),
                script.toString(),
                "search-conversations",
                "--limit",
                String.valueOf(limit),
                "--base-url",
                url);
    }
}
