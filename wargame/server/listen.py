"""Following a served game from a screen: a WebSocket of views that reconnects by itself after a restart."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from textual import work

from wargame.server.remote import BAD_VIEW, Client, Mirror

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class Following:
    """Mixed into a Textual screen of `wargame join`: keeps `mirror` up to date and calls `show_mirror`.

    The screen sets `client` and `mirror` before it mounts and starts `listen()` on mounting.
    """

    client: Client
    mirror: Mirror
    http: Any = None  # the aiohttp session, once listening
    _lost: bool = False

    def show_mirror(self) -> None:
        """The mirror took in a new view: redraw from it."""
        raise NotImplementedError

    if TYPE_CHECKING:  # the screen it is mixed into has these

        def notify(
            self,
            message: str,
            *,
            title: str = "",
            severity: SeverityLevel = "information",
            timeout: float | None = None,
            markup: bool = True,
        ) -> None: ...

    @work(exclusive=True, group="listen")
    async def listen(self) -> None:
        """Hold a WebSocket to the server; after a failure, try again (a restarted server comes back)."""
        import aiohttp

        url = self.client.url + "/api/events"
        delay = 0.5
        async with aiohttp.ClientSession(headers=self.client.headers) as http:
            self.http = http
            while True:
                try:
                    async with http.ws_connect(url, heartbeat=20, max_msg_size=0) as ws:
                        if self._lost:
                            self._lost = False
                            self.notify("Connected to the server again.", title="Back")
                        delay = 0.5
                        async for msg in ws:
                            if msg.type == aiohttp.WSMsgType.TEXT:
                                self.take(json.loads(msg.data))
                except (TimeoutError, aiohttp.ClientError, OSError, ValueError):
                    pass
                if not self._lost:
                    self._lost = True
                    self.notify("Lost the server; trying again…", title="Disconnected", severity="warning")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    def take(self, view: dict) -> None:
        try:
            if not self.mirror.update(view):
                self.mirror.events.clear()  # out of step: the next view (asked for in full) rebuilds all
                self.refetch()
                return
        except BAD_VIEW as exc:
            self.notify(f"The server sent a view this screen cannot read ({type(exc).__name__}).", severity="error")
            return
        self.show_mirror()

    @work(group="fetch")
    async def refetch(self) -> None:
        async with self.http.get(self.client.url + "/api/view") as resp:
            if resp.status == 200:
                self.take(await resp.json())
