"""Crash trials: kill -9 the process that writes, at a random moment, and check what is left.

Usage: ``python -m bench.crash [--trials 20] [--pg-url postgresql+psycopg://user@host:port/db]``
(the PostgreSQL URL may also come from ``COVERAGE_DIARY_TEST_PG_URL``; each run uses a new
database on that server, dropped afterwards).

Three operations, each ``--trials`` times per database, killed with SIGKILL somewhere between
"just started" and "just finished" (the delay is drawn from the length of an uninterrupted run):

- restore: a one-year backup restored as a new profile. Afterwards the profile must be absent,
  or present with every entry, every earlier version and its settings.
- import: a 300-row spreadsheet imported into an empty profile. Afterwards 0 or 300 rows.
- saves: a stream of edits of one entry and new entries, each acknowledged after its commit.
  Afterwards every acknowledged save is there, the entry's history is complete (versions 1 to
  n-1, no gap, no duplicate), the profile's revision counts every committed write, and every
  entry reads back.

SQLite files are also checked with ``PRAGMA integrity_check``. Prints one line per database and
operation, and exits 1 if any trial found something lost or half-written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from utils import exchange as ex  # noqa: E402
from utils import sample  # noqa: E402
from utils.conditions.headache.models import Attack, HeadacheCheckin  # noqa: E402
from utils.storage.store import Store  # noqa: E402

CHILD = r"""
import datetime as dt, sys
sys.path.insert(0, sys.argv[1])
from utils import exchange as ex
from utils.models import Attack, HeadacheCheckin
from utils.store import Store
op, url, arg = sys.argv[2], sys.argv[3], sys.argv[4]
store = Store(url)
if op == "restore":
    data = open(arg, "rb").read()
    print("go", flush=True)
    ex.restore_backup(store, data, name="Crash copy")
elif op == "import":
    data = open(arg, "rb").read()
    pid = store.profile_by_name("Crash import").id
    print("go", flush=True)
    ex.import_csv(store, pid, data)
else:
    pid = store.profile_by_name("Crash saves").id
    eid = int(arg)
    day = dt.date(2026, 1, 1)
    print("go", flush=True)
    for k in range(100000):
        store.update(pid, eid, Attack(start_date=day, pain=k % 11))
        print(f"u {k}", flush=True)
        store.add(pid, HeadacheCheckin(date=day - dt.timedelta(days=1 + k)))
        print(f"a {k}", flush=True)
print("done", flush=True)
"""


def run_child(op: str, url: str, arg: str, delay: float | None, stamp: bool = False) -> list[str]:
    """Run one operation in a child process; SIGKILL it ``delay`` seconds after its "go"."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), op, url, arg],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if first != "go":
        raise RuntimeError(f"{op}: child failed to start: {proc.stderr.read()[-2000:]}")
    if delay is not None:
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
    went = time.monotonic()
    if stamp:  # time to the child's "done" (not to its exit, which takes a while longer)
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.strip() == "done":
                break
        took = time.monotonic() - went
        rest, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"{op}: child failed: {err[-2000:]}")
        return [first] + lines + rest.splitlines() + [str(took)]
    out, err = proc.communicate(timeout=600)
    if delay is None and proc.returncode != 0:
        raise RuntimeError(f"{op}: child failed: {err[-2000:]}")
    return [first] + out.splitlines() + ([str(time.monotonic() - went)] if stamp else [])


def timed(op: str, url: str, arg: str) -> float:
    """Seconds from the child's "go" (start-up done) to the end of the operation."""
    out = run_child(op, url, arg, None, stamp=True)
    return float(out[-1])


def sqlite_ok(url: str) -> bool:
    if not url.startswith("sqlite"):
        return True
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


class Trials:
    def __init__(self, url: str, trials: int, rng: random.Random) -> None:
        self.url, self.trials, self.rng = url, trials, rng
        self.store = Store(url)
        self.tmp = Path(tempfile.mkdtemp(prefix="crash-"))

    def delays(self, full: float) -> list[float]:
        # Spread over the operation: most trials land inside it, a few right after it.
        return [self.rng.uniform(0.0, full * 1.1) for _ in range(self.trials)]

    def restore(self) -> dict:
        src = sample.load_sample(self.store, "migraine", days=365)
        src = self.store.update_profile(src.id, settings={"thresholds": {"history_months": 6}})
        backup = self.tmp / "backup.json"
        backup.write_bytes(ex.backup_bytes(self.store, src.id))
        want_rows = len(self.store.raw_rows(src.id))
        want_hist = sum(len(h) for h in self.store.all_history(src.id).values())
        full = timed("restore", self.url, str(backup))
        self._drop("Crash copy")
        outcome = {"nothing": 0, "everything": 0, "problems": []}
        for delay in self.delays(max(full, 0.05)):
            run_child("restore", self.url, str(backup), delay)
            copy = self.store.profile_by_name("Crash copy")
            if copy is None:
                outcome["nothing"] += 1
            else:
                rows = len(self.store.raw_rows(copy.id))
                hist = sum(len(h) for h in self.store.all_history(copy.id).values())
                if (rows, hist) != (want_rows, want_hist) or copy.settings != src.settings:
                    outcome["problems"].append(f"half a restore: {rows}/{want_rows} entries")
                else:
                    outcome["everything"] += 1
                self.store.delete_profile(copy.id)
            if not sqlite_ok(self.url):
                outcome["problems"].append("integrity_check failed")
        return outcome | {"full_seconds": round(full, 2)}

    def imports(self) -> dict:
        lines = ["start_date,start_time,end,duration_minutes,ongoing,pain"]
        first = dt.date.today()
        lines += [
            f"{(first - dt.timedelta(days=i + 1)).isoformat()},08:00,,60,,{i % 11}"
            for i in range(300)
        ]
        csv = self.tmp / "diary.csv"
        csv.write_text("\n".join(lines) + "\n")
        self._fresh("Crash import")
        full = timed("import", self.url, str(csv))
        outcome = {"nothing": 0, "everything": 0, "problems": []}
        for delay in self.delays(max(full, 0.05)):
            pid = self._fresh("Crash import")
            run_child("import", self.url, str(csv), delay)
            n = self.store.count(pid)
            if n == 0:
                outcome["nothing"] += 1
            elif n == 300:
                outcome["everything"] += 1
            else:
                outcome["problems"].append(f"half an import: {n}/300 rows")
            if not sqlite_ok(self.url):
                outcome["problems"].append("integrity_check failed")
        return outcome | {"full_seconds": round(full, 2)}

    def saves(self) -> dict:
        outcome = {"acknowledged": 0, "problems": []}
        for _ in range(self.trials):
            pid = self._fresh("Crash saves")
            eid = self.store.add(pid, Attack(start_date=dt.date(2026, 1, 1), pain=1))
            rev0 = self.store.revision(pid)
            out = run_child("saves", self.url, str(eid), self.rng.uniform(0.2, 2.0))
            updates = sum(1 for line in out if line.startswith("u "))
            adds = sum(1 for line in out if line.startswith("a "))
            outcome["acknowledged"] += updates + adds
            try:
                entry = self.store.get(pid, eid)
                versions = [h.version for h in self.store.history(pid, eid)]
                added = [r for r in self.store.entries(pid) if isinstance(r.entry, HeadacheCheckin)]
                rev = self.store.revision(pid)
            except Exception as exc:  # noqa: BLE001 - a crash that leaves unreadable data
                outcome["problems"].append(f"unreadable after the kill: {exc}")
                continue
            done_updates = entry.version - 1
            if not updates <= done_updates <= updates + 1:
                outcome["problems"].append(f"{updates} edits acknowledged, {done_updates} kept")
            if not adds <= len(added) <= adds + 1:
                outcome["problems"].append(f"{adds} new entries acknowledged, {len(added)} kept")
            if versions != list(range(1, entry.version)):
                outcome["problems"].append(f"history has gaps or repeats: {versions[:5]}...")
            if rev - rev0 != done_updates + len(added):
                outcome["problems"].append(
                    f"revision moved {rev - rev0} for {done_updates + len(added)} writes"
                )
            if not sqlite_ok(self.url):
                outcome["problems"].append("integrity_check failed")
        return outcome

    def _fresh(self, name: str) -> int:
        self._drop(name)
        return self.store.create_profile(name).id

    def _drop(self, name: str) -> None:
        found = self.store.profile_by_name(name)
        if found is not None:
            self.store.delete_profile(found.id)

    def run(self) -> dict:
        start = time.monotonic()
        results = {
            "restore": self.restore(),
            "import": self.imports(),
            "saves": self.saves(),
        }
        results["seconds"] = round(time.monotonic() - start, 1)
        return results


def pg_database(base: str) -> tuple[str, Callable[[], None]]:
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    name = f"crash_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    return url, drop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--pg-url", default=os.environ.get("COVERAGE_DIARY_TEST_PG_URL"))
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    targets = [("SQLite", f"sqlite:///{tempfile.mkdtemp(prefix='crash-')}/diary.sqlite3", None)]
    if args.pg_url:
        url, drop = pg_database(args.pg_url)
        targets.append(("PostgreSQL", url, drop))
    failed = False
    for label, url, drop in targets:
        try:
            res = Trials(url, args.trials, rng).run()
        finally:
            if drop is not None:
                drop()
        for op in ("restore", "import"):
            r = res[op]
            print(
                f"{label:10} {op:8} {args.trials} kills: {r['nothing']} left nothing, "
                f"{r['everything']} left everything, {len(r['problems'])} problems "
                f"(uninterrupted run {r['full_seconds']} s)"
            )
            for p in r["problems"]:
                print("    PROBLEM:", p)
            failed |= bool(r["problems"])
        r = res["saves"]
        print(
            f"{label:10} saves    {args.trials} kills: {r['acknowledged']} acknowledged saves, "
            f"{len(r['problems'])} problems"
        )
        for p in r["problems"]:
            print("    PROBLEM:", p)
        failed |= bool(r["problems"])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
