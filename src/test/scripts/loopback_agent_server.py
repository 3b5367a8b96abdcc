"""The agent server of a process sandbox, bound to loopback.

The app server's ProcessSandboxService runs `python -m <OH_SANDBOX_AGENT_SERVER_MODULE> --port N`
with no --host, and the agent server binds 0.0.0.0 by default: tests must not listen on every
interface. This module adds --host 127.0.0.1 and runs the pinned agent server's own main().
"""
import sys

from openhands.agent_server.__main__ import main

if __name__ == "__main__":
    sys.argv[1:1] = ["--host", "127.0.0.1"]
    main()
