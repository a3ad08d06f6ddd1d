"""The embedded sample corpus, built end to end: the facts its reports state come out of the build."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(sample_build: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(sample_build / "strikelog.duckdb"), read_only=True)


def one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    rows = con.execute(sql).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_every_input_is_accounted_for(con):
    documents = one(con, "select count(*) from documents")[0]
    rejects = one(con, "select count(*) from rejects")[0]
    assert documents >= 20 and rejects == 0


def test_the_february_3_wave(con):
    row = one(con, "select ballistic_missiles, cruise_missiles, other_missiles, drones, regions, temperature_c, n_sources, conflicts "
                   "from events where attacker = 'RU' and attack_date = '2026-02-03'")
    assert row[:4] == (32, 28, 11, 450)
    assert row[4] == ["UA-05", "UA-12", "UA-23", "UA-30", "UA-32", "UA-51", "UA-63"]
    assert row[5] == -20.0
    assert row[6] >= 2
    assert "drones" in row[7]
    claims = {r[0] for r in con.execute(
        "select c.value from event_claims c join events e using (event_id) "
        "where e.attack_date = '2026-02-03' and e.attacker = 'RU' and c.field = 'drones'").fetchall()}
    assert claims == {"440", "450"}


def test_two_reports_of_one_night_from_two_sources(con):
    row = one(con, "select n_observations, n_sources, drones_destroyed, regions from events where attacker = 'UA' and attack_date = '2025-12-10'")
    assert row[:3] == (2, 2, 37)
    assert {"RU-BEL", "RU-BRY", "RU-KRS", "RU-VOR"} <= set(row[3])


def test_distractor_reports_yield_nothing(con):
    sources = {r[0] for r in con.execute("select distinct source_id from observations").fetchall()}
    assert not {"sample-en-009", "sample-en-010", "sample-en-011"} & sources


def test_interceptions_and_number_words(con):
    assert one(con, "select drones, drones_destroyed from observations where source_id = 'sample-en-004'") == (31, 25)
    assert one(con, "select drones, drones_destroyed from observations where source_id = 'sample-en-005'") == (14, 14)
    assert one(con, "select drones, drones_destroyed, ballistic_missiles from observations where source_id = 'sample-en-006'") == (48, 41, 3)
    assert one(con, "select drones, drones_destroyed from observations where source_id = 'sample-en-013'") == (25, 21)


def test_live_blog_repeated_entry_is_read_once(con):
    assert one(con, "select count(*), max(drones), max(injured) from observations where source_id = 'sample-en-017'") == (1, 40, 7)


@pytest.mark.parametrize(
    "source_id, attacker, counts, regions",
    [
        ("sample-uk-001", "RU", (32, 28, 11, 450, 382), ["UA-12", "UA-30", "UA-32", "UA-63"]),
        ("sample-uk-002", "RU", (None, None, None, 20, 17), ["UA-51"]),
        ("sample-ru-001", "UA", (None, None, None, None, 23), ["RU-BEL", "RU-BRY", "RU-KRS"]),
        ("sample-ru-002", "UA", (None, None, None, None, 12), ["RU-ROS"]),
    ],
)
def test_ukrainian_and_russian_reports(con, source_id, attacker, counts, regions):
    row = one(con, f"select attacker, ballistic_missiles, cruise_missiles, other_missiles, drones, drones_destroyed, regions "
                   f"from observations where source_id = '{source_id}'")
    assert row[0] == attacker
    assert row[1:6] == counts
    assert row[6] == regions
