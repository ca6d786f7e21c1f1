"""`python -m tests.bench [eligibility] [batch] [caseload]` (all when none is named):
eligibility determinations per second, in-process and through the gRPC service, each as
a ratio to a baseline measured in the same run; the batch command on 60,000 households
against a bare JSON read and write of the same file (`tests/bench/batch.py`); then
intake's read-model latencies over 10,000 stored cases (`tests/bench/caseload.py`).

* in-process: `determine` (parse, validate, every rule, explanation) vs. parsing and
  validating the same JSON lines alone (the floor any integration pays per line);
* gRPC: DetermineEligibility (determine + store a row in SQLite) and ScreenExpedited
  vs. the standard health Check on the same server: a bare echo over the same channel,
  with the same number of calls in flight.

The eligibility figures take well under a minute on the 2-core machines, the caseload's
about 80 s (most of it storing the cases); rates drift about 25% between runs, so
compare the ratios.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from casework.v1 import common_pb2, eligibility_pb2, eligibility_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.auth.interceptor import Authorization
from common.db import make_engine, make_sessions
from common.migrate import upgrade
from common.server import start_server
from common.validate import USPS_STATES as STATES
from services.eligibility.engine.determine import determine
from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.requests import parse_request
from services.eligibility.servicer import SERVICE_NAME, EligibilityServicer
from tests.bench import batch, caseload
from tests.tokens import Issuer

SECONDS = 3.0
IN_FLIGHT = 16


def sample_lines() -> list[str]:
    """A spread of households: every state, sizes 1 to 6, earned and unearned income."""
    lines = []
    for n, state in enumerate(sorted(STATES)):
        size = 1 + n % 6
        members = [{"id": f"m{i}", "age": [34, 31, 9, 4, 15, 70][i],
                    "relationship": ["head", "spouse", "child", "child", "child",
                                     "other_relative"][i]} for i in range(size)]
        lines.append(json.dumps({
            "id": f"h{n}", "state": state, "period": ["2025-03", "2026-01"][n % 2],
            "members": members,
            "incomes": [{"member_id": "m0", "kind": "wages", "monthly_cents": 90000 + 7000 * n},
                        {"member_id": "m0", "kind": "social_security", "monthly_cents": 30000}],
            "expenses": {"rent_cents": 80000 + 1000 * n,
                         "utilities": ["heating_cooling", "limited", "telephone_only"][n % 3]},
            "assets": {"liquid_cents": 50000}}))
    return lines


def rate(work: Callable[[], Any], items: int, seconds: float = SECONDS) -> float:
    """Items per second doing `work` (which handles `items` items) repeatedly."""
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        work()
        done += items
    return done / elapsed


async def async_rate(call: Callable[[], Awaitable[Any]], seconds: float = SECONDS) -> float:
    """Calls per second with IN_FLIGHT callers each calling back to back."""
    done = 0
    deadline = time.perf_counter() + seconds

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await call()
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(IN_FLIGHT)))
    return done / (time.perf_counter() - start)


def in_process(rulebook: Rulebook, lines: list[str]) -> tuple[float, float]:
    def parse_only() -> None:
        for line in lines:
            parse_request(json.loads(line))

    def full() -> None:
        for line in lines:
            determine(parse_request(json.loads(line)), rulebook)

    full()  # warm up
    return rate(parse_only, len(lines)), rate(full, len(lines))


def pb_request(line: str, n: int) -> eligibility_pb2.HouseholdRequest:
    data = json.loads(line)
    rel = {"head": 1, "spouse": 2, "child": 3, "other_relative": 4, "unrelated": 5}
    kind = {"wages": 1, "social_security": 3}
    util = {"heating_cooling": 1, "limited": 2, "telephone_only": 3}
    return eligibility_pb2.HouseholdRequest(
        id=f"bench-{n}", period=data["period"],
        household=common_pb2.Household(
            state=data["state"],
            members=[common_pb2.HouseholdMember(id=m["id"], age=m["age"],
                                                relationship=rel[m["relationship"]])  # type: ignore[arg-type]
                     for m in data["members"]],
            incomes=[common_pb2.Income(member_id=i["member_id"], kind=kind[i["kind"]],  # type: ignore[arg-type]
                                       monthly_cents=i["monthly_cents"])
                     for i in data["incomes"]],
            expenses=common_pb2.Expenses(rent_cents=data["expenses"]["rent_cents"],
                                         utilities=util[data["expenses"]["utilities"]]),  # type: ignore[arg-type]
            assets=common_pb2.Assets(liquid_cents=data["assets"]["liquid_cents"])))


async def through_grpc(rulebook: Rulebook, lines: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'eligibility.db'}"
        await asyncio.to_thread(upgrade, "eligibility", url)
        engine = make_engine(url)
        servicer = EligibilityServicer(make_sessions(engine), rulebook)
        issuer = Issuer()  # every call carries a token the server checks, as in production
        running = await start_server("127.0.0.1:0", servicer.register, [SERVICE_NAME],
                                     authorization=Authorization(issuer.verifier))
        channel = issuer.channel(f"127.0.0.1:{running.port}")
        try:
            stub = eligibility_pb2_grpc.EligibilityServiceStub(channel)
            health = health_pb2_grpc.HealthStub(channel)
            requests = [pb_request(line, n) for n, line in enumerate(lines)]
            counter = iter(range(10**9))

            async def check() -> None:
                await health.Check(health_pb2.HealthCheckRequest())

            async def determine_one() -> None:
                item = requests[next(counter) % len(requests)]
                await stub.DetermineEligibility(
                    eligibility_pb2.DetermineEligibilityRequest(request=item))

            async def screen_one() -> None:
                item = requests[next(counter) % len(requests)]
                await stub.ScreenExpedited(
                    eligibility_pb2.ScreenExpeditedRequest(household=item.household))

            batch = eligibility_pb2.DetermineEligibilityBatchRequest(requests=requests)

            async def batch_call() -> None:
                await stub.DetermineEligibilityBatch(batch)

            await check()
            await determine_one()
            echo = await async_rate(check)
            determined = await async_rate(determine_one)
            screened = await async_rate(screen_one)
            batched = await async_rate(batch_call) * len(requests)
            return {"echo": echo, "determine": determined, "screen": screened,
                    "batch": batched}
        finally:
            await channel.close()
            await running.stop(0)
            await engine.dispose()


def eligibility() -> None:
    started = time.perf_counter()
    rulebook = Rulebook.load()
    lines = sample_lines()
    parsed, determined = in_process(rulebook, lines)
    print(f"in-process ({len(lines)} households, all states, FY2025 and FY2026)")
    print(f"  {'parse + validate only (baseline)':<42}{parsed:10.0f} /s")
    print(f"  {'full determination':<42}{determined:10.0f} /s"
          f"   ratio to baseline {determined / parsed:.3f}")
    grpc_rates = asyncio.run(through_grpc(rulebook, lines))
    echo = grpc_rates["echo"]
    print(f"gRPC on loopback, {IN_FLIGHT} calls in flight")
    print(f"  {'health Check echo (baseline)':<42}{echo:10.0f} /s")
    for key, label in (("determine", "DetermineEligibility (+ SQLite row)"),
                       ("screen", "ScreenExpedited"),
                       ("batch", "DetermineEligibilityBatch (per household)")):
        print(f"  {label:<42}{grpc_rates[key]:10.0f} /s   ratio to echo "
              f"{grpc_rates[key] / echo:.3f}")
    print(f"determination in-process vs. through gRPC: "
          f"{determined / grpc_rates['determine']:.1f}x")
    print(f"took {time.perf_counter() - started:.0f} s")


BENCHES = {"eligibility": eligibility, "batch": batch.main, "caseload": caseload.main}


def main(names: list[str]) -> None:
    unknown = set(names) - set(BENCHES)
    if unknown:
        sys.exit(f"no such benchmark: {', '.join(sorted(unknown))} (of {', '.join(BENCHES)})")
    for name in names or BENCHES:
        BENCHES[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
