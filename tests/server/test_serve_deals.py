"""Deals, answers, promises and proposals through the API of a real server: each from the right seat
only, private terms to the two parties only, and every refusal a status and a reason that changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from serving import Server, call

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"
OFFER = {
    "offer": "north",
    "to": "south",
    "give": [["treasury", 5]],
    "get": [["fuel", 2]],
    "promises": [{"by": "north", "text": "no strikes on the port", "due": 2}],
    "note": "quiet week",
}
PROPOSAL = {"propose": "north", "words": "A ceasefire at the port", "effects": ["tension -= 1"], "arguments": "tired"}


def everything_sent(server: Server, seat: str) -> str:
    """All a seat can read: its view (every event from the start) and its scenario, as one text."""
    status, view = call(server.url, "/api/view", server.token(seat))
    assert status == 200, view
    return json.dumps(view) + json.dumps(call(server.url, "/api/scenario", server.token(seat))[1])


def test_deals_and_proposals_go_from_the_right_seat_to_the_right_seats(tmp_path):
    seats = ["--seat", "north=human", "--seat", "south=human"]  # the militia is always a bot
    server = Server(tmp_path, str(EXERCISE), "--seed", "3", "--name", "deals", *seats)
    save = tmp_path / "saves" / "deals.json"

    def send(seat: str, decision: dict) -> tuple[int, dict]:
        before = save.read_bytes()
        status, answer = call(server.url, "/api/decide", server.token(seat), {"decision": decision})
        if status != 200:
            assert answer["error"] and save.read_bytes() == before  # a reason, and nothing changed
        return status, answer

    try:
        status, answer = send("south", OFFER)  # an offer made in another team's name
        assert status == 403 and "decides only for itself" in answer["error"]
        assert send("projector", OFFER)[0] == 403
        assert send("north", {**OFFER, "give": [["no_such_meter", 5]]})[0] in (400, 409)
        status, view = send("north", OFFER)
        assert status == 200 and view["deals"][0]["offer"]["note"] == "quiet week"
        deal = view["deals"][0]["id"]

        assert "quiet week" in everything_sent(server, "south")  # the other party reads the terms
        assert deal in call(server.url, "/api/view", server.token("south"))[1]["offers"]
        text = everything_sent(server, "projector")  # nobody else does, through any endpoint
        assert "quiet week" not in text and "no strikes on the port" not in text
        assert call(server.url, "/api/view", server.token("projector"))[1]["deals"] == []

        status, answer = send("north", {"answer": deal, "accept": True})  # the offerer cannot answer
        assert status == 403 and "only they answer it" in answer["error"]
        assert send("projector", {"answer": deal, "accept": True})[0] == 403
        assert send("south", {"answer": 99, "accept": True})[0] == 409  # no such deal
        assert send("south", {"answer": deal, "accept": True})[0] == 200
        status, answer = send("south", {"answer": deal, "accept": False})
        assert status == 409 and "not open" in answer["error"]

        mark = {"mark": deal, "commitment": 0, "kept": True, "reason": "the port stayed quiet"}
        for team in ("north", "south"):
            status, answer = send(team, mark)
            assert status == 403 and "facilitator" in answer["error"]
        assert send("facilitator", mark)[0] == 200
        assert send("facilitator", mark)[0] == 409  # already marked
        assert "the port stayed quiet" not in everything_sent(server, "projector")

        assert send("south", PROPOSAL)[0] == 403
        assert send("north", PROPOSAL)[0] == 200
        assert send("north", {**PROPOSAL, "words": "a second one"})[0] == 409  # one a turn
        assert "A ceasefire at the port" not in everything_sent(server, "south")  # not until it is decided
        proposal = call(server.url, "/api/view", server.token("north"))[1]["proposals"][0]["id"]
        ruling = {"adjudicate": proposal, "ruling": "success", "reason": "both sides agree"}
        assert send("north", ruling)[0] == 403
        assert send("facilitator", ruling)[0] == 200
        decided = call(server.url, "/api/view", server.token("south"))[1]["proposals"]
        assert [(p["words"], p["status"]) for p in decided] == [("A ceasefire at the port", "success")]
    finally:
        server.stop()
    kinds = [next(iter(k for k in d if k not in ("by", "why"))) for d in json.loads(save.read_text())["decisions"]]
    assert kinds.count("offer") == 1 and kinds.count("mark") == 1 and kinds.count("adjudicate") == 1
