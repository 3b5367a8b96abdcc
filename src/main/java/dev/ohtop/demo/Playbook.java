package dev.ohtop.demo;

import java.util.List;
import java.util.Random;

/** What the simulated agents say and do: a fixed repertoire, picked from by each conversation's own random. */
final class Playbook {
    static final List<String> TITLES = List.of(
            "Fix flaky test in tests/test_api.py",
            "Add pagination to /v2/orders endpoint",
            "Upgrade React to 19 and fix type errors",
            "Investigate memory leak in worker pool",
            "Write migration for user_preferences table",
            "Refactor payment retries into a state machine",
            "Add OpenTelemetry tracing to checkout flow",
            "Speed up CI: cache pip and node_modules",
            "Document the deployment runbook",
            "Fix timezone bug in invoice due dates",
            "Replace moment.js with date-fns",
            "Add rate limiting to public API",
            "Triage failing nightly e2e suite",
            "Port CLI argument parsing to click",
            "Harden Dockerfile (non-root user, pinned base)",
            "Summarize open security advisories",
            "Implement CSV export for reports",
            "Fix N+1 queries on the dashboard",
            "Add dark mode to settings page",
            "Bump dependencies and fix deprecations",
            "Write unit tests for the billing module",
            "Resolve merge conflicts on release/2.4",
            "Investigate 502s from the image resizer",
            "Add retry with backoff to webhook sender",
            "Clean up feature flags older than 90 days",
            "Translate onboarding emails to German",
            "Make search results keyboard navigable",
            "Profile slow startup of the admin app",
            "Migrate cron jobs to the task queue",
            "Review PR #812: streaming uploads");

    static final List<String> REPOSITORIES = List.of(
            "acme/api",
            "acme/web",
            "acme/infra",
            "octo-org/payments-service",
            "octo-org/mobile-app",
            "octo-org/data-pipeline");

    static final List<String> BRANCHES = List.of("main", "main", "develop", "fix/flaky-timeout", "feature/csv-export");

    static final List<String> MODELS = List.of(
            "litellm_proxy/claude-sonnet-4-5-20250929",
            "litellm_proxy/claude-opus-4-5-20251101",
            "litellm_proxy/gpt-5-2025-08-07",
            "litellm_proxy/gemini-2.5-pro");

    static final String SYSTEM_PROMPT = "You are OpenHands agent, a helpful AI assistant that can interact with a "
            + "computer to solve tasks.\n\n<ROLE>\nYour primary role is to assist users by executing commands, "
            + "modifying code, and solving technical problems effectively. You should be thorough, methodical, and "
            + "prioritize quality over speed.\n</ROLE>\n\n<EFFICIENCY>\nEach action you take is somewhat expensive. "
            + "Wherever possible, combine multiple actions into a single action.\n</EFFICIENCY>\n\n<FILE_SYSTEM_GUIDELINES>\n"
            + "When a user provides a file path, do NOT assume it's relative to the current working directory.\n"
            + "</FILE_SYSTEM_GUIDELINES>\n";

    static final List<String> TOOLS = List.of("terminal", "file_editor", "task_tracker", "think", "finish");

    private static final List<String> AGENT_REMARKS = List.of(
            "I'll start by looking at the repository layout and the failing test.",
            "The failure only happens under load, so I'll check the client timeout next.",
            "The tests pass locally now; let me run the linter as well.",
            "I found the cause. Let me write a regression test before changing the code.",
            "Let me double-check the change against the rest of the suite.");

    private static final List<AgentStep> STEPS = List.of(
            new AgentStep.Terminal(
                    "ls -la",
                    "total 48\ndrwxr-xr-x 6 openhands openhands 4096 .\n"
                            + "-rw-r--r-- 1 openhands openhands 1203 README.md\ndrwxr-xr-x 3 openhands openhands 4096 src\n"
                            + "drwxr-xr-x 2 openhands openhands 4096 tests\n-rw-r--r-- 1 openhands openhands  612 pyproject.toml",
                    0,
                    "list the project files",
                    "Let me see what the project contains."),
            new AgentStep.Terminal(
                    "git status",
                    "On branch main\nYour branch is up to date with 'origin/main'.\n\n"
                            + "nothing to commit, working tree clean",
                    0,
                    "check the working tree",
                    ""),
            new AgentStep.Terminal(
                    "git log --oneline -5",
                    "9c1e2f4 Merge pull request #811 from acme/retry\n"
                            + "4b7a0d2 Retry webhook delivery\n1f0e9c3 Bump httpx to 0.28\n"
                            + "77d2a10 Split settings module\n0a9b8c7 Initial import",
                    0,
                    "read recent history",
                    ""),
            new AgentStep.FileEdit(
                    "view",
                    SandboxFiles.PROJECT + "/README.md",
                    null,
                    null,
                    "Here's the result of running `cat -n` on " + SandboxFiles.PROJECT
                            + "/README.md:\n     1\t# Project\n"
                            + "     2\t\n     3\tRun `make test` to run the suite.",
                    "read the README",
                    "The README should tell me how tests are run."),
            new AgentStep.Terminal(
                    "grep -rn \"timeout\" src/ | head -20",
                    "src/client.py:14:    timeout=1,\n"
                            + "src/client.py:31:        except httpx.TimeoutException:\nsrc/settings.py:8:HTTP_TIMEOUT = 1",
                    0,
                    "find the timeout settings",
                    "The flaky test smells like a timeout."),
            new AgentStep.Terminal(
                    "python -m pytest tests/ -x -q",
                    "F.\n=== FAILURES ===\n" + "test_timeout: AssertionError\n1 failed, 11 passed in 7.1s",
                    1,
                    "run the test suite",
                    "Let me run the tests first."),
            new AgentStep.Think("The failure comes from a 1 s client timeout that is too short when CI is busy. "
                    + "Raising it to 5 s and adding a regression test should settle it."),
            new AgentStep.FileEdit(
                    "str_replace",
                    SandboxFiles.PROJECT + "/src/client.py",
                    "timeout=1",
                    "timeout=5",
                    "The file " + SandboxFiles.PROJECT
                            + "/src/client.py has been edited. Here's the result of running `cat -n`"
                            + " on a snippet:\n    14\t    timeout=5,",
                    "raise the client timeout",
                    ""),
            new AgentStep.FileEdit(
                    "create",
                    SandboxFiles.PROJECT + "/tests/test_timeout.py",
                    null,
                    "def test_client_timeout_is_generous(client):\n    assert client.timeout.read >= 5\n",
                    "File created successfully at: " + SandboxFiles.PROJECT + "/tests/test_timeout.py",
                    "add a regression test",
                    "A small test keeps this from coming back."),
            new AgentStep.Terminal(
                    "python -m pytest tests/ -q", "............\n12 passed in 3.4s", 0, "run the test suite again", ""),
            new AgentStep.Terminal(
                    "git diff --stat",
                    " src/client.py           | 2 +-\n tests/test_timeout.py   | 2 ++\n"
                            + " 2 files changed, 3 insertions(+), 1 deletion(-)",
                    0,
                    "review the change",
                    ""),
            new AgentStep.Terminal("ruff check src tests", "All checks passed!", 0, "lint the code", ""),
            new AgentStep.Terminal(
                    "cat pyproject.toml | head -8",
                    "[project]\nname = \"acme-api\"\nversion = \"2.4.0\"\n"
                            + "requires-python = \">=3.11\"\ndependencies = [\"httpx>=0.28\", \"fastapi>=0.115\"]",
                    0,
                    "check the project metadata",
                    ""));

    /** The step a stuck agent keeps repeating. */
    static final AgentStep STUCK_STEP = new AgentStep.Terminal(
            "python -m pytest tests/test_api.py -x -q",
            "F\n=== FAILURES ===\ntest_timeout: AssertionError\n1 failed in 7.0s",
            1,
            "run the failing test again",
            "Let me run the failing test again.");

    /** The step a conversation waits for confirmation on: risky enough that a human should say yes. */
    static final AgentStep RISKY_STEP = new AgentStep.Terminal(
            "git push --force origin main",
            "",
            0,
            "force-push the rewritten history",
            "The history is clean now; I need to force-push it.");

    /** The steps a conversation in confirmation mode stops at, in turn: the first is {@link #RISKY_STEP}. */
    private static final List<AgentStep> RISKY_STEPS = List.of(
            RISKY_STEP,
            new AgentStep.Terminal(
                    "pip install --upgrade httpx",
                    "Successfully installed httpx-0.28.1",
                    0,
                    "upgrade the HTTP client",
                    "The timeout handling changed in httpx 0.28; let me upgrade it."),
            new AgentStep.Terminal(
                    "rm -rf build/ .pytest_cache/",
                    "",
                    0,
                    "remove the build and test caches",
                    "Stale caches may hide the fix; I'll remove them."));

    /** The {@code n}th step (from 0) a conversation in confirmation mode stops at. */
    static AgentStep riskyStep(int n) {
        return RISKY_STEPS.get(n % RISKY_STEPS.size());
    }

    static final String FINISH_MESSAGE = "I found the cause of the flaky test (a 1 s client timeout), raised it to 5 s,"
            + " added a regression test, and the whole suite passes.";

    private Playbook() {}

    static AgentStep step(Random random) {
        return STEPS.get(random.nextInt(STEPS.size()));
    }

    static String remark(Random random) {
        return AGENT_REMARKS.get(random.nextInt(AGENT_REMARKS.size()));
    }
}
