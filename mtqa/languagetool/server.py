"""Fetch, start, stop and find a local LanguageTool HTTP server.

Everything lives under ``cache_dir()`` (``$MTQA_CACHE/languagetool``, else
``~/.cache/mtqa/languagetool``)::

    6.8/lib/*.jar        the jars `fetch` copied out of Maven's repository
    6.8/fetched          written last by `fetch`: the jars are complete
    server.json          the server `mtqa languagetool start` left running
    server.log           its output
    results.sqlite3      answers by paragraph (see client.py)

The server listens on a free loopback port (LanguageTool binds to localhost
unless given ``--public``, which mtqa never passes).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path

from mtqa.languagetool import LanguageToolError

MAIN_CLASS = "org.languagetool.server.HTTPServer"
POM = Path(__file__).resolve().parent / "pom.xml"
_POM_NS = "{http://maven.apache.org/POM/4.0.0}"
#: Heap for the server; English alone stays well under this.
JAVA_OPTIONS = ("-Xmx1g", "-XX:+UseSerialGC")
#: LanguageTool server properties (see `HTTPServer --help`).
_SERVER_PROPERTIES = "cacheSize=0\nmaxCheckThreads=2\n"


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A running server: where it answers and which process it is."""

    url: str
    port: int
    pid: int
    version: str
    log: str


def cache_dir() -> Path:
    """``$MTQA_CACHE/languagetool``, else ``$XDG_CACHE_HOME/mtqa/languagetool`` (~/.cache)."""
    root = os.environ.get("MTQA_CACHE")
    if root:
        return Path(root).expanduser() / "languagetool"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "mtqa" / "languagetool"


def pinned_version(pom: Path = POM) -> str:
    """The LanguageTool version the pom pins."""
    node = ET.parse(pom).getroot().find(f"{_POM_NS}properties/{_POM_NS}languagetool.version")
    if node is None or not (node.text or "").strip():
        raise LanguageToolError(f"{pom}: no <languagetool.version> property")
    return (node.text or "").strip()


def lib_dir(version: str) -> Path:
    return cache_dir() / version / "lib"


def is_fetched(version: str) -> bool:
    return (cache_dir() / version / "fetched").is_file()


def fetch(force: bool = False) -> Path:
    """Copy the pinned LanguageTool and its dependencies from Maven into the cache; return the folder."""
    version = pinned_version()
    target = lib_dir(version)
    if is_fetched(version) and not force:
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolError(
            "Maven (mvn) not found: install it (e.g. `apt-get install maven`), then run `mtqa languagetool fetch`"
        )
    partial = target.parent / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    command = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={partial}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not any(partial.glob("languagetool-server-*.jar")):
        shutil.rmtree(partial, ignore_errors=True)
        raise LanguageToolError(
            f"Maven could not fetch LanguageTool {version} (exit {done.returncode}): "
            f"{_last_line(done.stdout + done.stderr)}"
        )
    (target.parent / "fetched").unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    jars = sorted(p.name for p in target.glob("*.jar"))
    (target.parent / "fetched").write_text(json.dumps({"version": version, "jars": jars}, indent=1), encoding="utf-8")
    return target


def java_binary() -> str:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise LanguageToolError(
            "Java not found: install Java 17 or newer (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME"
        )
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def answers(url: str, timeout: float = 2.0) -> bool:
    """The server at ``url`` answers ``/v2/languages``."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/v2/languages", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def server_version(url: str, timeout: float = 30.0) -> str:
    """The version a server reports (one check of one short English sentence)."""
    data = urllib.parse.urlencode({"language": "en-US", "motherTongue": "ru", "text": "He goes home."}).encode()
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/v2/check", data=data, timeout=timeout) as response:
            body = json.load(response)
    except (OSError, ValueError) as exc:
        raise LanguageToolError(f"LanguageTool at {url} did not answer ({exc}): check the URL or start it") from None
    return str(body.get("software", {}).get("version", "unknown"))


def start(timeout: float = 90.0, record: bool = True) -> ServerInfo:
    """Start the pinned server on a free loopback port and wait until it answers.

    ``record``: leave it running for later mtqa runs (``server.json``), or
    not (a server for one run, which the caller stops).
    """
    if record:
        running = status()
        if running is not None:
            return running
    version = pinned_version()
    if not is_fetched(version):
        raise LanguageToolError(f"LanguageTool {version} is not fetched yet: run `mtqa languagetool fetch` (needs Maven)")
    java = java_binary()
    folder = cache_dir()
    port = free_port()
    properties = folder / "server.properties"
    properties.write_text(_SERVER_PROPERTIES, encoding="utf-8")
    log = folder / ("server.log" if record else f"server-{port}.log")
    command = [java, *JAVA_OPTIONS, "-cp", f"{lib_dir(version)}/*", MAIN_CLASS,
               "--port", str(port), "--config", str(properties)]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=record
        )
    info = ServerInfo(f"http://127.0.0.1:{port}", port, process.pid, version, str(log))
    _wait_until_up(process, info, timeout)
    if record:
        _state_file().write_text(json.dumps(asdict(info), indent=1), encoding="utf-8")
    return info


def _wait_until_up(process: subprocess.Popen[bytes], info: ServerInfo, timeout: float) -> None:
    """Wait until the server answers, then until it has checked one English sentence.

    LanguageTool loads a language's rules on its first check (about ten
    seconds for English); doing it here makes "started" mean "ready".
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None:
            reason = _log_reason(Path(info.log))
            raise LanguageToolError(f"LanguageTool server exited at start-up (code {code}): {reason} (log: {info.log})")
        if answers(info.url, timeout=1.0):
            with contextlib.suppress(LanguageToolError):
                server_version(info.url, timeout=max(0.1, deadline - time.monotonic()))
                return
        time.sleep(0.2)
    _end(info.pid)
    raise LanguageToolError(f"LanguageTool server did not answer within {timeout:g} s: the machine may be busy, try `--timeout` (log: {info.log})")


def status() -> ServerInfo | None:
    """The recorded server, if it is still running and answers."""
    state = _state_file()
    try:
        info = ServerInfo(**json.loads(state.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if _is_our_server(info.pid) and answers(info.url):
        return info
    return None


def stop(info: ServerInfo | None = None) -> bool:
    """Stop a server (the recorded one by default); True when one was running."""
    recorded = info is None
    if info is None:
        try:
            info = ServerInfo(**json.loads(_state_file().read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return False
    ended = _is_our_server(info.pid) and _end(info.pid)
    if recorded:
        _state_file().unlink(missing_ok=True)
    else:
        Path(info.log).unlink(missing_ok=True)
    return ended


def _state_file() -> Path:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "server.json"


def _is_our_server(pid: int) -> bool:
    """The process is alive and is a LanguageTool HTTP server (never end a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return MAIN_CLASS.encode() in cmdline


def _end(pid: int, grace: float = 10.0) -> bool:
    """SIGTERM, then SIGKILL after ``grace`` seconds; reaps the process when it is our child."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.1)
    return True


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _log_reason(log: Path) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "no output"
    for line in text.splitlines():
        if "Exception" in line or "Error" in line:
            return line.strip()[:300]
    return _last_line(text)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"
