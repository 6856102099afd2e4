"""The Kubernetes manifests as they would run: valid against Kubernetes' own schemas (strict,
offline: kubernetes-validate bundles them), and saying what the demo's behaviour needs."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from hustings.serve.capacity import RESERVED_MEMORY, SESSION_MEMORY_MIB, Machine, capacity

from .conftest import ROOT

MANIFESTS = {
    "ssh": ROOT / "deploy" / "kubernetes.yaml",
    "web": ROOT / "deploy" / "kubernetes-web.yaml",
}
UNITS = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}


def resources(demo: str) -> dict[str, dict]:
    documents = yaml.safe_load_all(MANIFESTS[demo].read_text(encoding="utf-8"))
    return {document["kind"]: document for document in documents}


def container(demo: str) -> dict:
    (only,) = resources(demo)["Deployment"]["spec"]["template"]["spec"]["containers"]
    return only


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def test_the_manifests_pass_strict_validation() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kubernetes_validate", "--strict", *map(str, MANIFESTS.values())],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("passed") == 4 + 5  # every resource of both files


@pytest.mark.parametrize("demo", ["ssh", "web"])
def test_a_pod_retires_on_sighup_for_as_long_as_a_session_may_last(demo) -> None:
    spec = resources(demo)["Deployment"]["spec"]
    pod = spec["template"]["spec"]
    args = container(demo)["args"]
    assert args[0] == f"serve-{demo}"
    assert pod["terminationGracePeriodSeconds"] >= float(option(args, "--max-session"))
    stop = container(demo)["lifecycle"]["preStop"]["exec"]["command"]
    assert "kill -HUP 1" in stop[-1]
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


@pytest.mark.parametrize("demo", ["ssh", "web"])
def test_ready_means_the_health_endpoint_and_alive_does_not(demo) -> None:
    hustings = container(demo)
    health = option(hustings["args"], "--health-port")
    ports = {port["name"]: port["containerPort"] for port in hustings["ports"]}
    assert ports["health"] == int(health)
    assert hustings["readinessProbe"]["httpGet"] == {"path": "/", "port": "health"}
    # A draining pod answers 503 for up to --max-session: liveness must not restart it.
    assert "httpGet" not in hustings["livenessProbe"]


@pytest.mark.parametrize("demo", ["ssh", "web"])
def test_the_cap_comes_from_the_limits_and_an_autoscaler_and_budget_exist(demo) -> None:
    everything = resources(demo)
    hustings = container(demo)
    assert "--max-sessions" not in hustings["args"]  # derived from the limits below
    limits = hustings["resources"]["limits"]
    memory = int(limits["memory"][:-2]) * UNITS[limits["memory"][-2:]]
    pod = Machine(memory=memory, cores=float(limits["cpu"]), open_files=1 << 20, tasks=None)
    sessions = capacity(demo, pod, immortal=True).sessions
    assert memory >= RESERVED_MEMORY + sessions * SESSION_MEMORY_MIB[demo][0] * UNITS["Mi"]
    assert f"= {sessions} " in MANIFESTS[demo].read_text(encoding="utf-8")  # the comment's sum
    hpa = everything["HorizontalPodAutoscaler"]["spec"]
    assert hpa["metrics"][0]["resource"]["name"] == "cpu" and hpa["minReplicas"] >= 2
    assert everything["PodDisruptionBudget"]["spec"]["maxUnavailable"] == 1


def test_the_host_key_is_a_secret_mounted_read_only() -> None:
    pod = resources("ssh")["Deployment"]["spec"]["template"]["spec"]
    (key,) = [v for v in pod["volumes"] if v["name"] == "host-key"]
    assert key["secret"]["defaultMode"] == 0o440
    mount = next(m for m in container("ssh")["volumeMounts"] if m["name"] == "host-key")
    assert mount["readOnly"] is True
    assert option(container("ssh")["args"], "--host-key").startswith(mount["mountPath"] + "/")
