"""requirements.txt and environment.yml pin the same packages at the same versions."""
import re

from conftest import ROOT

PIN = re.compile(r"^\s*(?:-\s+)?([A-Za-z0-9_.\[\]-]+)==([^\s#]+)")


def _pins(path):
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_requirements_and_environment_pin_the_same_versions():
    requirements = _pins(ROOT / "requirements.txt")
    environment = _pins(ROOT / "environment.yml")
    assert requirements, "requirements.txt pins nothing"
    only_req = sorted(set(requirements) - set(environment))
    only_env = sorted(set(environment) - set(requirements))
    assert not only_req, f"pinned in requirements.txt but not in environment.yml: {only_req}"
    assert not only_env, f"pinned in environment.yml but not in requirements.txt: {only_env}"
    differ = {name: (requirements[name], environment[name])
              for name in requirements if requirements[name] != environment[name]}
    assert not differ, f"versions differ (requirements.txt, environment.yml): {differ}"


def test_every_dependency_is_pinned():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"requirements.txt: {line!r} is not pinned to one version"
