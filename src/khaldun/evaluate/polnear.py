"""Attribution scored on PolNeAR (``attribution/dev``: ``text/*.txt`` and brat ``attributions/*.ann``).

Articles annotated by several annotators have one ``.ann`` per annotator
(``<article>_<annotator>.ann``); we score against the first of them in sorted
file-name order, so every article counts once.  Gold spans are brat text-bound
annotations of type Source, Cue and Content (possibly discontinuous); offsets are
into the raw article text.  The pipeline reads the normalised text
(:func:`make_document` trims lines and collapses spaces), so predicted offsets are
mapped back to the raw text before matching.

Matching, per span kind and micro-averaged over articles:

- overlap: a predicted span matches a gold span of the same kind when they share a
  character; each gold span is matched at most once (greedy, largest overlap first);
- exact: the same, but the extents must be equal after trimming whitespace and
  punctuation at both ends;
- relation: a predicted attribution matches a gold one when its cue and content
  overlap the gold cue and content, and its source overlaps the gold source (or
  both have none).

A predicted source or content counts once per distinct cue (one cue may introduce
several quotations; one source may speak through several cues, as in the gold).

PolNeAR is univocal: a token takes part in at most one attribution, so a statement
nested inside another's content ("X said Y claimed Z") is never annotated.  The
headline figures therefore score the outermost statements only (those whose cue
lies in no other predicted statement's content or source); ``with_nested`` scores
everything the component returns.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..acquire.normalize import make_document
from ..extract.attribution_lexicon import lexicon
from ..extract.base import DocContext
from ..extract.pipeline import Pipeline
from ..records import Attribution
from . import Missing, evaluation

KINDS = ("source", "cue", "content")
_PUNCT = " \n\t.,;:!?\"'“”‘’()[]—–-"
Frags = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    cue: Frags = ()
    content: Frags = ()
    source: Frags = ()


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def scores(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted}
        for name, hit in (("overlap", self.overlap), ("exact", self.exact)):
            p = hit / self.predicted if self.predicted else 0.0
            r = hit / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        return out


# -- reading ------------------------------------------------------------------------------------
def read_ann(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat file."""
    spans: dict[str, tuple[str, Frags]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            frags = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
            spans[parts[0]] = (kind.lower(), frags)  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        gold = GoldAttribution()
        for role, tid in rel.items():
            role = role.lower().rstrip("0123456789")
            if role in KINDS and tid in spans:
                setattr(gold, role, spans[tid][1])
        if gold.cue or gold.content:
            out.append(gold)
    return out


def first_annotations(ann_dir: Path) -> dict[str, Path]:
    """Article stem -> the first annotator's file (sorted by name)."""
    chosen: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, path)
    return chosen


def raw_offsets(raw: str, norm: str) -> list[int]:
    """For every offset of the normalised text (and its end), the raw text's offset.

    Normalisation deletes characters (spaces, control characters, blank lines),
    turns space-like characters into " " and composes Unicode (NFC); a greedy
    walk over both texts aligns them."""
    out, j = [], 0
    for ch in norm:
        while j < len(raw):
            r = raw[j]
            if r == ch or (ch == " " and r.isspace() and r != "\n"):
                out.append(j)
                j += 1
                break
            k = _composed(raw, j, ch)
            if k:
                out.append(j)
                j += k
                break
            j += 1
        else:
            out.append(len(raw))
    out.append(min(j, len(raw)))
    return out


def _composed(raw: str, j: int, ch: str) -> int:
    for k in (2, 3, 4):
        if unicodedata.normalize("NFC", raw[j : j + k]) == ch:
            return k
    return 0


# -- matching -----------------------------------------------------------------------------------
def _overlap(a: Frags, b: Frags) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _extent(text: str, frags: Frags) -> tuple[int, int]:
    start, end = min(s for s, _ in frags), max(e for _, e in frags)
    while start < end and text[start] in _PUNCT:
        start += 1
    while end > start and text[end - 1] in _PUNCT:
        end -= 1
    return start, end


def match(text: str, predicted: list[Frags], gold: list[Frags], counts: Counts) -> None:
    """Add one article's spans of one kind to ``counts``."""
    counts.gold += len(gold)
    counts.predicted += len(predicted)
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p, used_g = set(), set()
    for ov, i, j in pairs:
        if ov <= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        counts.overlap += 1
    exact_gold = {_extent(text, g) for g in gold}
    counts.exact += len({_extent(text, p) for p in predicted} & exact_gold)


def _relation_hits(predicted: list[GoldAttribution], gold: list[GoldAttribution]) -> int:
    hits, used = 0, set()
    for p in predicted:
        for j, g in enumerate(gold):
            if j in used or not (_overlap(p.cue, g.cue) and _overlap(p.content, g.content)):
                continue
            if (not p.source and not g.source) or _overlap(p.source, g.source):
                used.add(j)
                hits += 1
                break
    return hits


def _to_raw(att: Attribution, offs: list[int]) -> GoldAttribution:
    def conv(span) -> Frags:
        return (
            ((offs[span.start], offs[span.end - 1] + 1),)
            if span is not None and span.end > span.start
            else ()
        )

    return GoldAttribution(cue=conv(att.cue), content=conv(att.content), source=conv(att.source))


def outermost(atts: list[Attribution]) -> list[Attribution]:
    """The statements whose cue lies in no other statement's content or source."""

    def inside(a: Attribution, b: Attribution) -> bool:
        if a is b or (b.content.start, b.content.end) == (a.content.start, a.content.end):
            return False
        spans = [b.content, *([b.source] if b.source is not None else [])]
        return any(s.start <= a.cue.start < s.end for s in spans)

    return [a for a in atts if not any(inside(a, b) for b in atts)]


def _score(
    raw: str, pred: list[GoldAttribution], gold: list[GoldAttribution], counts: dict[str, Counts]
) -> None:
    for kind in KINDS:
        # one span per distinct cue: a cue introducing several quotations counts once
        keyed = {(p.cue, getattr(p, kind)): getattr(p, kind) for p in pred if getattr(p, kind)}
        spans = list(keyed.values()) if kind != "cue" else list(dict.fromkeys(keyed.values()))
        match(raw, spans, [getattr(g, kind) for g in gold if getattr(g, kind)], counts[kind])
    rel = counts["relation"]
    rel.gold += len(gold)
    rel.predicted += len(pred)
    rel.overlap += _relation_hits(pred, gold)


# -- the evaluation -----------------------------------------------------------------------------
@evaluation("attribution")
def evaluate_polnear(shared: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    """Span and relation precision/recall/F1 of the attribution component on PolNeAR dev."""
    base = shared / "attribution" / "dev"
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        raise Missing(f"{base}: no text/ or attributions/ directory")
    files = sorted(first_annotations(base / "attributions").items())[: limit or None]
    counts = {k: Counts() for k in (*KINDS, "relation")}
    nested = {k: Counts() for k in (*KINDS, "relation")}
    raws = [(base / "text" / f"{stem}.txt").read_text(encoding="utf-8") for stem, _ in files]
    docs = [make_document(raw, id=stem) for raw, (stem, _) in zip(raws, files, strict=True)]
    lexicon()  # loaded once per process: not a per-document cost
    t0 = time.perf_counter()
    parsed = list(pipeline.nlp.pipe(d.text for d in docs))
    parse_s = time.perf_counter() - t0
    attribution_s = 0.0
    for raw, doc, sdoc, (_, ann) in zip(raws, docs, parsed, files, strict=True):
        ctx = DocContext(document=doc, doc=sdoc)
        for name, step in pipeline.steps:
            t = time.perf_counter()
            step(ctx)
            if name == "attribution":
                attribution_s += time.perf_counter() - t
                break
        offs = raw_offsets(raw, doc.text)
        gold = read_ann(ann)
        _score(raw, [_to_raw(a, offs) for a in outermost(ctx.attributions)], gold, counts)
        _score(raw, [_to_raw(a, offs) for a in ctx.attributions], gold, nested)
    result: dict[str, Any] = {"documents": len(files), "annotator": "first .ann per article, sorted by name"}
    for kind, c in counts.items():
        result[kind] = c.scores()
    result["relation"].pop("exact")
    result["with_nested"] = {k: c.scores()["overlap"]["f1"] for k, c in nested.items()}
    result["seconds"] = {"parse": round(parse_s, 3), "attribution": round(attribution_s, 3)}
    result["attribution_share_of_parse"] = round(attribution_s / parse_s, 4) if parse_s else None
    return result
