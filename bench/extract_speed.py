"""How fast is ``khaldun extract`` next to a bare spaCy ``nlp.pipe`` over the same texts?

Texts: the bundled ``samples/`` corpus, plus the PolNeAR development articles
under ``../shared/eval`` when present (read in place). Each contender is timed
after its model is loaded (steady throughput), in the same run; the load
times are printed too. The target is a single-process ratio of at least 0.5.

    python bench/extract_speed.py [--limit N] [--output artifacts/bench.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLNEAR = ("attribution", "dev", "text")


def sample_texts() -> list[tuple[str, str, str | None]]:
    """(id, text, published) of each readable document in samples/, as ingest would see it."""
    from khaldun.acquire import acquire

    folder = REPO / "samples"
    if not folder.is_dir():
        return []
    out = []
    for item in acquire([str(folder)]):
        if item.document is not None:
            d = item.document
            out.append((Path(item.origin).name, d.text, d.published.isoformat() if d.published else None))
    return out


def eval_texts() -> list[tuple[str, str, str | None]]:
    """The PolNeAR development articles, when ../shared/eval is there."""
    from khaldun.evaluate import shared_eval_dir

    folder = shared_eval_dir().joinpath(*POLNEAR)
    if not folder.is_dir():
        return []
    return [(p.name, p.read_text(encoding="utf-8"), None) for p in sorted(folder.glob("*.txt"))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


class Contender:
    """Something that turns the texts into documents; timed over several rounds."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.load_s = 0.0
        self.runs: list[float] = []
        self.extra: dict[str, Any] = {}

    def result(self, n: int) -> dict[str, Any]:
        best = min(self.runs)
        return {
            "load_s": self.load_s,
            "run_s": best,
            "runs_s": self.runs,
            "docs_per_s": n / best,
        } | self.extra


def spacy_contender(texts: list[str]) -> tuple[Contender, Callable[[], None]]:
    from khaldun.nlp import load_nlp

    c = Contender("spacy")
    c.load_s, nlp = timed(load_nlp)
    list(nlp.pipe(texts[:2]))  # warm-up

    def run() -> None:
        c.runs.append(timed(lambda: sum(1 for _ in nlp.pipe(texts)))[0])

    return c, run


def extract_contender(extractor: Any, lines: list[str], name: str) -> tuple[Contender, Callable[[], None]]:
    c = Contender(name)
    c.load_s, _ = timed(extractor.warm)
    list(extractor.run(lines[:2]))  # warm-up

    def run() -> None:
        run_s, outputs = timed(lambda: list(extractor.run(lines)))
        c.runs.append(run_s)
        parsed = [json.loads(o) for o in outputs]
        c.extra = {
            "errors": sum(1 for o in parsed if o["error"]),
            "events": sum(len(o["events"]) for o in parsed),
        }

    return c, run


def measure(texts: list[str], lines: list[str], rounds: int) -> dict[str, Any]:
    """Alternate the contenders round by round and keep each one's best time, so
    that load from other processes on the machine hurts them alike."""
    from khaldun.batch import BatchExtractor

    with BatchExtractor(workers=1) as one, BatchExtractor(workers=2) as two:
        contenders = [
            spacy_contender(texts),
            extract_contender(one, lines, "extract_w1"),
            extract_contender(two, lines, "extract_w2"),
        ]
        for r in range(rounds):
            for c, run in contenders:
                run()
                print(f"bench: round {r + 1}: {c.name} {c.runs[-1]:.1f} s", file=sys.stderr)
    return {c.name: c.result(len(texts)) for c, _ in contenders}


def rows(report: dict[str, Any]) -> Iterator[list[Any]]:
    for name in ("spacy", "extract_w1", "extract_w2"):
        r = report[name]
        yield [name, f"{r['docs_per_s']:.2f}", f"{r['run_s']:.1f}", f"{r['load_s']:.1f}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="use at most N texts")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds; the best of each is kept")
    parser.add_argument("--output", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)

    docs = sample_texts() + eval_texts()
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        print("bench: no texts (samples/ and ../shared/eval are both absent)", file=sys.stderr)
        return 1
    texts = [t for _, t, _ in docs]
    lines = [json.dumps({"id": i, "text": t, "published": p}) for i, t, p in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"bench: {len(texts)} texts, {words} words", file=sys.stderr)

    report: dict[str, Any] = {"texts": len(texts), "words": words, "rounds": args.rounds}
    report |= measure(texts, lines, args.rounds)
    report["ratio_w1"] = report["extract_w1"]["docs_per_s"] / report["spacy"]["docs_per_s"]
    report["ratio_w2"] = report["extract_w2"]["docs_per_s"] / report["spacy"]["docs_per_s"]

    from khaldun.export.table import render

    print(render(["contender", "docs/s", "run s", "load s"], list(rows(report))))
    w1, w2 = report["ratio_w1"], report["ratio_w2"]
    print(f"ratio khaldun extract / bare spaCy: {w1:.2f} (1 worker), {w2:.2f} (2 workers)")
    print(f"target >= 0.5 (1 worker): {'met' if report['ratio_w1'] >= 0.5 else 'NOT met'}")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
