"""Test helpers: start `wargame serve` as a real process on 127.0.0.1 and talk to its API like a client."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `wargame serve` process; `links` holds what it printed as JSON."""

    def __init__(self, where: Path, *args: str, port: int | None = None):
        self.where, self.args = where, list(args)
        self.port = port or free_port()
        self.links_file = where / f"links-{time.monotonic_ns()}.json"
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wargame.cli",
                "serve",
                *args,
                "--port",
                str(self.port),
                "--saves-dir",
                str(where / "saves"),
                "--links",
                str(self.links_file),
            ],
            cwd=where,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while not self.links_file.exists() or not self.links_file.read_text().strip().endswith("}"):
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited {self.proc.returncode}: {self.proc.stderr.read()}")
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError("serve did not start within 30 s")
            time.sleep(0.05)
        self.links = json.loads(self.links_file.read_text())
        self.url = f"http://127.0.0.1:{self.port}"

    def token(self, seat: str) -> str:
        return self.links[seat]["token"]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def stop(self) -> str:
        """SIGINT, as Ctrl+C: returns what it printed on stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        _out, err = self.proc.communicate(timeout=15)
        return err


def call(
    url: str, path: str, token: str | None = None, body: object = None, raw: bytes | None = None, timeout: float = 30
) -> tuple[int, dict]:
    """One request: (status, JSON answer)."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def my_turn(url: str, token: str, wait: float = 30) -> dict:
    """The seat's view once it is its moment or the game is over (long-polling the changes)."""
    status, view = call(url, "/api/view", token)
    assert status == 200, view
    deadline = time.monotonic() + wait
    while not view["yours"] and view["outcome"] is None:
        assert time.monotonic() < deadline, "the seat never got its moment"
        status, view = call(url, f"/api/events?since={view['revision']}", token)
        assert status == 200, view
    return view


def pick(view: dict, rng: random.Random) -> dict:
    """A random legal decision of a view, as it is sent back."""
    legal = [item["decision"] for item in view["legal"] if item["legal"]]
    assert legal, view["legal"]
    return rng.choice(legal)


def orders_view(server: Server, teams: tuple[str, ...] = ("north", "south")) -> dict:
    """Answer the event cards (first option) until the turn's orders are due; the last team's view then."""
    for _ in range(200):
        for team in teams:
            status, view = call(server.url, "/api/view", server.token(team))
            assert status == 200, view
            if "choice" in view["pending"]:
                first = next(i["decision"] for i in view["legal"] if i["legal"])
                assert call(server.url, "/api/decide", server.token(team), {"decision": first})[0] == 200
        if view["phase"] == "orders" and "orders" in view["pending"]:
            return view
        time.sleep(0.05)
    raise AssertionError("the orders never came")
