"""One Settings object, read from flags and DOWNHILL_* environment variables."""
from __future__ import annotations

import ipaddress
import os
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from engine.datasets.mnist import data_dir

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD = ("0.0.0.0", "::", "")


def _env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


def _env_int(name: str, default: int | None) -> int | None:
    value = os.environ.get(name)
    return int(value) if value else default


def parse_size(text: str) -> int:
    """"2G", "500M", "64k" or a number of bytes -> bytes; ValueError otherwise."""
    text = text.strip().upper().removesuffix("B")
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}.get(text[-1:], 1)
    number = float(text[:-1] if scale > 1 else text)
    if not number >= 0 or number != number or number == float("inf"):
        raise ValueError(f"not a size: {text!r}")
    return int(number * scale)


@dataclass
class Settings:
    """Where to listen, where to keep data, who may talk to us, where and how much work at once
    (`workers` trainings; `max_waiting` more in line; `max_sessions` open WebSockets; Ray)."""

    host: str = field(default_factory=lambda: os.environ.get("DOWNHILL_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: _env_int("DOWNHILL_PORT", 8000))
    data_dir: Path = field(default_factory=data_dir)
    allowed_hosts: list[str] = field(default_factory=lambda: _env_list("DOWNHILL_ALLOWED_HOSTS"))
    allowed_origins: list[str] = field(default_factory=lambda: _env_list("DOWNHILL_ALLOWED_ORIGINS"))
    # Trainings at once; None: one per CPU (this machine's, or the Ray cluster's).
    workers: int | None = field(default_factory=lambda: _env_int("DOWNHILL_WORKERS", None))
    token: str | None = field(default_factory=lambda: os.environ.get("DOWNHILL_TOKEN") or None)
    max_sessions: int = field(default_factory=lambda: _env_int("DOWNHILL_MAX_SESSIONS", 64))
    max_waiting: int = field(default_factory=lambda: _env_int("DOWNHILL_MAX_WAITING", 32))
    # Where trainings run: unset = processes on this machine; "local" = Ray started here with
    # `workers` CPUs; "auto" or "host:port" = a running Ray cluster, joined as a driver.
    ray_address: str | None = field(default_factory=lambda: os.environ.get("DOWNHILL_RAY_ADDRESS") or None)
    # A sweep's cells training at once (None: half the training slots), so a sweep leaves
    # slots for everyone else; and how many sweeps may run at once on the server.
    sweep_cells: int | None = field(default_factory=lambda: _env_int("DOWNHILL_SWEEP_CELLS", None))
    max_sweeps: int = field(default_factory=lambda: _env_int("DOWNHILL_MAX_SWEEPS", 8))
    # Disk the saved runs may use (weights, trajectories, the database); past it new saves are
    # refused with a message, and nothing saved is deleted. None: only the disk's free space.
    disk_budget: int | None = field(default_factory=lambda: parse_size(os.environ.get("DOWNHILL_DISK_BUDGET", "2G")))
    max_body_bytes: int = 4 << 20        # a 512×512 canvas as JSON fits comfortably
    max_ws_message_bytes: int = 64 << 10
    default_model_epochs: int | None = None   # None: the default setup's own epochs
    # Full step snapshots a second at most while a run trains freely (None: every one asked
    # for); light ones (the numbers only) fill in, ten times as many at most. A small network
    # takes thousands of steps a second, and a session sends 30 snapshots a second at most
    # (SEND_INTERVAL); pausing and stepping always report the step they stop at.
    max_snapshot_rate: float | None = 30.0

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.workers = None if self.workers is None else max(1, int(self.workers))
        self.max_sessions = max(1, int(self.max_sessions))
        self.max_waiting = max(0, int(self.max_waiting))
        if self.exposed and not self.token:
            self.token = secrets.token_urlsafe(24)

    @property
    def exposed(self) -> bool:
        """Bound to something other than the loopback interface: a token is then required."""
        return self.host not in LOOPBACK

    @property
    def url(self) -> str:
        """The address to open on this computer, with the token when one is needed."""
        return self._url("127.0.0.1" if self.host in WILDCARD else self.host)

    def student_urls(self) -> list[str]:
        """One URL per address others on the network can type (none when bound to loopback):
        each of this machine's addresses when bound to all of them, then its name."""
        if not self.exposed:
            return []
        if self.host not in WILDCARD:
            return [self.url]
        return [self._url(a) for a in own_addresses(ipv6=self.host != "0.0.0.0")] + [self._url(socket.gethostname())]

    def _url(self, host: str) -> str:
        query = f"?token={self.token}" if self.token else ""
        return f"http://{_bracketed(host)}:{self.port}/{query}"

    def host_names(self) -> set[str]:
        """Acceptable Host header values: each allowed name with our port. Bound to every
        interface, the machine's own addresses and names count as ours (a student types the
        teacher's IP address); any other name is still refused (DNS rebinding)."""
        names = {"localhost", "127.0.0.1", "[::1]", *self.allowed_hosts}
        if self.host in WILDCARD:
            names |= _own_names() | {_bracketed(a) for a in own_addresses(ipv6=self.host != "0.0.0.0")}
        else:
            names.add(_bracketed(self.host))
        hosts = {f"{n}:{self.port}" for n in names}
        return hosts | names if self.port == 80 else hosts

    def origins(self) -> set[str]:
        """Acceptable Origin values: our own origin under each allowed host, and configured ones."""
        return {f"http://{h}" for h in self.host_names()} | set(self.allowed_origins)


def own_addresses(ipv6: bool = True) -> list[str]:
    """This machine's IP addresses on every interface (psutil), loopback and link-local ones
    left out (nobody else can reach those), IPv4 first."""
    families = (socket.AF_INET, socket.AF_INET6) if ipv6 else (socket.AF_INET,)
    found = []
    for entries in psutil.net_if_addrs().values():
        for entry in entries:
            if entry.family not in families:
                continue
            ip = ipaddress.ip_address(entry.address.split("%")[0])
            if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and str(ip) not in found:
                found.append(str(ip))
    return sorted(found, key=lambda a: (":" in a, a))


def _own_names() -> set[str]:
    """This machine's host name, its fully qualified name and the names and addresses it resolves to."""
    names = {socket.gethostname(), socket.getfqdn()}
    try:
        name, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
        names |= {name, *aliases, *addresses}
    except OSError:
        pass
    return names


def _bracketed(host: str) -> str:
    """An IPv6 address as it stands in a URL or a Host header: [addr]."""
    return f"[{host}]" if ":" in host else host
