"""The event log: one row per wave across sources, reconciled, with ids that do not depend on input order."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from etl.build import build
from etl.consolidate import event_id
from etl.store import read_table

REPORTS = [
    {"id": "af-0203", "source": "Ukrainian Air Force", "published_at": "2026-02-03T09:00:00+02:00",
     "text": "On the night of 3 February Russia attacked Ukraine with 450 attack drones and 71 missiles. "
             "Air defence shot down 382 drones over the Kharkiv and Dnipropetrovsk regions."},
    {"id": "wire-0203", "source": "Wire Service", "published_at": "2026-02-03T12:00:00+00:00",
     "text": "Russia fired 71 missiles and 450 drones at Ukraine overnight, hitting energy sites in Kyiv, "
             "the Ukrainian air force said on Tuesday."},
    {"id": "blog-0204", "source": "Evening Blog", "published_at": "2026-02-04",
     "text": "The attack on the night of 3 February involved 440 drones, according to a later tally; "
             "the Odesa region was also hit."},
    {"id": "mod-0205", "source": "Russian Defence Ministry relay", "published_at": "2026-02-05",
     "text": "Russian air defences destroyed 41 Ukrainian drones overnight over the Belgorod and Kursk regions."},
]


def write_corpus(folder: Path, reports: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for report in reports:
        (folder / f"{report['id']}.jsonl").write_text(json.dumps(report) + "\n", encoding="utf-8")


def events_of(out: Path) -> pd.DataFrame:
    events = read_table(out, "events").sort_values("event_id").reset_index(drop=True)
    return events


def test_reports_of_one_night_are_one_event(tmp_path: Path):
    write_corpus(tmp_path / "in", REPORTS)
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    events = events_of(tmp_path / "out")
    night = events[(events["attacker"] == "RU") & (events["attack_date"].astype(str).str[:10] == "2026-02-03")]
    assert len(night) == 1
    wave = night.iloc[0]
    assert wave["n_sources"] == 3 and wave["n_observations"] == 3
    assert wave["missiles_total"] == 71
    assert wave["drones"] == 450, "the official primary source wins over a relay"
    assert "drones" in list(wave["conflicts"])
    assert {"UA-12", "UA-30", "UA-51", "UA-63"} <= set(wave["regions"])
    assert str(wave["first_reported_at"])[:16] == "2026-02-03 07:00"
    ukrainian = events[events["attacker"] == "UA"]
    assert len(ukrainian) == 1 and ukrainian.iloc[0]["target_country"] == "RU"


def test_every_claim_is_kept(tmp_path: Path):
    write_corpus(tmp_path / "in", REPORTS)
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    claims = read_table(tmp_path / "out", "event_claims")
    drones = claims[claims["field"] == "drones"]
    assert sorted(drones["value"]) == ["440", "450", "450"]
    assert set(drones[drones["chosen"]]["value"]) == {"450"}
    assert set(drones["source"]) == {"Ukrainian Air Force", "Wire Service", "Evening Blog"}


def test_same_events_whatever_the_input_order_or_layout(tmp_path: Path):
    write_corpus(tmp_path / "a", REPORTS)
    write_corpus(tmp_path / "b" / "first", REPORTS[2:])
    write_corpus(tmp_path / "b" / "second", REPORTS[:2])
    build([tmp_path / "a"], tmp_path / "out_a", jobs=1)
    build([tmp_path / "b" / "second", tmp_path / "b" / "first"], tmp_path / "out_b", jobs=1)
    pd.testing.assert_frame_equal(events_of(tmp_path / "out_a"), events_of(tmp_path / "out_b"))


def test_event_id_is_the_wave_identity():
    assert event_id("RU", "UA", pd.Timestamp("2026-02-03")) == event_id("RU", "UA", "2026-02-03")
    assert event_id("RU", "UA", "2026-02-03") != event_id("UA", "RU", "2026-02-03")


def test_destroyed_above_launched_is_a_conflict_not_a_crash(tmp_path: Path):
    write_corpus(tmp_path / "in", [{"id": "x", "source": "S", "published_at": "2026-03-01",
                                    "text": "Russia launched 20 drones at Sumy overnight. Air defence shot down 25 drones."}])
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    events = events_of(tmp_path / "out")
    assert "drones_destroyed>launched" in list(events.iloc[0]["conflicts"])


def test_two_waves_of_one_date_that_a_report_keeps_apart_stay_two(tmp_path: Path):
    write_corpus(tmp_path / "in", [{"id": "mod", "source": "Defence ministry", "published_at": "2026-01-23", "lang": "ru",
                                    "text": "Минобороны России заявило, что за восемь часов дежурные средства ПВО сбили восемь украинских БПЛА "
                                            "над Курской областью. Ночью были перехвачены и уничтожены 12 украинских дронов."}])
    build([tmp_path / "in"], tmp_path / "out", jobs=1)
    events = events_of(tmp_path / "out")
    assert sorted(events["drones_destroyed"]) == [8, 12]
    assert set(events["attack_date"].astype(str).str[:10]) == {"2026-01-23"}
