"""Bad input through the API of a real server: each gets its status and a JSON reason, and nothing changes."""

from __future__ import annotations

import json
import socket
import time

import pytest
from serving import Server, call, my_turn


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Libya with two teams (G.N.A., L.N.A.), bots elsewhere: two tokens to mix up."""
    where = tmp_path_factory.mktemp("hostile")
    seats = ["--seat", "us=easy", "--seat", "europe=easy", "--seat", "russia=easy", "--seat", "isis=easy"]
    server = Server(where, "libya-2016", "--seed", "3", "--name", "h", *seats)
    yield server, where / "saves" / "h.json"
    server.stop()


def unchanged(served):
    """What must not move when a request is refused: the save on disk and the step (once the bots have moved)."""
    server, save = served
    my_turn(server.url, server.token("gna"))
    status, view = call(server.url, "/api/view", server.token("facilitator"))
    assert status == 200
    return save.read_bytes(), view["step"], view["at"]


def refused(answer: tuple[int, dict], status: int, words: str) -> None:
    got, body = answer
    assert got == status, body
    assert body["status"] == status and words in body["error"]


def test_a_missing_or_wrong_token_is_403_and_reveals_nothing(served):
    server, _ = served
    before = unchanged(served)
    for token in (None, "", "x" * 32, server.token("gna")[:-1], server.token("gna") + "x", "Bearer"):
        refused(call(server.url, "/api/view", token), 403, "token")
        refused(call(server.url, "/api/decide", token, {"decision": {"pass": True}}), 403, "token")
        refused(call(server.url, "/api/events?since=0", token), 403, "token")
    assert unchanged(served) == before


def test_another_teams_token_cannot_decide_for_it(served):
    server, _ = served
    view = my_turn(server.url, server.token("gna"))
    before = unchanged(served)
    refused(call(server.url, "/api/decide", server.token("lna"), {"decision": {"pass": True}}), 409, "not your moment")
    lna = [i["decision"] for i in my_turn(server.url, server.token("gna"))["legal"]]
    assert lna and view["yours"]
    refused(call(server.url, "/api/decide", server.token("projector"), {"decision": {"pass": True}}), 403, "read-only")
    override = {"decision": {"override": "gna.treasury = 99", "reason": "cheat"}}
    refused(call(server.url, "/api/decide", server.token("gna"), override), 403, "only the facilitator")
    refused(call(server.url, "/api/rewind", server.token("gna"), {"to": 0}), 403, "only the facilitator")
    assert unchanged(served) == before


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"decision": "pass"}', "JSON object"),
        (b'{"decision": {"act": "no_such_action"}}', "unknown action"),
        (b'{"decision": {"choose": "one"}}', "whole number"),
        (b'{"decision": {"act": "assault", "target": 7}}', ""),
        (b"[" * 10000, "not valid JSON"),
    ],
    ids=["broken", "not-utf8", "a-list", "a-string", "unknown-action", "bad-option", "bad-target", "deep"],
)
def test_a_malformed_body_is_400_with_the_reason(served, raw, words):
    server, _ = served
    my_turn(server.url, server.token("gna"))
    before = unchanged(served)
    refused(call(server.url, "/api/decide", server.token("gna"), raw=raw), 400, words)
    assert unchanged(served) == before


def test_a_huge_body_is_413_and_never_read_whole(served):
    server, _ = served
    before = unchanged(served)
    big = json.dumps({"decision": {"pass": True}, "pad": "x" * 200_000}).encode()
    refused(call(server.url, "/api/decide", server.token("gna"), raw=big), 413, "at most")
    assert unchanged(served) == before


def test_a_decision_the_engine_refuses_is_409_with_its_reason(served):
    server, _ = served
    view = my_turn(server.url, server.token("gna"))
    refusals = [i for i in view["legal"] if not i["legal"] and i["decision"] is not None]
    before = unchanged(served)
    for item in refusals:  # what the view says cannot be done now, the engine refuses with the same reason
        refused(call(server.url, "/api/decide", server.token("gna"), {"decision": item["decision"]}), 409, "")
    lna_act = {"decision": {"act": "dignity_offensive", "target": "benghazi"}}
    refused(call(server.url, "/api/decide", server.token("gna"), lna_act), 409, "belongs to")
    refused(call(server.url, "/api/decide", server.token("gna"), {"decision": {"choose": 0}}), 409, "")
    assert unchanged(served) == before


def test_a_decision_made_before_a_rewind_is_stale(served):
    server, _ = served
    view = my_turn(server.url, server.token("gna"))
    first = next(i["decision"] for i in view["legal"] if i["legal"])
    status, after = call(server.url, "/api/decide", server.token("gna"), {"decision": first, "at": view["at"]})
    assert status == 200
    status, rewound = call(
        server.url, "/api/rewind", server.token("facilitator"), {"to": view["step"], "note": "again"}
    )
    assert status == 200 and rewound["step"] == view["step"] and rewound["at"] != view["at"]
    before = unchanged(served)
    # the view the team answered was taken before the rewind: its decision is refused, though legal again now
    refused(call(server.url, "/api/decide", server.token("gna"), {"decision": first, "at": after["at"]}), 409, "stale")
    assert unchanged(served) == before
    again = my_turn(server.url, server.token("gna"))
    status, _ = call(server.url, "/api/decide", server.token("gna"), {"decision": first, "at": again["at"]})
    assert status == 200


def test_a_client_that_hangs_up_mid_request_changes_nothing(served):
    server, _ = served
    my_turn(server.url, server.token("gna"))
    before = unchanged(served)
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
            body = json.dumps({"decision": {"pass": True}}).encode()
            s.sendall(
                b"POST /api/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"Authorization: Bearer {server.token('gna')}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body[:10]
            )
        time.sleep(0.2)
    assert unchanged(served) == before
    status, view = call(server.url, "/api/view", server.token("gna"))
    assert status == 200 and view["yours"]


def test_unknown_addresses_and_bad_numbers_get_json_reasons(served):
    server, _ = served
    refused(call(server.url, "/nothing/here", server.token("gna")), 404, "no such address")
    refused(call(server.url, "/api/view?since=abc", server.token("gna")), 400, "whole number")
    refused(call(server.url, "/api/rewind", server.token("facilitator"), {"to": "x"}), 400, '"to"')
    refused(call(server.url, "/api/rewind", server.token("facilitator"), {"to": 10**6}), 409, "cannot rewind")


def test_the_browser_page_checks_the_token_before_anything_starts(served):
    import urllib.error
    import urllib.request

    server, _ = served
    for path in ("/play?token=wrong", "/play", "/play/ws/wrong"):
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(server.url + path, timeout=10)
        assert exc.value.code == 403 and b"does not open a seat" in exc.value.read()
    with urllib.request.urlopen(f"{server.url}/play?token={server.token('gna')}", timeout=10) as page:
        assert page.status == 200 and b"textual-terminal" in page.read()
