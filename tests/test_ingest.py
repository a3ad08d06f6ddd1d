"""Real inputs as analysts collect them, and bad ones: every input is a document, a duplicate or a reject."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import random
import shutil
from pathlib import Path

import pytest

from etl.build import build
from etl.ingest import NearDuplicates, ingest
from etl.store import read_table

REPORT = "Russia launched {n} drones at Odesa overnight; air defence shot down {m} of them, the governor said."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def good_corpus(root: Path) -> dict[str, str]:
    """One file of every format; returns source_id -> expected drones."""
    lines = [json.dumps({"id": f"j{i}", "text": REPORT.format(n=10 + i, m=5), "published_at": "2025-11-0{}".format(i + 1), "source": "Wire"}) for i in range(3)]
    write(root / "feeds" / "wire.jsonl", "\n".join(lines) + "\n")
    with gzip.open(root / "feeds" / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "gz1", "text": REPORT.format(n=21, m=20), "published_at": "2025-11-05T06:00:00Z"}) + "\n")
    write(root / "notes" / "report.md", "---\nid: md1\nsource: Desk\npublished_at: 2025-11-06\n---\n" + REPORT.format(n=22, m=2))
    write(root / "notes" / "bom.txt", "\ufeff" + REPORT.format(n=23, m=3))
    write(root / "notes" / "utf16.txt", ("---\nid: u16\n---\n" + REPORT.format(n=24, m=4)).encode("utf-16"))
    write(root / "notes" / "cp1251.txt", "---\nid: cp1\nlang: uk\n---\nУ ніч на 5 листопада противник атакував Одещину 25 ударними БпЛА.".encode("cp1251"))
    write(root / "pages" / "page.html",
          "<html><head><title>Drones over Odesa</title><meta name='date' content='2025-11-08'></head><body><nav>Menu</nav>"
          f"<article><h1>Drones over Odesa</h1><p>{REPORT.format(n=26, m=6)}</p><p>Power was restored by noon in most districts of the city.</p></article></body></html>")
    write(root / "feeds" / "feed.xml",
          "<?xml version='1.0'?><rss version='2.0'><channel><title>Night News</title>"
          f"<item><title>Odesa</title><link>https://example.org/1</link><pubDate>Sun, 09 Nov 2025 07:00:00 GMT</pubDate><description>&lt;p&gt;{REPORT.format(n=27, m=7)}&lt;/p&gt;</description></item>"
          "</channel></rss>")
    export = {"name": "odesa_channel", "type": "public_channel", "id": 77, "messages": [
        {"id": 1, "type": "service", "date": "2025-11-10T07:00:00", "action": "pin_message", "text": ""},
        {"id": 2, "type": "message", "date": "2025-11-10T07:05:00", "text": REPORT.format(n=28, m=8)},
        {"id": 3, "type": "message", "date": "2025-11-10T07:06:00", "text": [{"type": "bold", "text": "Update: "}, REPORT.format(n=29, m=9)]},
    ]}
    write(root / "telegram" / "result.json", json.dumps(export))
    return {"j0": 10, "j1": 11, "j2": 12, "gz1": 21, "md1": 22, "bom": 23, "u16": 24, "cp1": 25, "page": 26,
            "https://example.org/1": 27, "odesa_channel:2": 28, "odesa_channel:3": 29}


def bad_corpus(root: Path) -> int:
    """Bad inputs, each of which must become exactly one reject; returns how many."""
    write(root / "bad" / "empty.txt", "")
    write(root / "bad" / "zero.jsonl", b"")
    write(root / "bad" / "mixed.jsonl",
          json.dumps({"id": "ok1", "text": REPORT.format(n=30, m=1)}) + "\n" + '{"id": "cut", "text": "Russia laun\n' + "this is not json\n"
          + json.dumps({"id": "notext", "title": "no body"}) + "\n")
    write(root / "bad" / "broken.txt", "Russia launched 40 drones \u2014 at Odesa ".encode("utf-8") + b"\xff\xfe\xfa overnight")
    write(root / "bad" / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    write(root / "bad" / "scripts.html", "<html><head><script>var a = 1;</script></head><body><script>run()</script></body></html>")
    write(root / "bad" / "huge.txt", "calm day. " * 2_100_000)
    write(root / "bad" / "notes.docx", b"PK\x03\x04 not a report")
    write(root / "bad" / "export" / "result.json", json.dumps({"name": "c", "messages": [{"id": 5, "type": "message", "text": {"oops": 1}}, "junk"]}))
    loop = root / "bad" / "loop"
    loop.mkdir(parents=True)
    os.symlink(root / "bad", loop / "back")
    return 12  # empty, zero, cut, not json, no text, broken, image, scripts, huge, docx, 2 telegram, + loop


def test_every_format_and_every_bad_input(tmp_path: Path):
    expected = good_corpus(tmp_path / "in")
    n_bad = bad_corpus(tmp_path / "in")
    summary = build([tmp_path / "in"], tmp_path / "out", jobs=1)
    documents = read_table(tmp_path / "out", "documents")
    observations = read_table(tmp_path / "out", "observations")
    rejects = read_table(tmp_path / "out", "rejects")
    found = dict(zip(observations["source_id"], observations["drones"]))
    for source_id, drones in expected.items():
        assert found.get(source_id) == drones, (source_id, found)
    assert "ok1" in set(documents["source_id"])
    assert set(documents["input_format"]) >= {"jsonl", "text", "html", "feed", "telegram"}
    assert summary.balanced and summary.inputs == summary.documents + summary.duplicates + summary.input_rejects
    assert len(rejects) == n_bad + 1, rejects[["input_path", "reason"]].to_string()
    reasons = " | ".join(rejects["reason"])
    for phrase in ("empty", "not valid JSON", "no usable text", "invalid UTF-8", "binary", "no main text", "too large",
                   "unknown file type", "malformed Telegram", "link loop"):
        assert phrase in reasons or phrase in " | ".join(rejects["detail"].fillna("")), phrase
    assert rejects["reason"].str.len().min() > 10


def test_documents_keep_their_metadata(tmp_path: Path):
    good_corpus(tmp_path / "in")
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    documents = read_table(tmp_path / "out", "documents").set_index("source_id")
    assert documents.loc["page", "title"] == "Drones over Odesa"
    assert str(documents.loc["page", "published_at"])[:10] == "2025-11-08"
    assert documents.loc["odesa_channel:2", "source"] == "odesa_channel"
    assert str(documents.loc["odesa_channel:2", "published_at"])[:16] == "2025-11-10 07:05"
    assert documents.loc["cp1", "lang"] == "uk" and "ніч" in documents.loc["cp1", "text"]
    assert documents.loc["md1", "lang"] == "en"
    assert documents.loc["https://example.org/1", "source"] == "Night News"


def test_typographic_hyphens_and_invisible_characters_are_normalised(tmp_path: Path):
    text = "Overnight Russia fired 5 Kh\u2011101 cruise missiles, 2 Kh\u201359 missiles and 40 Sha\u00adhed\u200b drones at Ukraine."
    write(tmp_path / "in" / "a.jsonl", json.dumps({"id": "a", "text": text, "lang": "en", "published_at": "2026-06-15"}) + "\n")
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert "Kh-101 cruise missiles, 2 Kh-59 missiles and 40 Shahed drones" in read_table(tmp_path / "out", "documents").loc[0, "text"]
    row = read_table(tmp_path / "out", "observations").iloc[0]
    assert (row["cruise_missiles"], row["drones"]) == (7, 40)

def test_unreadable_file_is_a_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Permission is checked before reading (as root every file is readable, so access is denied here)."""
    write(tmp_path / "in" / "secret.txt", REPORT.format(n=3, m=1))
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    batches = list(ingest([tmp_path / "in"]))
    assert [r for b in batches for r in b.rejects["reason"]] == ["file cannot be read (permission denied)"]


def test_copies_are_counted_once(tmp_path: Path, shared: Path):
    seeds = [json.loads(line) for line in (shared / "seeds" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    shutil.copy(shared / "seeds" / "seeds.jsonl", tmp_path / "seeds.jsonl")
    for seed in seeds:
        write(tmp_path / "copies" / f"{seed['id']}.txt", seed["text"])
    summary = build([tmp_path / "seeds.jsonl", tmp_path / "copies"], tmp_path / "out", jobs=1)
    assert (summary.documents, summary.duplicates) == (2, 2)
    observations = read_table(tmp_path / "out", "observations")
    assert len(observations[observations["attacker"] == "RU"]) == 1


def test_republished_story_is_linked_not_counted_twice(tmp_path: Path):
    story = ("Russia launched 44 drones and three missiles at Kharkiv overnight, the regional governor said on Monday. "
             "Air defence shot down 40 of the drones. Two people were injured when debris fell on a residential building "
             "in the city's Kyivskyi district, and a warehouse caught fire. Firefighters worked through the night to contain "
             "the blaze, and the city's mayor said heating and water supplies in the district would be restored within a day. "
             "Schools in the district moved classes online while engineers inspected the damaged buildings.")
    write(tmp_path / "a.jsonl", json.dumps({"id": "first", "text": story, "published_at": "2025-11-03"}) + "\n"
          + json.dumps({"id": "again", "text": story.replace("the regional governor said on Monday", "the governor said Monday") + " Updated.", "published_at": "2025-11-03"}) + "\n")
    build([tmp_path / "a.jsonl"], tmp_path / "out", jobs=1)
    documents = read_table(tmp_path / "out", "documents").set_index("source_id")
    assert documents.loc["again", "duplicate_of"] == documents.loc["first", "doc_id"]
    observations = read_table(tmp_path / "out", "observations")
    assert list(observations["source_id"]) == ["first"]


def test_live_blog_repeated_block_is_extracted_once(shared: Path):
    from etl.ingest import NearDuplicates, ingest
    from etl.segment import segment

    documents = next(iter(ingest([shared / "seeds" / "seeds.jsonl"]))).documents
    passages = segment(documents)
    blog = passages[passages["source_id"] == "seed-liveblog-2026-02-03"]
    assert len(blog) > 5
    repeated = blog[blog["duplicate"]]
    assert len(repeated) == 1 and "play ball" in repeated.iloc[0]["text"]
    for passage in blog.itertuples():
        assert documents.set_index("doc_id").loc[passage.doc_id, "text"][passage.start:passage.end] == passage.text


def test_live_blog_entries_are_cut_at_their_markers_only():
    from etl.segment import entry_spans

    blog = ("Key events\nA statement shared on Telegram said Russia launched 40 drones at Kharkiv overnight.\n"
            "Updated at 09.15 EST\nTen of the drones were shot down over the Sumy region, the governor wrote.ShareFirefighters "
            "were still at work in the morning.")
    entries = [blog[start:end] for start, end in entry_spans(blog)]
    assert entries == ["A statement shared on Telegram said Russia launched 40 drones at Kharkiv overnight.",
                       "Ten of the drones were shot down over the Sumy region, the governor wrote.",
                       "Firefighters were still at work in the morning."]
    plain = "The statement was shared widely. Sharing it again, the mayor said updated figures would follow."
    assert entry_spans(plain) == [(0, len(plain))]


@pytest.mark.parametrize(("window", "lazy_limit"), [(40, 500), (40, 5), (1000, 5)])
def test_a_restored_near_duplicate_index_answers_as_the_index_it_was_saved_from(monkeypatch: pytest.MonkeyPatch, window: int, lazy_limit: int):
    """The index an incremental build unpickles keeps its documents as a matrix until enough new ones come;
    it must find the same originals as the live index, while documents leave the window and after it
    puts them into the LSH."""
    monkeypatch.setattr(NearDuplicates, "WINDOW", window)
    monkeypatch.setattr(NearDuplicates, "LAZY_LIMIT", lazy_limit)
    sample = Path(__file__).resolve().parents[1] / "datasets" / "sample" / "reports.jsonl"
    texts = [json.loads(line)["text"] for line in sample.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(1)
    docs = []
    for i in range(120):
        words = rng.choice(texts).split()
        if rng.random() < 0.5:
            words.append("(updated)")  # a republished copy with a small edit
        else:
            rng.shuffle(words)  # a different text
        docs.append((f"d{i:03d}", " ".join(words)))
    live = NearDuplicates()
    for doc_id, text in docs[:60]:
        live.original_of(doc_id, text)
    restored = pickle.loads(pickle.dumps(live))
    assert len(restored.lazy_ids) == min(window, len(live.window))
    answers = []
    for doc_id, text in docs[60:]:
        answers.append(restored.original_of(doc_id, text))
        assert answers[-1] == live.original_of(doc_id, text), doc_id
    assert sum(a is not None and a < "d060" for a in answers) > 3  # originals found among the restored documents
