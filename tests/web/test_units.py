"""serve-web's pieces without a network: the peek at admission, refusals, the app's requests."""

from __future__ import annotations

import ipaddress

from hustings.serve.admission import BUSY, MESSAGES, PER_IP, RATE, Admission
from hustings.serve.web.forked import forked_environment
from hustings.serve.web.options import WebConfig
from hustings.serve.web.server import connection_admission, http_refusal
from hustings.serve.web.service import DemoAppService


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
    env = forked_environment((120, 40))
    assert env["COLUMNS"] == "120" and env["ROWS"] == "40"
    assert set(env) == {"COLUMNS", "ROWS", "TERM", "COLORTERM"}


async def test_the_apps_requests_to_open_urls_or_deliver_files_go_nowhere() -> None:
    sent: list[object] = []
    closed: list[bool] = []

    async def write(data: object) -> None:
        sent.append(data)

    async def close() -> None:
        closed.append(True)

    from hustings.serve.fork.template import Template
    from hustings.serve.limits import SessionLimits

    service = DemoAppService(Template(), SessionLimits(), to_visitor=write, closed=close)
    await service.on_meta(b'{"type": "open_url", "url": "https://example.org", "new_tab": true}')
    await service.on_meta(b'{"type": "deliver_file_start", "key": "k", "path": "/etc/passwd",'
                          b' "open_method": "download", "mime_type": "text/plain",'
                          b' "encoding": "utf-8"}')  # fmt: skip
    await service.on_meta(b"not json")
    assert sent == [] and closed == []
    await service.on_meta(b'{"type": "exit"}')
    assert closed == [True]


def test_an_origin_is_compared_by_scheme_host_and_port() -> None:
    from hustings.serve.web.origin import allowed, origin

    assert origin("HTTPS://Demo.Example.org:443/") == "https://demo.example.org"
    assert origin("http://[::1]:8080") == "http://[::1]:8080"
    for junk in ("null", "file:///etc", "https://x/path", "javascript:alert(1)", "http://"):
        assert origin(junk) is None
    assert allowed(None, "demo.example")  # not a browser: no page can be behind it
    assert allowed("https://demo.example", "demo.example")  # TLS ended at the ingress
    assert allowed("http://127.0.0.1:8080", "127.0.0.1:8080")
    assert not allowed("http://127.0.0.1:8081", "127.0.0.1:8080")
    assert not allowed("https://demo.example.evil", "demo.example")
    assert allowed("https://other.example", "demo.example", ("https://other.example",))


def test_serve_web_options_name_their_defaults_and_refuse_a_bad_origin(capsys) -> None:
    import argparse

    import pytest

    from hustings.serve.web.options import WebConfig, add_serve_web_arguments

    parser = argparse.ArgumentParser()
    add_serve_web_arguments(parser)
    options = parser.parse_args(["--allow-origin", "HTTPS://A.example", "--allow-origin",
                                 "http://b.example:8080"])  # fmt: skip
    assert options.allow_origin == ["https://a.example", "http://b.example:8080"]
    assert options.header_timeout == WebConfig.header_timeout
    for action in parser._actions:
        if action.option_strings and action.dest != "help":
            assert "default" in (action.help or ""), action.option_strings
    with pytest.raises(SystemExit):
        parser.parse_args(["--allow-origin", "*"])
    assert "not an origin (scheme://host[:port]): '*'" in capsys.readouterr().err


def test_the_refusal_at_accept_carries_the_security_headers() -> None:
    from hustings.serve.web.server import SECURITY_HEADERS

    head = http_refusal("full").partition(b"\r\n\r\n")[0].decode()
    for name, value in SECURITY_HEADERS.items():
        assert f"\r\n{name}: {value}\r\n" in head
