"""Serve latency: from a team's decision to every connected client holding the new view, vs. the same in-process.

    .venv/bin/python bench/serve.py [--decisions N] [--clients 6,30] [--parse] [--json]

Starts `wargame serve` on 127.0.0.1 (libya-2016, every playable faction a
team, ISIS an easy bot), connects N WebSocket clients (the teams, the
facilitator and the projector, in turn), and has the team whose moment it is
decide at random. For each decision it times the POST until every client has
been pushed a view at or past that decision (wall time on this machine: the
clients and the server share its cores). The clients all live in this one
process, so each reads only the view's `step` from the text it received
(a real client parses its view in its own process, on its own laptop);
`--parse` makes them parse it whole, as the first version of this bench did.
On a shared machine the save's fsync varies from 1 to 15 ms with the other
jobs' disk traffic; `--shm` keeps the saves in memory (/dev/shm) so what is
timed is the server's own work (the in-process save column says what the
disk adds).
In the same run it applies the same decisions in-process: the engine alone,
and the room (engine, atomic save with fsync, one view per client), as
baselines. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import common

sys.path.insert(0, str(common.ROOT / "tests" / "server"))

from serving import Server

from wargame import engine as E
from wargame.catalog import load
from wargame.engine.codec import from_dict
from wargame.server.room import PROJECTOR, Room


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


STEP = re.compile(r'"step": (\d+)')  # the view's own step comes before any event's (seatview's key order)


async def served(n_clients: int, decisions: int, seed: int, where: Path, parse: bool = False) -> list[float]:
    """Latencies (ms) of `decisions` team decisions until all `n_clients` clients have the new view."""
    import aiohttp

    server = Server(where, "libya-2016", "--seed", str(seed), "--name", f"bench{n_clients}", "--seat", "isis=easy")
    seats = list(server.links)
    rng = random.Random(seed)
    latest: list[int] = [-1] * n_clients  # the step each client last saw
    arrived: list[asyncio.Event] = [asyncio.Event() for _ in range(n_clients)]
    lat: list[float] = []
    try:
        async with aiohttp.ClientSession() as http:

            async def client(i: int) -> None:
                headers = {"Authorization": f"Bearer {server.token(seats[i % len(seats)])}"}
                async with http.ws_connect(server.url + "/api/events", headers=headers, max_msg_size=0) as ws:
                    async for msg in ws:
                        if parse:
                            latest[i] = json.loads(msg.data)["step"]
                        else:
                            found = STEP.search(msg.data)
                            assert found is not None, msg.data[:200]
                            latest[i] = int(found.group(1))
                        arrived[i].set()

            tasks = [asyncio.create_task(client(i)) for i in range(n_clients)]
            while min(latest) < 0:
                await asyncio.sleep(0.01)
            auth = {"Authorization": f"Bearer {server.token(PROJECTOR)}"}
            while len(lat) < decisions:
                async with http.get(server.url + "/api/view", headers=auth) as resp:
                    seen = await resp.json()
                if seen["outcome"] is not None:
                    break
                p = seen["moment"]
                if p is None or p["faction"] not in server.links:  # a bot is moving
                    await asyncio.sleep(0.005)
                    continue
                team = {"Authorization": f"Bearer {server.token(p['faction'])}"}
                async with http.get(server.url + "/api/view", headers=team) as resp:
                    view = await resp.json()
                if not view["yours"]:
                    continue
                decision = rng.choice([i["decision"] for i in view["legal"] if i["legal"]])
                for e in arrived:
                    e.clear()
                t0 = time.perf_counter()
                async with http.post(
                    server.url + "/api/decide", headers=team, json={"decision": decision, "at": view["at"]}
                ) as resp:
                    after = await resp.json()
                if resp.status != 200:
                    continue
                step = after["step"]
                for i in range(n_clients):
                    while latest[i] < step:
                        await arrived[i].wait()
                        arrived[i].clear()
                lat.append((time.perf_counter() - t0) * 1000)
            for t in tasks:
                t.cancel()
    finally:
        server.stop()
    return lat


def in_process(where: Path, seed: int, n_clients: int, save_path: Path) -> tuple[list[float], list[float], list[float]]:
    """The same game's decisions applied in this process: engine only, and room (save + views) per decision."""
    s = load("libya-2016")
    doc = json.loads(save_path.read_text())
    entries = doc["decisions"]
    state, _ = E.begin(s, seed, doc["seats"])
    engine_ms, room_ms, save_ms = [], [], []
    room = Room.create(s, seed, doc["seats"], where / f"inproc{n_clients}.json", "i")
    seats = [*room.tokens, PROJECTOR]
    for entry in entries:
        decision = from_dict(entry)
        t0 = time.perf_counter()
        state, _ = E.apply(s, state, decision)
        t1 = time.perf_counter()
        change = room.prepare(decision, entry.get("by", "human"))
        ts = time.perf_counter()
        room.write_change(change)
        tw = time.perf_counter()
        room.commit(change)
        for i in range(n_clients):
            room.view_text(seats[i % len(seats)], max(0, len(room.events) - 20))
        t2 = time.perf_counter()
        if entry.get("by") == "human":
            engine_ms.append((t1 - t0) * 1000)
            room_ms.append((t2 - t1) * 1000)
            save_ms.append((tw - ts) * 1000)
    return engine_ms, room_ms, save_ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=60, help="team decisions timed per client count (default 60)")
    ap.add_argument("--clients", default="6,30", help="client counts, comma-separated (default 6,30)")
    ap.add_argument("--parse", action="store_true", help="the clients parse each view whole (in this one process)")
    ap.add_argument(
        "--shm",
        action="store_true",
        help="keep the saves in /dev/shm: fsync costs nothing, what is left is the server's own work",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir="/dev/shm" if args.shm else None) as tmp:
        for n in (int(x) for x in args.clients.split(",")):
            where = Path(tmp) / f"c{n}"
            where.mkdir()
            lat = asyncio.run(served(n, args.decisions, 7, where, args.parse))
            engine_ms, room_ms, save_ms = in_process(where, 7, n, where / "saves" / f"bench{n}.json")
            row = {
                "clients": n,
                "decisions": len(lat),
                "p50_ms": statistics.median(lat),
                "p95_ms": pct(lat, 95),
                "engine_p50_ms": statistics.median(engine_ms),
                "room_p50_ms": statistics.median(room_ms),
                "save_p50_ms": statistics.median(save_ms),
                "views_p50_ms": statistics.median(r - w for r, w in zip(room_ms, save_ms, strict=True)),
                "room_p95_ms": pct(room_ms, 95),
            }
            results.append(row)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("decision -> every client holds the new view (WebSocket, 127.0.0.1), vs. in-process in the same run")
    print(
        f"{'clients':>7} {'decisions':>9} {'p50 ms':>8} {'p95 ms':>8} {'engine':>8} {'room+save':>10} "
        f"{'of it save':>10} {'views':>8} {'p50 / room':>10} {'p95 / room':>10}"
    )
    for r in results:
        print(
            f"{r['clients']:>7} {r['decisions']:>9} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
            f"{r['engine_p50_ms']:>8.2f} {r['room_p50_ms']:>10.1f} {r['save_p50_ms']:>10.1f} "
            f"{r['views_p50_ms']:>8.1f} {r['p50_ms'] / r['room_p50_ms']:>9.1f}x {r['p95_ms'] / r['room_p50_ms']:>9.1f}x"
        )
    print(
        "engine: E.apply alone; room+save: apply, atomic save with fsync, one view per client (JSON), in-process;"
        " of it save: the atomic save alone; views: the rest (one view per seat, its text per client)"
    )


if __name__ == "__main__":
    main()
