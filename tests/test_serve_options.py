"""Both demos' options are declared once: each default is written in the demo's config
dataclass only, and the command line's options are filled into it by name."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from hustings.serve.options import config_from
from hustings.serve.ssh.options import ServerConfig, add_serve_ssh_arguments
from hustings.serve.web.options import WebConfig, add_serve_web_arguments

DEMOS = [(add_serve_ssh_arguments, ServerConfig), (add_serve_web_arguments, WebConfig)]
# Options that are not a field as they stand: worked out when the server starts.
WORKED_OUT = {"max_sessions", "allow_origin"}


@pytest.mark.parametrize(("add", "kind"), DEMOS, ids=["serve-ssh", "serve-web"])
def test_no_option_given_is_the_config_default(add, kind) -> None:
    parser = argparse.ArgumentParser()
    add(parser)
    options = parser.parse_args([])
    assert config_from(options, kind, max_sessions=7) == kind(max_sessions=7)


@pytest.mark.parametrize(("add", "kind"), DEMOS, ids=["serve-ssh", "serve-web"])
def test_every_option_is_a_field_of_the_config(add, kind) -> None:
    parser = argparse.ArgumentParser()
    add(parser)
    fields = {item.name for item in dataclasses.fields(kind)}
    options = {action.dest for action in parser._actions if action.dest != "help"}
    assert options - WORKED_OUT <= fields


def test_an_option_given_reaches_the_config() -> None:
    parser = argparse.ArgumentParser()
    add_serve_web_arguments(parser)
    options = parser.parse_args(["--per-ip", "9", "--idle-timeout", "12", "--allow-origin",
                                 "https://a.example"])  # fmt: skip
    config = config_from(options, WebConfig, max_sessions=1,
                         allow_origins=tuple(options.allow_origin))  # fmt: skip
    assert (config.per_ip, config.idle_timeout, config.allow_origins) == (
        9,
        12.0,
        ("https://a.example",),
    )
