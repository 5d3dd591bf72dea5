"""The JSON API over HTTP and WebSocket: each seat reads its view and sends its decisions (docs/serve.md).

Handlers only parse, authenticate and hand over to the room under one lock;
bots move on a worker thread so a thinking bot never stalls the other clients.
Every refusal is a status with a JSON reason, and changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from aiohttp import WSMsgType, web

from wargame.engine.parts import CloseOrders
from wargame.server.room import Refused, Room

MAX_BODY = 16 * 1024  # a decision is a few hundred bytes; anything near this is not one
LONG_POLL_SECONDS = 25.0

log = logging.getLogger("wargame.serve")


def refuse(status: int, reason: str) -> web.Response:
    return web.json_response({"error": reason, "status": status}, status=status)


def bearer(request: web.Request) -> str | None:
    """The token of a request: the Authorization header, else ?token= (browsers cannot set WebSocket headers)."""
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return auth[7:].strip()
    return request.query.get("token")


class Hub:
    """Holds the room, its lock and the clients waiting for the next change."""

    def __init__(self, room: Room, bot_delay: float = 0.0):
        self.room = room
        self.lock = asyncio.Lock()
        self.changed = asyncio.Condition()
        self.sockets: set[Watcher] = set()
        self.bot_delay = bot_delay
        self.bots: asyncio.Task | None = None
        self.closer: asyncio.Task | None = None

    def seat(self, request: web.Request) -> str:
        seat = self.room.seat_for(bearer(request))
        if seat is None:
            raise Refused(403, "a missing or wrong token: use the link the facilitator gave your team")
        return seat

    async def publish(self) -> None:
        """Tell every waiting client that the game changed."""
        async with self.changed:
            self.changed.notify_all()
        for w in list(self.sockets):
            w.poke()
        self.watch_orders()

    def watch_orders(self) -> None:
        """With a strict timer, the server closes the orders when the time is up (as the facilitator would)."""
        if self.closer is not None and self.closer is not asyncio.current_task():
            self.closer.cancel()
        self.closer = None
        left, session = self.room.remaining(), self.room.scenario.session
        if left is not None and session is not None and session.timer_strict:
            self.closer = asyncio.create_task(self.close_orders(self.room.state.turn, left))

    async def close_orders(self, turn: int, left: float) -> None:
        await asyncio.sleep(left)
        async with self.lock:
            state = self.room.state
            if state.phase != "orders" or state.turn != turn:
                return
            try:
                change = self.room.prepare(CloseOrders("the time for orders ran out"), "facilitator")
            except Refused:
                return
            await self.settle(change)
        await self.publish()
        self.start_bots()

    def start_bots(self) -> None:
        if self.bots is None or self.bots.done():
            self.bots = asyncio.create_task(self.play_bots())

    async def play_bots(self) -> None:
        """Let the bot seats move, one decision at a time, until a human (or nobody) is to decide."""
        while True:
            async with self.lock:
                level = self.room.bot_to_move()
                if level is None:
                    return
                state = self.room.state
            if self.bot_delay:
                await asyncio.sleep(self.bot_delay)
            decision, why = await asyncio.to_thread(bot_move, self.room.scenario, state, level)
            async with self.lock:
                if self.room.state is not state:
                    continue  # the facilitator changed the game meanwhile: think again
                await self.settle(self.room.prepare(decision, level, why))
            await self.publish()

    async def settle(self, change) -> None:
        """Write a change on a thread (the loop keeps serving while the disk syncs), then commit it.

        Meanwhile the connected seats' views of the new state are made (the disk's
        wait and that work overlap); none is sent before the commit, which waits
        for the save. The write is shielded and the commit follows it even if the
        request is cancelled meanwhile: what is on disk and what the room holds
        never part.
        """
        write = asyncio.get_running_loop().run_in_executor(None, self.room.write_change, change)
        try:
            self.room.warm(change, {w.seat for w in self.sockets})
        except Exception:  # made again when asked for; the write must still be waited for
            change.views.clear()
            log.exception("making the views early failed")
        try:
            await asyncio.shield(write)
        except asyncio.CancelledError:
            await write
            self.room.commit(change)
            raise
        self.room.commit(change)


HUB = web.AppKey("hub", Hub)


def bot_move(scenario, state, level: str):
    """The bot's decision and reason; a bot that fails plays at random, so the session never stalls."""
    from wargame import bots

    try:
        return bots.choose(scenario, state, level)
    except Exception as exc:  # a broken bot must not end the session
        decision, why = bots.choose(scenario, state, "random")
        return decision, f"{why} (the {level} bot failed: {exc})"


class Watcher:
    """One WebSocket client: sends its seat's view now and after every change, events it has not seen."""

    def __init__(self, hub: Hub, ws: web.WebSocketResponse, seat: str):
        self.hub, self.ws, self.seat = hub, ws, seat
        self.wake = asyncio.Event()
        self.sent_events = 0
        self.sent_at: str | None = None
        self.wake.set()

    def poke(self) -> None:
        self.wake.set()

    async def run(self) -> None:
        room = self.hub.room
        while not self.ws.closed:
            await self.wake.wait()
            self.wake.clear()
            rewound = self.sent_at is not None and self.sent_at.split(".")[0] != room.at.split(".")[0]
            since = 0 if rewound or self.sent_events > len(room.events) else self.sent_events
            text = room.view_text(self.seat, since)
            self.sent_events, self.sent_at = len(room.events), room.at
            try:
                await self.ws.send_str(text)
            except (ConnectionResetError, RuntimeError):
                return


async def body_json(request: web.Request) -> object:
    """The request's JSON body, refused when too big (413) or not JSON (400), read no further than the cap."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Refused(413, f"the body is {request.content_length} bytes; at most {MAX_BODY}")
    data = await request.content.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise Refused(413, f"the body is over {MAX_BODY} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "the body is not valid JSON") from None


@web.middleware
async def refusals(request: web.Request, handler):
    """Turn every Refused into its status and JSON reason."""
    try:
        return await handler(request)
    except Refused as exc:
        return refuse(exc.status, exc.reason)


async def get_view(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    seat = hub.seat(request)
    since = _int(request.query.get("since", "0"))
    return web.Response(text=hub.room.view_text(seat, since), content_type="application/json")


async def post_decide(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    seat = hub.seat(request)
    body = await body_json(request)
    async with hub.lock:
        # the save is written on a thread: the loop keeps serving while the disk syncs,
        # and the shield lets a decision taken finish saving even if its client hangs up
        await hub.settle(hub.room.decide(seat, body))
        text = hub.room.view_text(seat, _int(request.query.get("since", "0")))  # the text its watchers get too
    await hub.publish()
    hub.start_bots()
    return web.Response(text=text, content_type="application/json")


async def post_rewind(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    seat = hub.seat(request)
    body = await body_json(request)
    async with hub.lock:
        await hub.settle(hub.room.rewind(seat, body))
        view = hub.room.view(seat)
    await hub.publish()
    hub.start_bots()
    return web.json_response(view)


async def get_scenario(request: web.Request) -> web.Response:
    """The scenario file as this seat may read it: the rules, without the start of any value hidden from it."""
    hub = request.app[HUB]
    return web.json_response(hub.room.scenario_for(hub.seat(request)))


async def get_events(request: web.Request) -> web.StreamResponse:
    """A WebSocket pushing the view after every change; or, without the upgrade, a long poll on ?since=REVISION."""
    hub = request.app[HUB]
    seat = hub.seat(request)  # checked before the upgrade: a wrong token never gets a socket
    # no per-message deflate: each client would compress the same view again (about 20 KB), and on a
    # classroom network the bytes cost less than that work on the server
    ws = web.WebSocketResponse(heartbeat=20, max_msg_size=MAX_BODY, compress=False)
    if not ws.can_prepare(request).ok:
        since = _int(request.query.get("since", "-1"))
        async with hub.changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(hub.changed.wait_for(lambda: hub.room.revision != since), LONG_POLL_SECONDS)
        return web.json_response(hub.room.view(seat, _int(request.query.get("events", "0"))))
    await ws.prepare(request)
    watcher = Watcher(hub, ws, seat)
    hub.sockets.add(watcher)
    sender = asyncio.create_task(watcher.run())
    try:
        async for msg in ws:  # the client says nothing; reading notices it going away
            if msg.type == WSMsgType.ERROR:
                break
    finally:
        hub.sockets.discard(watcher)
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
    return ws


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise Refused(400, f"not a whole number: {text[:40]!r}") from None


async def not_found(request: web.Request) -> web.Response:
    return refuse(404, "no such address; the API is under /api (see docs/serve.md)")


def make_app(room: Room, bot_delay: float = 0.0, web_client: bool = True) -> web.Application:
    """The server's application: the API, and the browser client when textual-serve is installed."""
    app = web.Application(middlewares=[refusals], client_max_size=MAX_BODY + 1)
    hub = Hub(room, bot_delay)
    app[HUB] = hub
    app.add_routes(
        [
            web.get("/api/view", get_view),
            web.post("/api/decide", post_decide),
            web.post("/api/rewind", post_rewind),
            web.get("/api/events", get_events),
            web.get("/api/scenario", get_scenario),
        ]
    )
    if web_client:
        from wargame.server import web as browser

        browser.add_routes(app, hub)

    async def bots_on_start(app: web.Application) -> None:
        hub.start_bots()  # a resumed game may be waiting for a bot
        hub.watch_orders()  # or for orders, against the clock

    async def close_sockets(app: web.Application) -> None:
        for w in list(hub.sockets):
            await w.ws.close()
        for task in (hub.bots, hub.closer):
            if task is not None:
                task.cancel()
        hub.room.stop_clock()  # stopped on purpose: the countdown resumes with the time it had left

    app.on_startup.append(bots_on_start)
    app.on_shutdown.append(close_sockets)
    app.router.add_route("*", "/{tail:.*}", not_found)
    return app
