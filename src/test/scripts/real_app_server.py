"""Start the REAL OpenHands app server (PyPI openhands-ai) on loopback for ohtop's contract tests.

Test helper only; run with the app server's own venv python:
    python real_app_server.py --port N

Configuration comes from the OH_* environment (see real-app-server.sh). Four upstream
behaviours stop a conversation from starting on a test machine; each is worked around here,
in this process only, before the app is served. site-packages is never edited.
"""
import argparse

import psutil
import uvicorn

from openhands.app_server.app_conversation import live_status_app_conversation_service as live_status
from openhands.app_server.sandbox import process_sandbox_service
from openhands.app_server.sandbox.sandbox_models import SandboxStatus
from openhands.app_server.utils import docker_utils, environment


def not_in_docker() -> bool:
    return False


# (a) environment.is_running_in_docker() answers True when /.dockerenv exists (it does on these
# CI machines, which are not Docker hosts for us); docker_utils.replace_localhost_hostname_for_docker
# then rewrites every http://localhost:PORT of a process sandbox to host.docker.internal, which
# does not resolve, and the start task ends in ERROR after 30 s of failed /alive probes.
environment.is_running_in_docker = not_in_docker
docker_utils.is_running_in_docker = not_in_docker

# (b) ProcessSandboxService._get_process_status maps only psutil's "running" to RUNNING: an idle
# agent server is "sleeping" (blocked in epoll), so a healthy sandbox stays STARTING forever and
# the start task ends in ERROR after 120 s. A sleeping process is a live one.
_original_status = process_sandbox_service.ProcessSandboxService._get_process_status
_LIVE = (psutil.STATUS_SLEEPING, psutil.STATUS_DISK_SLEEP, psutil.STATUS_IDLE)


def _status_counting_sleep_as_running(self, process_info):
    status = _original_status(self, process_info)
    if status == SandboxStatus.STARTING:
        try:
            if psutil.Process(process_info.pid).status() in _LIVE:
                return SandboxStatus.RUNNING
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return SandboxStatus.MISSING
    return status


process_sandbox_service.ProcessSandboxService._get_process_status = _status_counting_sleep_as_running

# (d) ProcessSandboxService.start_sandbox waits a fixed 30 s for a new agent server's /alive, then
# deletes the sandbox ("Agent Server Failed to start properly"). Importing the agent server takes
# 8 s on an idle 2-core machine and over 35 s when other builds share it; allow 150 s.
_original_wait = process_sandbox_service.ProcessSandboxService._wait_for_server_ready


async def _wait_longer(self, port, timeout=30):
    return await _original_wait(self, port, timeout=max(timeout, 150))


process_sandbox_service.ProcessSandboxService._wait_for_server_ready = _wait_longer

# (c) LiveStatusAppConversationService builds the agent with get_default_tools(enable_browser=True)
# unconditionally; the agent server refuses the browser tool without Chromium (500 on conversation
# start). The conversations here never browse.
_original_tools = live_status.get_default_tools
_original_builtins = live_status.register_builtins_agents


def _tools_without_browser(*args, **kwargs):
    kwargs["enable_browser"] = False
    return _original_tools(*args, **kwargs)


def _builtins_without_browser(*args, **kwargs):
    kwargs["enable_browser"] = False
    return _original_builtins(*args, **kwargs)


live_status.get_default_tools = _tools_without_browser
live_status.register_builtins_agents = _builtins_without_browser


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    from openhands.app_server.app import app

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
