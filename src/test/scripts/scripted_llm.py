#!/usr/bin/env python3
"""Scripted OpenAI-compatible LLM for driving a REAL OpenHands agent server in tests.

Test helper only (stdlib, loopback). Answers POST {/v1,}/chat/completions with a
fixed script of tool calls, so a conversation on the real agent server runs
deterministically without a real model.

    python3 scripted_llm.py --port 18999 --script happy --log /tmp/llm.jsonl

Point the conversation's LLM at it with
    "llm": {"model": "openai/scripted", "base_url": "http://127.0.0.1:18999/v1",
            "api_key": "sk-scripted", "api_mode": "chat", "num_retries": 0}

Stateless step selection: the step index is the number of assistant messages
already in the request's `messages` (each answered step adds one), so retries
repeat the same step. A request without `tools` (title generation, condenser
summary) gets a plain text answer and does not advance the script.
Every request (path, headers, JSON body) is appended to --log as one JSON line.
"""
import argparse
import json
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def call(name, args, raw=False):
    return {"name": name, "arguments": args if raw else json.dumps(args)}


SCRIPTS = {
    # ls -> cat README.md -> file_editor create -> str_replace -> finish
    "happy": [
        ("Let me look around.", call("terminal", {
            "command": "ls", "summary": "list files", "security_risk": "LOW"})),
        ("Reading the README.", call("terminal", {
            "command": "cat README.md", "summary": "read readme", "security_risk": "LOW"})),
        ("Creating a notes file.", call("file_editor", {
            "command": "create", "path": "{workdir}/NOTES.md",
            "file_text": "hello from the scripted llm\n",
            "summary": "create notes", "security_risk": "LOW"})),
        ("Editing the notes file.", call("file_editor", {
            "command": "str_replace", "path": "{workdir}/NOTES.md",
            "old_str": "hello", "new_str": "goodbye",
            "summary": "edit notes", "security_risk": "LOW"})),
        (None, call("finish", {"message": "All done: listed, read, created, edited.",
                               "summary": "finish"})),
    ],
    # unknown tool -> malformed JSON arguments -> missing required arg ->
    # failing command -> finish
    "error": [
        ("Calling a tool that does not exist.", call("no_such_tool", {"x": 1})),
        ("Sending broken JSON.", call("terminal", '{"command": "ls', raw=True)),
        ("Missing the required argument.", call("file_editor", {
            "path": "{workdir}/x.txt", "security_risk": "LOW"})),
        ("Viewing a file that is not there.", call("file_editor", {
            "command": "view", "path": "{workdir}/does-not-exist.txt",
            "security_risk": "LOW"})),
        # not a bare `exit 7`: that kills the agent's persistent tmux shell and
        # costs ~30 s before an is_error observation says the terminal was reset
        ("A failing command.", call("terminal", {
            "command": "sh -c 'exit 7'", "security_risk": "LOW"})),
        (None, call("finish", {"message": "Finished after errors."})),
    ],
    # one slow command, for pause/interrupt experiments
    "slow": [
        ("Sleeping.", call("terminal", {"command": "sleep 20; echo woke",
                                        "security_risk": "LOW"})),
        (None, call("finish", {"message": "slept"})),
    ],
    # the model endpoint fails (HTTP 500 for every tool-bearing request)
    "llm_error": "HTTP500",
    # plain text answer, no tool call (the agent then waits for the user)
    "text": [
        ("Hello! I am a scripted model and have nothing to do.", None),
    ],
}


class State:
    def __init__(self, script, workdir, log_path, delay):
        self.script = script
        self.workdir = workdir
        self.log_path = log_path
        self.delay = delay
        self.lock = threading.Lock()
        self.n = 0


def subst(obj, workdir):
    return obj.replace("{workdir}", workdir) if isinstance(obj, str) else obj


def make_message(step, workdir):
    text, tc = step
    msg = {"role": "assistant", "content": text}
    if tc is not None:
        msg["tool_calls"] = [{
            "id": "call_" + uuid.uuid4().hex[:24],
            "type": "function",
            "function": {"name": tc["name"], "arguments": subst(tc["arguments"], workdir)},
        }]
    return msg


def usage():
    return {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: State = None  # set in main

    def log_message(self, fmt, *args):  # quiet
        pass

    def _send_json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send_json(200, {"object": "list", "data": [
                {"id": "scripted", "object": "model", "created": 0, "owned_by": "test"}]})
        else:
            self._send_json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        st = self.state
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            req = json.loads(raw or b"{}")
        except ValueError:
            req = {"_unparsed": raw.decode("utf-8", "replace")}
        with st.lock:
            st.n += 1
            seq = st.n
            if st.log_path:
                with open(st.log_path, "a") as f:
                    f.write(json.dumps({"seq": seq, "path": self.path,
                                        "headers": dict(self.headers.items()),
                                        "body": req}) + "\n")
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": "only chat/completions is scripted"}})
            return
        if st.delay:
            time.sleep(st.delay)
        msgs = req.get("messages") or []
        if not req.get("tools"):
            message = {"role": "assistant", "content": "Scripted title"}
        else:
            script = SCRIPTS[st.script]
            if script == "HTTP500":
                self._send_json(500, {"error": {"message": "scripted upstream failure",
                                                "type": "server_error", "code": 500}})
                return
            step = sum(1 for m in msgs if m.get("role") == "assistant")
            if step < len(script):
                message = make_message(script[step], st.workdir)
            else:
                message = make_message((None, call("finish", {"message": "script exhausted"})),
                                       st.workdir)
        finish = "tool_calls" if message.get("tool_calls") else "stop"
        rid = "chatcmpl-" + uuid.uuid4().hex[:24]
        created = int(time.time())
        model = req.get("model", "scripted")
        if req.get("stream"):
            self._stream(rid, created, model, message, finish)
            return
        self._send_json(200, {
            "id": rid, "object": "chat.completion", "created": created, "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": usage(),
        })

    def _stream(self, rid, created, model, message, finish):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()

        def chunk(delta, fr=None, with_usage=False):
            c = {"id": rid, "object": "chat.completion.chunk", "created": created,
                 "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": fr}]}
            if with_usage:
                c["usage"] = usage()
            self.wfile.write(b"data: " + json.dumps(c).encode() + b"\n\n")

        chunk({"role": "assistant", "content": message.get("content") or ""})
        for i, tc in enumerate(message.get("tool_calls") or []):
            chunk({"tool_calls": [{"index": i, "id": tc["id"], "type": "function",
                                   "function": tc["function"]}]})
        chunk({}, finish, with_usage=True)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script", default="happy", choices=sorted(SCRIPTS))
    ap.add_argument("--workdir", default=".", help="substituted for {workdir} in paths")
    ap.add_argument("--log", default=None, help="append each request as a JSON line")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    a = ap.parse_args()
    Handler.state = State(a.script, a.workdir, a.log, a.delay)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print(f"LLM READY url=http://127.0.0.1:{srv.server_address[1]}/v1", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
