"""serve-web's pieces without a network: the peek at admission, refusals, the app's requests."""

from __future__ import annotations

import ipaddress

from hustings.serve.admission import BUSY, MESSAGES, PER_IP, RATE, Admission
from hustings.serve.web.server import WebConfig, connection_admission, http_refusal
from hustings.serve.web.service import DemoAppService, app_environment


def test_refusal_peeks_without_counting() -> None:
    now = [0.0]
    admission = Admission(max_sessions=2, per_ip=1, rate_per_minute=2, clock=lambda: now[0])
    assert admission.refusal("a") is None
    assert admission.refusal("a") is None  # asking twice uses none of the rate
    ticket = admission.admit("a")
    assert not isinstance(ticket, str) and ticket.start_session() is None
    assert admission.refusal("a") == PER_IP
    assert admission.refusal("b") is None
    other = admission.admit("b")
    assert not isinstance(other, str) and other.start_session() is None
    assert admission.refusal("c") == BUSY
    ticket.close()
    assert admission.refusal("a") is None  # its slot is free, one arrival of two used
    again = admission.admit("a")
    assert not isinstance(again, str)
    again.close()
    assert admission.refusal("a") == RATE  # two arrivals this minute: the rate is used up
    now[0] += 61
    assert admission.refusal("a") is None


def test_a_connection_refused_at_accept_reads_a_whole_http_response() -> None:
    reply = http_refusal("full")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503 ")
    assert body == f"{MESSAGES['full']}\n".encode()
    assert f"Content-Length: {len(body)}".encode() in head


def test_behind_a_trusted_proxy_only_the_total_of_connections_is_capped() -> None:
    direct = connection_admission(WebConfig(max_sessions=10, per_ip=3))
    assert direct.per_ip == 24 and direct.max_connections == 56
    trusting = connection_admission(
        WebConfig(max_sessions=10, per_ip=3, trusted_proxy=ipaddress.ip_network("10.0.0.0/8"))
    )
    assert trusting.per_ip == trusting.max_connections == 56


def test_the_app_gets_an_allow_listed_environment(monkeypatch) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not for strangers")
    env = app_environment((120, 40))
    assert env["COLUMNS"] == "120" and env["ROWS"] == "40"
    assert set(env) == {"COLUMNS", "ROWS", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_FPS",
                        "TERM_PROGRAM", "PATH"}  # fmt: skip


async def test_the_apps_requests_to_open_urls_or_deliver_files_go_nowhere() -> None:
    sent: list[object] = []
    closed: list[bool] = []

    async def write(data: object) -> None:
        sent.append(data)

    async def close() -> None:
        closed.append(True)

    from textual_serve.download_manager import DownloadManager

    from hustings.serve.limits import SessionLimits

    service = DemoAppService(
        "unused", write_bytes=write, write_str=write, close=close,
        download_manager=DownloadManager(), limits=SessionLimits(),
    )  # fmt: skip
    await service.on_meta(b'{"type": "open_url", "url": "https://example.org", "new_tab": true}')
    await service.on_meta(b'{"type": "deliver_file_start", "key": "k", "path": "/etc/passwd",'
                          b' "open_method": "download", "mime_type": "text/plain",'
                          b' "encoding": "utf-8"}')  # fmt: skip
    await service.on_meta(b"not json")
    assert sent == [] and closed == []
    await service.on_meta(b'{"type": "exit"}')
    assert closed == [True]
