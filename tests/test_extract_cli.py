"""``khaldun extract``: one output line per input line, in order, streaming, with
valid offsets and the documented schema; bad lines become error lines."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from khaldun import batch
from khaldun.batch import BatchExtractor, LineError, parse_line

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "extract-output.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

TEXTS = [
    "Troops recaptured the village of Tal Afar on Tuesday after three days of fighting, the ministry said.",
    "Police fired tear gas at students protesting in Khartoum on Thursday, witnesses said.",
    "A roadside bomb killed two soldiers near Kandahar on Sunday, officials said.",
    "The rebels signed a ceasefire agreement with the government in Juba on Monday.",
    "Gunmen kidnapped 20 villagers in Zamfara state overnight, police said.",
    "Shelling hit residential areas of Donetsk  on Friday,\r\nlocal authorities said.",
]


def lines_for(n: int) -> list[str]:
    return [
        json.dumps({"id": f"doc-{i}", "text": TEXTS[i % len(TEXTS)], "published": "2021-03-05"})
        for i in range(n)
    ]


def check_offsets(out: dict, text: str) -> None:
    """Every span in an output line indexes the text it refers to."""
    for key in ("places", "actors", "dates"):
        for item in out[key]:
            assert text[item["start"] : item["end"]] == item["text"], (key, item)
    for e in out["events"]:
        ev = e["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]
        if e.get("trigger"):
            assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
    for a in out["attributions"]:
        assert text[a["cue"]["start"] : a["cue"]["end"]] == a["cue"]["text"]
        assert 0 <= a["content"]["start"] <= a["content"]["end"] <= len(text)
        if a["source"]:
            assert text[a["source"]["start"] : a["source"]["end"]] == a["source"]["text"]


# -- input lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"text": "no id"}', 'missing "id"'),
        ('{"id": "a"}', 'missing "text" or "html"'),
        ('{"id": "a", "text": "x", "published": "March"}', '"published" must be YYYY-MM-DD'),
        ('{"id": "a", "text": "Homs", "mentions": [{"start": 0, "end": 9}]}', "outside the text"),
        ('{"id": "a", "text": "Homs", "mentions": [{"start": 0}]}', "each mention"),
        ('{"id": "a", "html": "<p>x</p>", "mentions": []}', '"mentions" need "text"'),
        ('{"id": "a", "html": "<html><body><nav>Home</nav></body></html>"}', "no main text"),
    ],
)
def test_bad_lines(line, message):
    with pytest.raises(LineError, match=message):
        parse_line(line)


def test_text_is_kept_verbatim_so_offsets_index_the_input():
    raw = "  Shelling hit Donetsk  on Friday,\r\nofficials said.  "
    job = parse_line(json.dumps({"id": 7, "text": raw, "mentions": [{"start": 15, "end": 22}]}))
    assert job.id == "7" and job.document.text == raw and job.mentions == [(15, 22)]
    assert raw[15:22] == "Donetsk"


# -- in-process batches -----------------------------------------------------------


def test_order_errors_and_mentions(pipeline):
    raw_html = (
        "<html><head><title>Clashes in Marawi</title></head><body><article>"
        "<p>Soldiers clashed with militants in Marawi on Saturday, leaving five dead, "
        "the army said in a statement.</p></article></body></html>"
    )
    mention_text = "Fighting spread from Aleppo to Idlib, the monitor said."
    inputs = [
        *lines_for(3),
        "{broken",
        "",  # blank lines carry no document
        json.dumps({"id": "html-1", "html": raw_html, "outlet": "Island News"}),
        json.dumps(
            {
                "id": "m",
                "text": mention_text,
                "mentions": [{"start": 21, "end": 27}, {"start": 31, "end": 36}],
            }
        ),
        json.dumps({"id": 42, "text": TEXTS[0]}),
    ]
    with BatchExtractor(workers=1, pipeline=pipeline) as ex:
        outs = [json.loads(o) for o in ex.run(inputs)]
    assert [o["id"] for o in outs] == ["doc-0", "doc-1", "doc-2", None, "html-1", "m", "42"]
    assert outs[3]["error"].startswith("line 4: invalid JSON")
    for o in outs:
        VALIDATOR.validate(o)
    for i in range(3):
        assert (
            outs[i]["error"] is None and outs[i]["language"] == "en" and outs[i]["published"] == "2021-03-05"
        )
        check_offsets(outs[i], TEXTS[i])
    page = outs[4]
    assert page["text"].startswith("Clashes in Marawi") and "five dead" in page["text"]
    check_offsets(page, page["text"])
    given = outs[5]
    assert [(p["start"], p["end"]) for p in given["places"]] == [(21, 27), (31, 36)]  # exactly the mentions
    check_offsets(given, mention_text)


def test_input_is_consumed_lazily(pipeline):
    consumed = 0

    def source():
        nonlocal consumed
        for line in lines_for(200):
            consumed += 1
            yield line

    with BatchExtractor(workers=1, chunk=4, pipeline=pipeline) as ex:
        results = ex.run(source())
        next(results)
        assert consumed == 4  # one chunk, not the whole input
        results.close()


@pytest.mark.slow
def test_two_workers_keep_order_and_stream():
    consumed = 0
    n = 60

    def source():
        nonlocal consumed
        for line in lines_for(n):
            consumed += 1
            yield line

    with BatchExtractor(workers=2, chunk=2) as ex:
        results = ex.run(source())
        first = json.loads(next(results))
        assert consumed <= 2 * 2 * 3 + 2  # at most the in-flight chunks were read ahead
        rest = [json.loads(r) for r in results]
    outs = [first, *rest]
    assert [o["id"] for o in outs] == [f"doc-{i}" for i in range(n)]
    for i, o in enumerate(outs):
        VALIDATOR.validate(o)
        assert o["error"] is None
        check_offsets(o, TEXTS[i % len(TEXTS)])


# -- the command, end to end ------------------------------------------------------


def test_command_stdin_to_stdout():
    inputs = [*lines_for(4), '{"id": "bad"}']
    proc = subprocess.run(
        [sys.executable, "-m", "khaldun.cli", "extract", "--input", "-", "--output", "-", "--workers", "1"],
        input="\n".join(inputs) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    outs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in outs] == ["doc-0", "doc-1", "doc-2", "doc-3", "bad"]
    assert "missing" in outs[-1]["error"]
    for i, o in enumerate(outs):
        VALIDATOR.validate(o)
        if i < 4:
            check_offsets(o, TEXTS[i])


def test_command_files(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines_for(3)) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "khaldun.cli", "extract", "-i", str(src), "-o", str(dst), "-w", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(dst.read_text(encoding="utf-8").splitlines()) == 3
    assert "3 lines written" in proc.stderr


def test_a_lost_chunk_becomes_error_lines():
    class Lost:
        def get(self, timeout=None):
            raise multiprocessing.TimeoutError

    chunk = [(3, '{"id": "a", "text": "x"}'), (4, "{broken")]
    outs = [json.loads(line) for line in batch._collect(chunk, Lost())]
    assert [o["id"] for o in outs] == ["a", None]
    assert outs[0]["error"].startswith("line 3: no result within")
    for o in outs:
        VALIDATOR.validate(o)
