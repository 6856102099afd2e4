"""The demo as it is deployed: a supervised template, health probes, a load balancer speaking
the PROXY protocol, and a read-only host key read by an unprivileged user."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hustings.serve.proxy import v1_header, v2_header
from hustings.serve.ssh.hostkey import load_or_create_host_key

from ..conftest import ROOT
from ..machine import requires
from .conftest import (
    HELP_SHOWN,
    connect,
    http_get,
    open_terminal,
    process_tree,
    raw_exchange,
    start_server,
    wait_for_health,
)


async def test_a_killed_template_is_replaced_and_open_sessions_carry_on(tmp_path) -> None:
    """SIGKILL on the template used to leave the demo saying "busy" for ever."""
    server = start_server(tmp_path, "--health-port", "0")
    try:
        assert await http_get(server.health_port) == (200, "ok\n")
        async with connect(server.port) as conn:
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m")
            old = server.template_pid()
            os.kill(old, signal.SIGKILL)
            server.wait_for_log("session template exited")
            terminal.process.stdin.write(b"?")
            await terminal.read_until(HELP_SHOWN)  # the open session is untouched
            server.wait_for_log("session template restarted", limit=60)
            async with connect(server.port) as newcomer:  # served again
                fresh = await open_terminal(newcomer)
                await fresh.read_until("£360m")
        assert await http_get(server.health_port) == (200, "ok\n")
    finally:
        assert server.stop() == 0


async def test_health_says_503_when_full_or_without_a_template(tmp_path) -> None:
    server = start_server(tmp_path, "--health-port", "0", "--max-sessions", "1",
                          "--connections-per-minute", "3")  # fmt: skip
    try:
        for _ in range(10):  # probes are not visitors: they use no one's rate
            assert await http_get(server.health_port) == (200, "ok\n")
        async with connect(server.port) as conn:
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m")
            assert await http_get(server.health_port) == (503, "full\n")
        await wait_for_health(server.health_port, (200, "ok\n"), "health did not come back to 200")
        template = server.template_pid()
        os.kill(template, signal.SIGSTOP)
        os.kill(template, signal.SIGKILL)
        server.wait_for_log("session template exited")
        assert await http_get(server.health_port) == (503, "session template down\n")
        server.wait_for_log("session template restarted", limit=60)
        assert await http_get(server.health_port) == (200, "ok\n")
    finally:
        server.stop()


async def test_health_says_503_while_every_connection_slot_is_held(tmp_path) -> None:
    """Connections that open no session still fill the front door: a balancer told 200 then
    would send visitors to a server that closes them all at accept."""
    server = start_server(tmp_path, "--health-port", "0", "--max-sessions", "2",
                          "--max-connections", "3", "--per-ip", "5")  # fmt: skip
    try:
        held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(3)]
        try:
            await wait_for_health(
                server.health_port, (503, "full\n"), "health still says 200 with the door full"
            )
            assert b"busy" in await raw_exchange(server.port)  # a newcomer is refused: truly full
        finally:
            for _reader, writer in held:
                writer.close()
        await wait_for_health(server.health_port, (200, "ok\n"), "health did not come back to 200")
    finally:
        server.stop()


async def test_the_proxy_protocol_gives_the_client_address_for_every_rule(tmp_path) -> None:
    """Behind a balancer every connection comes from one address; v1 and v2 headers name
    the real client, for the per-address cap and the log."""
    server = start_server(tmp_path, "--proxy-protocol", "--per-ip", "1")
    try:
        for client, header in (("203.0.113.7", v1_header("203.0.113.7", 50000)),
                               ("2001:db8::7", v2_header("2001:db8::7", 50001))):  # fmt: skip
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(header)
            async with connect(server.port, username="proxied", sock=sock) as conn:
                terminal = await open_terminal(conn)
                await terminal.read_until("£360m")
                # The same client again (through the same balancer) is over its cap ...
                assert b"most connections allowed" in await raw_exchange(server.port, header)
                # ... and another client is not.
                other = socket.create_connection(("127.0.0.1", server.port), timeout=10)
                other.sendall(v1_header("198.51.100.1", 40000))
                async with connect(server.port, sock=other) as second:
                    assert (await asyncio.wait_for(second.run(), 10)).exit_status == 1
                terminal.process.stdin.write(b"q")
                await terminal.read_until("Goodbye.")
            server.wait_for_log(f"session ip={client!r} user='proxied'.* end=quit")
        # Without a header, a connection is refused before SSH starts.
        assert await raw_exchange(server.port, b"SSH-2.0-OpenSSH_9.6\r\n") == b""
    finally:
        server.stop()
    # Refusals are summed up once per interval (and at shutdown), never a line each.
    assert "connections refused at accept: bad-proxy-header=1" in server.log


async def test_without_the_flag_a_proxy_header_is_a_protocol_error(tmp_path) -> None:
    server = start_server(tmp_path)
    try:
        reply = await raw_exchange(server.port, v1_header("203.0.113.7", 50000))
        assert reply.startswith(b"SSH-2.0-")  # the server's banner, then it hangs up
    finally:
        server.stop()
    assert "203.0.113.7" not in server.log and "session ip=" not in server.log


SETPRIV = ("setpriv", "--reuid", "10001", "--regid", "10001", "--clear-groups")


def _as_uid_10001(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([*SETPRIV, *command], capture_output=True, text=True, timeout=60,
                          env=env, cwd=ROOT)  # fmt: skip


def _python_for_uid_10001(env: dict[str, str]) -> str:
    """An interpreter the unprivileged user can run, with this checkout and its packages.

    The venv's python may be a symlink into a directory only root may enter (pyenv under
    /root): then a system Python 3.11 runs the same code and site-packages (PYTHONPATH).
    """
    candidates = [sys.executable, shutil.which("python3.11"), "/usr/bin/python3.11",
                  "/usr/local/bin/python3.11"]  # fmt: skip
    tried = []
    for python in dict.fromkeys(c for c in candidates if c):
        # It must also be able to start itself again: the server starts its template so.
        script = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
                  "'import asyncssh, textual, hustings.serve.ssh.server'], "
                  "check=True)")  # fmt: skip
        probe = _as_uid_10001(python, "-c", script, env=env)
        if probe.returncode == 0:
            return python
        tried.append(f"{python}: {probe.stderr.strip()[-200:]}")
    raise AssertionError("no Python 3.11 that uid 10001 can run with this checkout:\n"
                         + "\n".join(tried))  # fmt: skip


def test_a_read_only_key_works_as_another_uid_and_a_world_readable_one_is_refused() -> None:
    """As deployed: the server as uid 10001, the key a read-only Secret (0440 root:10001) or a
    0400 key owned by 10001. The key is only read: its mode and owner are unchanged.

    Needs root (to switch uid) and setpriv.
    """
    requires("root", "setpriv")
    site = next(p for p in sys.path if p.endswith("site-packages"))
    folder = Path(tempfile.mkdtemp(prefix="hustings-key-"))  # pytest's tmp dirs are 0700 root
    try:
        folder.chmod(0o755)
        # The checkout's tui/ under its installed name (the editable install's import hook is a
        # .pth file, which PYTHONPATH does not read).
        (folder / "lib").mkdir(mode=0o755)
        (folder / "lib" / "hustings").symlink_to(ROOT / "tui")
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{folder / 'lib'}:{site}",
               "HOME": "/nonexistent", "LANG": "C.UTF-8"}  # fmt: skip
        python = _python_for_uid_10001(env)
        key = folder / "ssh_host_key"
        fingerprint = load_or_create_host_key(key).get_fingerprint()
        for owner, group, mode in ((0, 10001, 0o440), (10001, 10001, 0o400)):
            os.chown(key, owner, group)
            key.chmod(mode)
            server = start_server(folder, host_key=key, python=python, env=env, prefix=SETPRIV)
            try:
                status = Path(f"/proc/{server.process.pid}/status").read_text()
                assert status.split("Uid:")[1].split()[:2] == ["10001", "10001"]
                assert asyncio.run(_host_key_fingerprint(server.port)) == fingerprint
            finally:
                assert server.stop() == 0
            info = key.stat()
            assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (owner, group, mode)
        key.chmod(0o444)
        refused = _as_uid_10001(python, "-m", "hustings.cli", "serve-ssh", "--port", "0",
                                "--host-key", str(key), env=env)  # fmt: skip
        assert refused.returncode == 2
        assert refused.stderr.startswith(f"hustings serve-ssh: host key {key} has mode 0444")
        assert len(refused.stderr.splitlines()) == 1  # one clear line, no traceback
    finally:
        shutil.rmtree(folder)


async def _host_key_fingerprint(port: int) -> str:
    async with connect(port) as conn:
        return conn.get_server_host_key().get_fingerprint()


def test_a_template_that_keeps_dying_stops_the_server_non_zero(tmp_path) -> None:
    """If no template will stay up, the server exits 1 for its supervisor to restart it."""
    server = start_server(tmp_path)
    killed: list[int] = []
    deadline = time.monotonic() + 90
    while server.process.poll() is None and len(killed) < 10:
        assert time.monotonic() < deadline, f"server still up after killing {killed}"
        children = [p for p, _s, d in process_tree(server.process.pid) if d == 1]
        fresh = [pid for pid in children if pid not in killed]
        if fresh:
            os.kill(fresh[0], signal.SIGKILL)
            killed.append(fresh[0])
        time.sleep(0.05)
    assert server.process.wait(30) == 1
    assert "times in a minute: stopping the server so that its supervisor restarts it" in server.log
    assert 6 <= len(killed) <= 7
