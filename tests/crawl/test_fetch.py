"""The polite fetcher's parts: Retry-After, the User-Agent, the per-host gate (measured)."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from zholdau.crawl.fetch import HostGate, retry_after, user_agent


@pytest.mark.parametrize("value, seconds", [
    ("120", 120.0), (" 5 ", 5.0), ("0", 0.0), (None, None), ("", None), ("soon", None), ("-3", None),
    (format_datetime(datetime(2025, 9, 10, 12, 0, 30, tzinfo=UTC), usegmt=True), 30.0),
    (format_datetime(datetime(2025, 9, 10, 11, 0, 0, tzinfo=UTC), usegmt=True), 0.0),  # in the past
])  # fmt: skip
def test_retry_after(value: str | None, seconds: float | None) -> None:
    now = datetime(2025, 9, 10, 12, 0, 0, tzinfo=UTC).timestamp()
    assert retry_after(value, now=now) == seconds


@pytest.mark.parametrize("contact, part", [
    ("https://zholdau.example/contact", "(+https://zholdau.example/contact;"),
    (None, "set ZHOLDAU_CRAWL_CONTACT"),
])  # fmt: skip
def test_the_user_agent_names_the_project_and_a_contact(contact: str | None, part: str) -> None:
    agent = user_agent(contact)
    assert agent.startswith("ZholdauMonitor/") and part in agent


@pytest.mark.parametrize("delay, concurrency, work", [(0.05, 1, 0.0), (0.05, 3, 0.12), (0.0, 2, 0.05)])
def test_the_gate_spaces_starts_and_caps_requests_in_flight(
    delay: float, concurrency: int, work: float
) -> None:
    starts: list[float] = []
    active = peak = 0

    async def request(gate: HostGate) -> None:
        nonlocal active, peak
        async with gate.slot():
            starts.append(time.monotonic())
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(work)
            active -= 1

    async def main() -> None:
        gate = HostGate(delay, concurrency)
        await asyncio.gather(*(request(gate) for _ in range(8)))

    asyncio.run(main())
    gaps = [b - a for a, b in itertools.pairwise(sorted(starts))]
    assert min(gaps) >= delay - 0.005
    assert peak <= concurrency


def test_a_pause_holds_every_request_of_the_host() -> None:
    async def main() -> float:
        gate = HostGate(0.0, 4)
        gate.pause(0.2)
        t0 = time.monotonic()
        async with gate.slot():
            return time.monotonic() - t0

    assert asyncio.run(main()) >= 0.19


def test_a_crawl_delay_learnt_late_counts_from_the_last_start() -> None:
    async def main() -> float:
        gate = HostGate(0.01, 1)
        async with gate.slot():
            first = time.monotonic()
        gate.set_delay(0.2)  # robots.txt was just read
        async with gate.slot():
            return time.monotonic() - first

    assert asyncio.run(main()) >= 0.19
