"""The browser client: /play?token=T runs `wargame join` for that seat through textual-serve.

The token is checked before anything starts: a wrong one gets a 403 page and
no process. The token reaches the child process in its environment, never on
its command line (where `ps` would show it) and never in a log.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import json
import logging
import shlex
import sys
from pathlib import Path

from aiohttp import WSMsgType, web

from wargame.server.remote import TOKEN_ENV

log = logging.getLogger("wargame.serve")

MAX_BROWSERS = 12  # each tab is one process of ~50 MiB; more than a classroom needs


def _static() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/play/static/css/xterm.css">
<script src="/play/static/js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono"; src: url("/play/static/fonts/RobotoMono-VariableFont_wght.ttf"); }}
body {{ background: #0c181f; margin: 0; }}
#terminal {{ width: 100vw; height: 100vh; }}
.closed {{ display: none; color: #eee; font-family: "Roboto Mono", monospace; padding: 2em; }}
body.-closed .closed {{ display: block; }}
</style>
</head>
<body>
<div class="closed">The session ended. <a href="" style="color:#9cf">Open it again</a>.</div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws}" data-font-size="{font}"></div>
</body>
</html>
"""

FORBIDDEN = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Not allowed</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>403: this link does not open a seat</h1>
<p>The token is missing or wrong. Ask the facilitator for your team's link.</p>
</body></html>
"""


class BrowserTab:
    """Runs one `wargame join` process for one browser tab and relays its screen both ways."""

    def __init__(self, ws: web.WebSocketResponse, command: str, token: str):
        from textual_serve.app_service import AppService
        from textual_serve.download_manager import DownloadManager

        class Service(AppService):
            def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
                env = super()._build_environment(width, height)
                env[TOKEN_ENV] = token
                return env

        async def close() -> None:
            await ws.close()

        self.service = Service(
            command,
            write_bytes=ws.send_bytes,
            write_str=ws.send_str,
            close=close,
            download_manager=DownloadManager(),
        )
        self.ws = ws

    async def run(self, width: int, height: int) -> None:
        await self.service.start(width, height)
        try:
            async for msg in self.ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    envelope = json.loads(msg.data)
                    kind, data = envelope[0], envelope[1]
                except (ValueError, IndexError, KeyError, TypeError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    await self.service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await self.service.set_terminal_size(_dim(data.get("width"), 80), _dim(data.get("height"), 24))
                elif kind == "ping":
                    await self.ws.send_json(["pong", data])
                elif kind == "blur":
                    await self.service.blur()
                elif kind == "focus":
                    await self.service.focus()
        finally:
            await self.stop()

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not gone within a few seconds (no process outlives its tab)."""
        process = self.service._process
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(self.service.stop(), 5)
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


def _dim(value, default: int) -> int:
    return value if type(value) is int and 10 <= value <= 1000 else default


def _local_url(request: web.Request) -> str:
    """How a child process on this machine reaches the API: the address the browser's request came in on."""
    where = request.transport.get_extra_info("sockname") if request.transport is not None else None
    if not where:
        raise ConnectionResetError("the browser went away")
    host, port = where[:2]
    try:
        ip = ipaddress.ip_address(host)
        if ip.is_unspecified:
            host = "127.0.0.1" if ip.version == 4 else "::1"
    except ValueError:
        pass
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def add_routes(app: web.Application, hub) -> None:
    """/play (the page), /play/ws (the tab's terminal) and /play/static (textual-serve's scripts)."""
    tabs: set[BrowserTab] = set()

    def forbidden() -> web.Response:
        return web.Response(status=403, text=FORBIDDEN, content_type="text/html")

    async def page(request: web.Request) -> web.Response:
        token = request.query.get("token", "")
        seat = hub.room.seat_for(token)
        if seat is None:
            return forbidden()
        font = request.query.get("fontsize", "16")
        font = font if font.isdigit() and 8 <= int(font) <= 48 else "16"
        scheme = "wss" if request.secure else "ws"
        ws = f"{scheme}://{request.host}/play/ws/{token}"  # textual.js appends ?width=..
        title = f"{hub.room.scenario.title}: {seat}"
        return web.Response(
            text=PAGE.format(title=html.escape(title), ws=html.escape(ws, quote=True), font=font),
            content_type="text/html",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    async def terminal(request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if hub.room.seat_for(token) is None:
            return forbidden()  # checked before the upgrade and before any process starts
        if len(tabs) >= MAX_BROWSERS:
            return web.Response(status=503, text="too many browser tabs are open on this server")
        ws = web.WebSocketResponse(heartbeat=15)
        await ws.prepare(request)
        command = f"{shlex.quote(sys.executable)} -m wargame.cli join {shlex.quote(_local_url(request))}"
        tab = BrowserTab(ws, command, token)
        tabs.add(tab)
        try:
            await tab.run(_dim(_int(request.query.get("width")), 80), _dim(_int(request.query.get("height")), 24))
        finally:
            tabs.discard(tab)
        return ws

    async def stop_tabs(app: web.Application) -> None:
        for tab in list(tabs):
            await tab.ws.close()
            await tab.stop()

    app.on_shutdown.append(stop_tabs)
    app.add_routes(
        [
            web.get("/play", page),
            web.get("/play/ws/{token}", terminal),
            web.static("/play/static", _static()),
        ]
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 6 else None
