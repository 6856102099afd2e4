"""What every browser asks for unprompted is answered, never a 404."""

from __future__ import annotations

from ..ssh.conftest import raw_exchange


async def test_favicon_is_204_no_content_not_a_404(web_server) -> None:
    server = web_server()
    reply = await raw_exchange(server.port, b"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               b"Connection: close\r\n\r\n")  # fmt: skip
    head = reply.split(b"\r\n\r\n")[0].decode()
    assert head.startswith("HTTP/1.1 204"), head
    assert "Cache-Control: max-age=86400" in head
