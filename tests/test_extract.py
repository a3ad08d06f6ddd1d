"""Extraction on sentences written for these tests: one behaviour of the contract per test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from etl import gazetteer
from etl.dates import find_cues, has_cue
from etl.extract import extract
from etl.lexicon import lexicon
from etl.segment import segment


def observe(text: str, published: str | None = "2026-02-03", lang: str = "en") -> list[dict]:
    """Observations of one document holding ``text``."""
    documents = pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "source_id": "t1",
                "text": text,
                "lang": lang,
                "published_at": pd.Timestamp(published, tz="UTC") if published else pd.NaT,
            }
        ]
    )
    return extract(segment(documents)).to_dict("records")


def only(text: str, **kwargs) -> dict:
    rows = observe(text, **kwargs)
    assert len(rows) == 1, rows
    return rows[0]


def values(row: dict, *fields: str) -> tuple:
    """The row's values of ``fields``, None for a null."""
    return tuple(None if pd.isna(row[f]) else row[f] for f in fields)


def test_typed_counts_and_number_words():
    row = only("Overnight Russia launched forty-eight Shahed drones, two Iskander-M missiles and a single Kinzhal.")
    assert (row["drones"], row["ballistic_missiles"], row["missiles_total"]) == (48, 3, None)
    assert {"Shahed", "Iskander-M", "Kinzhal"} <= set(row["weapon_models"])


def test_stated_total_with_its_parts():
    row = only("Russia fired 71 missiles overnight, of which 32 were ballistic missiles, and 450 drones.")
    assert row["missiles_total"] == 71
    assert row["drones"] == 450


def test_all_but_and_n_of_m():
    row = only("Air defences shot down all but two of 31 drones launched overnight.")
    assert (row["drones"], row["drones_destroyed"]) == (31, 29)
    row = only("Ukraine shot down 25 of the 31 Shahed drones Russia launched overnight.")
    assert (row["drones"], row["drones_destroyed"]) == (31, 25)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russia launched 40 drones overnight, and Ukraine downed all but three.", "en"),
     ("Ukraine's air defence downed 37 drones out of 40 launched by Russia overnight.", "en"),
     ("The air force said 37 drones were shot down or suppressed, out of a total of 40 launched by Russia overnight.", "en"),
     ("Уночі Росія запустила 40 дронів, сили ППО збили всі, крім трьох.", "uk"),
     ("Ночью Россия выпустила 40 дронов, ПВО сбила все, кроме трех.", "ru")],
)
def test_all_but_after_the_launched_count_and_the_launched_count_after_the_destroyed_one(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["drones_destroyed"]) == (40, 37)


def test_all_n_were_shot_down_fills_launched_and_destroyed():
    row = only("Russia sent attack drones towards Odesa overnight; all 24 were shot down.")
    assert (row["drones"], row["drones_destroyed"]) == (24, 24)


def test_vague_quantities_stay_null():
    rows = observe("Russia launched more than 200 drones and dozens of missiles at Kharkiv overnight.")
    assert rows and rows[0]["drones"] is None and rows[0]["missiles_total"] is None
    assert rows[0]["regions"] == ["UA-63"]


def test_singular_typed_mention_counts_one():
    row = only("Overnight the enemy launched 40 drones and fired six Kalibr missiles, including a Zircon.")
    assert (row["cruise_missiles"], row["other_missiles"], row["drones"]) == (6, 1, 40)


def test_class_stated_by_text_wins_over_model():
    row = only("The air force said Russia launched 5 Kh-22 cruise missiles and 12 S-300 missiles overnight.")
    assert (row["cruise_missiles"], row["other_missiles"]) == (5, 12)


def test_distractors_yield_nothing():
    text = (
        "Allies pledged a $2.5bn air defence package on Tuesday. Kyiv wants an army of 800,000 troops. "
        "Since February 2022 Russia has launched more than 10,000 missiles at Ukraine. "
        "The plant produced 2,700 Shahed drones last year."
    )
    assert observe(text) == []


def test_ukrainian_drones_over_russian_regions():
    row = only(
        "Russia's defence ministry said on Tuesday its air defences destroyed 27 Ukrainian drones overnight, "
        "including 12 over the Belgorod region and nine over the Kursk region."
    )
    assert (row["attacker"], row["target_country"], row["drones_destroyed"]) == ("UA", "RU", 27)
    assert row["regions"] == ["RU-BEL", "RU-KRS"]
    assert str(row["attack_date"])[:10] == "2026-02-03"


def test_an_officials_place_tells_whose_territory_was_attacked():
    row = only("The mayor of Moscow wrote overnight that 14 drones heading for the capital had been shot down.")
    assert (row["attacker"], row["target_country"], row["drones_destroyed"], row["regions"]) == ("UA", "RU", 14, ["RU-MOW"])
    row = only("Kursk region governor wrote that a drone struck a shop in Kurchatov overnight, injuring four people.")
    assert (row["attacker"], row["regions"], row["injured"]) == ("UA", ["RU-KRS"], 4)


def test_a_launch_site_ends_at_the_first_word_that_is_not_part_of_it():
    row = only("Wreckage from an intercepted drone set fire to a warehouse in Bila Tserkva overnight.")
    assert row["regions"] == ["UA-32"]
    row = only("Russia launched 40 drones from Kursk in Russia and from a ship near Yalta overnight; 35 were downed over the Sumy region.")
    assert (row["drones"], row["drones_destroyed"], row["regions"]) == (40, 35, ["UA-59"])
    row = only("Вночі окупанти вдарили дронами з Брянська по Сумах та Конотопу.", lang="uk")
    assert row["regions"] == ["UA-59"]
    assert any(s.startswith("Konotop (") for s in row["settlements"])


def test_a_sentence_only_about_neutralised_drones_is_read():
    row = only("Overnight, Russia attacked with 75 Geran drones. 61 of them were neutralised by electronic warfare.")
    assert (row["drones"], row["drones_destroyed"]) == (75, 61)


def test_one_person_hurt_by_an_active_verb():
    row = only("A drone struck a school in Smila overnight, wounding a 67-year-old man and killing a woman.")
    assert (row["injured"], row["killed"]) == (1, 1)


def test_a_side_is_not_read_inside_a_town_name():
    row = only("Ночью беспилотники атаковали Новороссийск, ранены три человека.", lang="ru")
    assert (row["attacker"], row["regions"], row["injured"]) == ("UA", ["RU-KDA"], 3)


def test_ukrainian_neutralised_drones():
    row = only("Уночі ворог атакував 64 ударними БпЛА. Сили ППО знешкодили 50 дронів.", lang="uk")
    assert (row["drones"], row["drones_destroyed"]) == (64, 50)


def test_missiles_of_various_types_are_a_total_not_other_types():
    row = only("Уночі ворог атакував 20 ракетами різних типів: 8 балістичними ракетами, 9 крилатими ракетами та 3 ракетами інших типів.", lang="uk")
    assert (row["missiles_total"], row["ballistic_missiles"], row["cruise_missiles"], row["other_missiles"]) == (20, 8, 9, 3)


def test_ukrainian_verb_of_striking_with_v():
    row = only("Уночі окупанти вдарили по Херсону, було мінус 9 градусів.", lang="uk")
    assert (row["regions"], row["temperature_c"]) == (["UA-65"], -9.0)


def test_a_count_added_in_the_same_sentence_adds_up():
    row = only("Russia's defence ministry said it had destroyed 14 Ukrainian drones over the Oryol region and nine more over the Sea of Azov overnight.")
    assert (row["attacker"], row["drones_destroyed"]) == ("UA", 23)
    row = only(
        "Russia's defence ministry said its air defences downed 40 Ukrainian drones overnight. "
        "Five were downed over the Tula region and another five over the Kaluga region."
    )
    assert row["drones_destroyed"] == 40


def test_troops_are_a_distractor_only_when_counted():
    row = only("Russian troops fired three Iskander-K missiles at Izmail overnight; all three were shot down.")
    assert (row["cruise_missiles"], row["missiles_destroyed"], row["regions"]) == (3, 3, ["UA-51"])
    assert observe("Russia keeps 700,000 troops and 300 drones near the front, the minister said overnight.") == []


def test_a_comparison_with_a_period_does_not_hide_a_nights_wave():
    row = only("Overnight Russia fired 52 missiles at Ukraine, its heaviest barrage since August, the air force said.")
    assert row["missiles_total"] == 52
    assert observe("Russia has fired 1,400 missiles since the start of the year, the president said.") == []
    row = only("Вночі українські дрони атакували завод у Новочеркаську Ростовської області.", lang="uk")
    assert (row["attacker"], row["regions"]) == ("UA", ["RU-ROS"])


def test_words_of_aid_and_trade_do_not_hide_a_nights_wave():
    row = only("Overnight Russia delivered a combined strike with 44 drones and 5 missiles on the Poltava region.")
    assert (row["drones"], row["missiles_total"], row["regions"]) == (44, 5, ["UA-53"])
    row = only("A drone hit a minibus in Nikopol overnight; three injured people were transferred to hospital.")
    assert (row["regions"], row["injured"]) == (["UA-12"], 3)
    assert observe("Germany delivered 40 Patriot missiles and 300 drones to Ukraine last month.") == []


@pytest.mark.parametrize(
    ("text", "lang", "destroyed", "region"),
    [
        ("Air defences shot down 12 drones flying towards Moscow since midnight, the mayor said.", "en", 12, "RU-MOW"),
        ("С начала суток силы ПВО сбили 15 беспилотников, летевших на Москву.", "ru", 15, "RU-MOW"),
        ("З початку доби сили ППО збили 6 ворожих дронів над Київщиною.", "uk", 6, "UA-32"),
    ],
)
def test_since_midnight_is_the_days_wave_and_not_a_total_since_the_war_began(text, lang, destroyed, region):
    row = only(text, lang=lang, published="2026-03-05")
    assert (row["drones_destroyed"], row["regions"], row["attack_date"]) == (destroyed, [region], pd.Timestamp("2026-03-05"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Росіяни вдарили по Запоріжжю, поранено 45-річного чоловіка.", "uk"),
     ("Российские войска ударили по Запорожью, пострадала 45-летняя женщина.", "ru")],
)
def test_an_age_is_not_a_casualty_count(text, lang):
    assert only(text, lang=lang)["injured"] == 1


@pytest.mark.parametrize(
    ("text", "lang", "counts"),
    [("Вночі росіяни запустили по Україні 85 дронів. Із них 60 збили, ще 20 локаційно втрачені.", "uk", (85, 60)),
     ("Ночью ВСУ атаковали Белгородскую область 40 беспилотниками. Из них 32 сбили средства ПВО.", "ru", (40, 32))],
)
def test_a_bare_number_before_an_active_verb_of_destroying(text, lang, counts):
    row = only(text, lang=lang)
    assert values(row, "drones", "drones_destroyed") == counts


@pytest.mark.parametrize(
    ("text", "attacker", "target"),
    [("Вооруженные силы России нанесли удар по объектам энергетики в Харьковской области, сообщили в Минобороны РФ.", "RU", "UA"),
     ("По данным Минобороны, за минувшие сутки средства ПВО сбили 6 реактивных снарядов HIMARS и 211 беспилотников.", "UA", "RU"),
     ("С 20:00 16 февраля до 07:00 17 февраля над регионами России сбиты 55 БПЛА.", "UA", "RU")],
)
def test_the_ministry_reporting_is_not_the_side_that_attacks(text, attacker, target):
    row = only(text, lang="ru")
    assert (row["attacker"], row["target_country"]) == (attacker, target)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russia launched 40 drones and six ballistic missiles overnight. All the missiles were intercepted.", "en"),
     ("The attack involved 40 drones and six ballistic missiles; all the missiles were intercepted.", "en"),
     ("Вночі росіяни запустили 40 дронів та 6 балістичних ракет, усі ракети збито.", "uk")],
)
def test_all_of_one_family_destroyed_leaves_the_other_family_alone(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["ballistic_missiles"], row["missiles_destroyed"], row["drones_destroyed"]) == (40, 6, 6, None)


@pytest.mark.parametrize(
    ("text", "lang", "region", "town"),
    [("Вночі ворог вдарив по Кривому Рогу.", "uk", "UA-12", "Kryvyy Rih"),
     ("Вночі у Білій Церкві пролунали вибухи, пошкоджено будинки.", "uk", "UA-32", "Bila Tserkva"),
     ("Ночью беспилотники атаковали Нижний Новгород.", "ru", "RU-NIZ", "Nizhniy Novgorod"),
     ("Ночью в Старом Осколе после атаки БПЛА повреждены дома.", "ru", "RU-BEL", "Staryy Oskol")],
)
def test_inflected_town_names_of_two_words(text, lang, region, town):
    row = only(text, lang=lang)
    assert row["regions"] == [region]
    assert [s.split(" (")[0] for s in row["settlements"]] == [town]


def test_hits_on_a_refinery_named_by_its_town_in_ukrainian():
    row = only("Вночі Сили оборони уразили Саратовський НПЗ, а ППО РФ заявила про 34 збиті дрони над Брянщиною.", lang="uk")
    assert (row["attacker"], row["regions"]) == ("UA", ["RU-BRY", "RU-SAR"])


def test_a_wave_without_a_time_cue_takes_the_only_time_the_document_gives():
    rows = observe("Russia launched 40 drones at Ukraine overnight, the air force said. "
                   "Russia's defence ministry said it had destroyed 12 Ukrainian drones over the Kursk region.", published="2026-03-05")
    assert sorted((r["attacker"], r["attack_date"]) for r in rows) == [("RU", pd.Timestamp("2026-03-05")), ("UA", pd.Timestamp("2026-03-05"))]


@pytest.mark.parametrize(
    ("text", "lang", "drones", "temperature"),
    [("The strike with 20 drones left thousands without heat amid a frost of 15 degrees.", "en", 20, -15.0),
     ("Russia launched 50 drones at Kharkiv overnight, with the temperature around minus 9 Celsius.", "en", 50, -9.0),
     ("Вночі росіяни атакували Київ 30 дронами, надворі мороз 18 градусів.", "uk", 30, -18.0),
     ("Ночью ВСУ атаковали Белгород 12 беспилотниками, на улице было минус 14.", "ru", 12, -14.0)],
)
def test_frost_and_minus_without_a_unit_are_temperatures_and_never_counts(text, lang, drones, temperature):
    row = only(text, lang=lang, published="2026-01-10")
    assert (row["drones"], row["temperature_c"]) == (drones, temperature)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russia attacked Ukraine with 50 drones on Monday night and 60 more on Tuesday night, the air force said.", "en"),
     ("У ніч на 3 березня росіяни запустили 50 дронів, а в ніч на 4 березня — 60.", "uk")],
)
def test_one_sentence_dating_two_nights_gives_two_waves(text, lang):
    rows = observe(text, published="2026-03-05", lang=lang)
    assert sorted((r["attack_date"], r["drones"]) for r in rows) == [(pd.Timestamp("2026-03-03"), 50), (pd.Timestamp("2026-03-04"), 60)]


def test_a_range_of_two_dates_and_a_weekday_with_its_date_are_one_wave():
    for text in ("Russia launched 40 drones on the night of March 3 to March 4, the air force said on March 4.",
                 "Russia launched 40 drones late Tuesday and early Wednesday, the air force said.",
                 "Air defences shot down 34 of the 40 drones Russia launched in the early hours of Wednesday, March 4."):
        assert only(text, published="2026-03-05")["attack_date"] == pd.Timestamp("2026-03-04")
    assert only("Air defences shot down 34 of the 40 drones Russia launched in the early hours of Wednesday, March 4.",
                published="2026-03-12")["attack_date"] == pd.Timestamp("2026-03-04")


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [("Russia's Defence Ministry said it shot down 11 Ukrainian drones over the Kursk and Belgorod regions and one over Crimea.", "en", "drones_destroyed", 12),
     ("It said 11 drones were shot down over the Belgorod region, 28 over the Voronezh region and 17 over the Rostov region.", "en", "drones_destroyed", 56),
     ("Russia launched 40 drones at Kharkiv and 30 at Sumy overnight.", "en", "drones", 70),
     ("Над Белгородской областью уничтожены 12 БПЛА, над Воронежской — 8, над Курской — 5.", "ru", "drones_destroyed", 25),
     ("The ministry said 49 drones were downed overnight, including 25 in the Rostov region and eight in the Volgograd region.", "en", "drones_destroyed", 49),
     ("Air defences downed 56 drones over the north, 12 over the Kyiv region and 8 over the Chernihiv region.", "en", "drones_destroyed", 56)],
)
def test_a_list_by_place_adds_up_unless_it_lists_parts_of_a_total(text, lang, field, value):
    assert only(text, lang=lang)[field] == value


def test_what_happened_a_day_before_is_its_own_wave():
    rows = observe("On March 30, Russia fired 42 drones at Ukraine, a day after a missile strike on Kryvyi Rih killed 20 people.",
                   published="2026-04-12")
    by_date = {r["attack_date"]: r for r in rows}
    assert by_date[pd.Timestamp("2026-03-30")]["drones"] == 42
    assert (by_date[pd.Timestamp("2026-03-29")]["killed"], by_date[pd.Timestamp("2026-03-29")]["regions"]) == (20, ["UA-12"])
    alone = observe("Russia fired 42 drones at Ukraine a day after Ukraine struck a refinery in the Saratov region.", published="2026-04-02")
    assert {(r["attacker"], r["attack_date"]) for r in alone} == {("RU", pd.Timestamp("2026-04-02")), ("UA", pd.Timestamp("2026-04-01"))}


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Уночі Росія запустила 42 дрони, через тиждень після того, як ракета вбила 23 людини в Києві.", "uk"),
     ("Ночью Россия запустила 42 дрона, через неделю после того, как ракета убила 23 человека в Киеве.", "ru")],
)
def test_what_happened_a_week_before_told_after_a_comma_is_its_own_wave(text, lang):
    rows = observe(text, lang=lang, published="2026-06-15")
    by_date = {r["attack_date"]: r for r in rows}
    assert by_date[pd.Timestamp("2026-06-15")]["drones"] == 42 and pd.isna(by_date[pd.Timestamp("2026-06-15")]["killed"])
    assert (by_date[pd.Timestamp("2026-06-08")]["killed"], by_date[pd.Timestamp("2026-06-08")]["regions"]) == (23, ["UA-30"])

def test_an_earlier_toll_is_not_a_weapon_count():
    row = only("In Kharkiv, an attack by four drones on Tuesday evening wounded seven people, updating an earlier toll of five.")
    assert (row["drones"], row["injured"]) == (4, 7)


def test_reported_downing_is_destroyed_and_occupation_officials_report_ukrainian_attacks():
    row = only("Russia's defence ministry reported downing 41 drones over the Krasnodar region overnight.")
    assert (row["attacker"], row["drones_destroyed"], row["drones"]) == ("UA", 41, None)
    row = only("In the occupied city of Donetsk, a drone strike killed three civilians overnight, the Moscow-installed mayor said.")
    assert (row["attacker"], row["target_country"], row["regions"]) == ("UA", "UA", ["UA-14"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Унаслідок нічної атаки на Дніпро загинули 4 людини, ще 25 – поранені.", "uk"),
     ("Ночью ВСУ атаковали Белгород, погибли 4 человека, еще 25 – ранены.", "ru")],
)
def test_a_casualty_figure_set_off_by_a_dash(text, lang):
    row = only(text, lang=lang)
    assert (row["killed"], row["injured"]) == (4, 25)


def test_air_targets_recorded_and_a_mixed_total_broken_down_by_a_colon():
    row = only("Overnight, 653 air targets were recorded: 619 drones and 34 missiles. "
               "Air defence neutralised 585 of them: 577 drones and 8 missiles.")
    assert (row["drones"], row["missiles_total"], row["drones_destroyed"], row["missiles_destroyed"]) == (619, 34, 577, 8)


def test_parts_after_a_quoted_model_stay_parts_and_a_hit_by_one_missile_marks_its_region():
    row = only("У ніч на 9 січня противник застосував 36 ракет, зокрема 13 балістичних «Іскандер-М», 22 крилаті Х-101 та одну "
               "балістичну ракету середньої дальності «Орєшнік», а також 242 дрони. «Орєшнік» влучив у Львівську область.",
               lang="uk", published="2026-01-09")
    assert (row["missiles_total"], row["ballistic_missiles"], row["cruise_missiles"], row["drones"]) == (36, 14, 22, 242)
    assert row["regions"] == ["UA-46"]


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [("A Russian drone struck a house in Odesa overnight, killing a woman and her two children.", "en", 3, None),
     ("A Russian drone hit Odesa overnight, killing three people: a woman and her two children.", "en", 3, None),
     ("Унаслідок нічної атаки дронів на Одесу загинула жінка та двоє її дітей.", "uk", 3, None),
     ("В результате ночной атаки на Херсон погибла женщина и двое ее детей.", "ru", 3, None),
     ("Overnight Russian drone strikes on Sumy killed one person and wounded another.", "en", 1, 1),
     ("A Russian strike on Kharkiv overnight killed a 7-year-old boy and his mother.", "en", 2, None),
     ("Унаслідок нічної атаки на Харків загинули чоловік і його дружина.", "uk", 2, None),
     ("В результате ночной атаки на Белгород ранены женщина и ее дочь.", "ru", None, 2),
     ("Two people were killed in Kharkiv and three in Sumy after Russian drone attacks overnight.", "en", 5, None),
     ("Russian missiles struck Odesa overnight. Three civilians died and five were hurt.", "en", 3, 5),
     ("Three people, among them a 12-year-old girl, were killed and 28 wounded in a Russian strike on Kryvyi Rih overnight.", "en", 3, 28),
     ("A Russian drone hit a car in Kherson overnight, killing the driver.", "en", 1, None)],
)
def test_a_person_and_their_relatives_add_up(text, lang, killed, injured):
    row = only(text, lang=lang)
    assert values(row, "killed", "injured") == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "region"),
    [("The governor of Russia's Voronezh region said falling debris from drones shot down over the city damaged several homes.", "en", "RU-VOR"),
     ("Kharkiv Governor Oleh Syniehubov said Russian drones hit Sumy overnight.", "en", "UA-59"),
     ("Мер Харкова Ігор Терехов повідомив, що вночі місто атакували три дрони.", "uk", "UA-63")],
)
def test_an_officials_place_is_hit_only_when_the_sentence_refers_back_to_it(text, lang, region):
    assert only(text, lang=lang)["regions"] == [region]


def test_strikes_recorded_in_regions_are_regions_hit():
    row = only("Russia attacked Ukraine overnight. Strikes were recorded in the Kyiv, Lviv and Odesa regions.")
    assert row["regions"] == ["UA-32", "UA-46", "UA-51"]

@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russian drones struck the capital and the surrounding region overnight, officials said.", "en"),
     ("Уночі росіяни атакували дронами столицю та область.", "uk")],
)
def test_the_capital_and_its_region(text, lang):
    assert only(text, lang=lang)["regions"] == ["UA-30", "UA-32"]

def test_a_fire_an_attack_sparked_marks_the_place_hit():
    row = only("A Ukrainian drone attack sparked a fire at a fuel depot in Crimea's Feodosia overnight, officials said.")
    assert (row["attacker"], row["regions"]) == ("UA", ["UA-43"])

def test_an_assault_on_a_city_is_a_strike_on_it():
    assert only("Russia has launched another major assault on Ukraine's capital Kyiv overnight.")["regions"] == ["UA-30"]

def test_drones_lost_after_a_count_shot_down_are_not_destroyed():
    row = only("Russia fired 75 drones at Ukraine overnight. Of those, 50 drones were shot down and 20 more lost on radar.")
    assert (row["drones"], row["drones_destroyed"]) == (75, 50)

def test_a_power_cut_alone_marks_no_region_in_russian():
    assert observe("В Курской области в результате атаки ВСУ обесточены несколько сел, сообщил губернатор.", lang="ru") == []
    row = only("В Курской области в результате атаки ВСУ повреждена подстанция, обесточены несколько сел.", lang="ru")
    assert row["regions"] == ["RU-KRS"]


@pytest.mark.parametrize(
    ("text", "lang", "regions"),
    [("Russia attacked Kyiv with drones overnight, leaving thousands of homes without power.", "en", ["UA-30"]),
     ("Russia attacked energy facilities overnight, and power outages were reported in Kharkiv and Sumy regions.", "en", []),
     ("Росіяни вночі атакували Київ дронами, без світла залишилися тисячі будинків.", "uk", ["UA-30"]),
     ("Ночью ВСУ атаковали Белгород беспилотниками, без света остались несколько тысяч домов.", "ru", ["RU-BEL"])],
)
def test_a_place_attacked_in_the_clause_before_a_power_cut_is_hit(text, lang, regions):
    assert sorted({region for row in observe(text, lang=lang) for region in row["regions"]}) == regions

@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russia launched 810 drones and decoys and 13 missiles in its largest aerial attack of the war so far, the air force said.", "en"),
     ("Росія запустила 810 дронів і 13 ракет — це наймасованіша атака з початку повномасштабної війни.", "uk"),
     ("Россия выпустила по Украине 810 дронов и 13 ракет, это крупнейшая атака с начала войны.", "ru")],
)
def test_the_largest_attack_of_the_war_is_one_wave_not_a_war_total(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["missiles_total"]) == (810, 13)


def test_both_missiles_after_a_count_of_russian_drones_are_russian_and_all_destroyed():
    rows = observe("Ukraine said it had destroyed 52 of 56 Russian drones and both missiles launched overnight, while Russia "
                   "claimed it intercepted 17 Ukrainian drones over the Bryansk region.")
    by_side = {r["attacker"]: r for r in rows}
    assert (by_side["RU"]["drones"], by_side["RU"]["drones_destroyed"], by_side["RU"]["missiles_total"], by_side["RU"]["missiles_destroyed"]) == (56, 52, 2, 2)
    assert by_side["UA"]["drones_destroyed"] == 17
    assert pd.isna(by_side["UA"]["missiles_destroyed"])
    row = only("Вночі ворог запустив 2 ракети Х-59 та 30 дронів; обидві ракети збито.", lang="uk")
    assert (row["cruise_missiles"], row["missiles_destroyed"], row["drones_destroyed"]) == (2, 2, None)


@pytest.mark.parametrize(
    ("text", "lang", "drones"),
    [("Russia launched 1.200 drones overnight, according to the air force.", "en", 1200),
     ("Вночі росіяни запустили 1 034 ударних БпЛА.", "uk", 1034),
     ("Russia launched 1,200 drones overnight; the attack began at 23.30.", "en", 1200)],
)
def test_thousands_separators(text, lang, drones):
    assert only(text, lang=lang)["drones"] == drones


def test_a_region_named_as_a_border_is_not_hit():
    assert observe("A drone crashed in Moldova near the border with Ukraine's Odesa region during the overnight attack.") == []


def test_a_capital_that_attacks_is_a_government_not_a_place_hit():
    row = only("Russia struck Ukraine with 479 drones and 20 missiles overnight, as Kyiv struck four Russian air bases with drones.")
    assert (row["drones"], row["missiles_total"], row["regions"]) == (479, 20, [])
    assert only("Kyiv struck by drones overnight, with debris falling in three districts.")["regions"] == ["UA-30"]


@pytest.mark.parametrize(
    ("text", "lang", "region"),
    [("В Севастополе отражена атака: сбиты 5 беспилотников и 3 ракеты Нептун, сообщил губернатор.", "ru", "UA-40"),
     ("Air defences shot down 30 drones over Crimea overnight, the ministry said.", "en", "UA-43")],
)
def test_strikes_on_crimea_are_ukrainian_attacks_on_ukrainian_land(text, lang, region):
    row = only(text, lang=lang)
    assert (row["attacker"], row["target_country"], row["regions"]) == ("UA", "UA", [region])


def test_counts_after_while_take_their_own_verb_and_all_of_one_class_types_the_count():
    row = only("The air force said Russia attacked with 499 drones and 20 missiles overnight, of which 277 drones and 19 missiles "
               "were shot down, while 10 drones and 7 missiles struck targets.")
    assert (row["drones"], row["missiles_total"], row["drones_destroyed"], row["missiles_destroyed"]) == (499, 20, 277, 19)
    row = only("Russia fired 9 missiles, all of them ballistic, at Kyiv overnight.")
    assert (row["missiles_total"], row["ballistic_missiles"]) == (9, 9)


@pytest.mark.parametrize(
    ("text", "lang", "counts"),
    [("Russia attacked overnight. Of the 215 drones, 87 were shot down and 71 were lost to jamming.", "en", (215, 87)),
     ("Вночі росіяни запустили дрони. З 215 дронів 87 збито.", "uk", (215, 87)),
     ("Ночью ВСУ атаковали беспилотниками. Из 40 беспилотников 32 сбиты над Курской областью.", "ru", (40, 32))],
)
def test_of_the_n_drones_at_the_start_of_a_sentence_were_launched(text, lang, counts):
    row = only(text, lang=lang)
    assert (row["drones"], row["drones_destroyed"]) == counts


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Overnight Russia launched 12 missiles, all of which were shot down, and 30 drones, 25 of which were destroyed.", "en"),
     ("Уночі Росія запустила 12 ракет, усі з яких були збиті, та 30 дронів, 25 з яких знешкоджено.", "uk"),
     ("Ночью Россия выпустила 12 ракет, все из которых были сбиты, и 30 беспилотников, 25 из которых уничтожены.", "ru")],
)
def test_the_verb_of_a_relative_clause_governs_no_count_after_it(text, lang):
    row = only(text, lang=lang)
    assert (row["missiles_total"], row["missiles_destroyed"], row["drones"], row["drones_destroyed"]) == (12, 12, 30, 25)


@pytest.mark.parametrize(
    ("text", "lang", "counts"),
    [("Russia struck Ukraine with 100 drones overnight. Ukrainian forces destroyed 85 of them. Eleven more were suppressed by electronic warfare.", "en", (100, 96)),
     ("Вночі ворог атакував 60 дронами. Збито 40 дронів. Ще 5 подавлено засобами РЕБ.", "uk", (60, 45)),
     ("Russia launched 60 drones overnight. Air defences destroyed 40 drones. Another 5 drones hit targets in Kharkiv.", "en", (60, 40)),
     ("Russia attacked Ukraine with 80 drones overnight. Another 20 were launched from Crimea.", "en", (100, None)),
     ("Уночі Росія атакувала Україну 80 дронами. Ще 20 запустили з Криму.", "uk", (100, None)),
     ("Ночью Россия атаковала Украину 80 дронами. Еще 20 выпустили из Крыма.", "ru", (100, None))],
)
def test_a_sentence_that_opens_with_more_adds_to_the_sentence_before(text, lang, counts):
    row = only(text, lang=lang)
    assert (row["drones"], row["drones_destroyed"]) == counts


def test_hits_recorded_in_regions_are_regions_hit():
    row = only("Overnight the enemy launched 48 Shahed drones; 40 were shot down. Hits were recorded in the Chernihiv and Poltava regions.")
    assert row["regions"] == ["UA-53", "UA-74"]


def test_ukrainian_and_russian_region_forms_and_all_destroyed():
    row = only("Уночі ворог атакував 12 шахедами. Всі дрони збито. Сили ППО працювали на Вінниччині та Черкащині.", lang="uk")
    assert (row["drones"], row["drones_destroyed"], row["regions"]) == (12, 12, ["UA-05", "UA-71"])
    row = only("Вечером российские войска ударили ракетой по Сумам и Черкащине, ранены 4 человека.", lang="ru")
    assert (row["regions"], row["injured"]) == (["UA-59", "UA-71"], 4)


def test_drones_lost_in_quotes_are_not_destroyed():
    row = only('The air force said it shot down 120 drones overnight, while 150 drones were "lost" to electronic warfare.')
    assert row["drones_destroyed"] == 120


def test_a_night_between_two_dates_ends_on_the_second_and_a_wave_from_the_evening_ends_next_morning():
    row = only("Russia attacked Ukraine with 130 drones on the night of Jan. 31 to Feb. 1.", published="2026-02-03")
    assert str(row["attack_date"])[:10] == "2026-02-01"
    row = only("Russia launched 95 drones at Ukraine from 7 p.m. on February 1, the air force said.", published="2026-02-03")
    assert str(row["attack_date"])[:10] == "2026-02-02"


def test_the_side_of_a_weapon_model_is_the_attacker():
    row = only("Air defences shot down three ATACMS missiles and five Storm Shadow missiles over the Kursk region overnight.")
    assert (row["attacker"], row["target_country"], row["missiles_destroyed"], row["regions"]) == ("UA", "RU", 8, ["RU-KRS"])
    assert sorted(row["weapon_models"]) == ["ATACMS", "Storm Shadow"]


def test_air_attack_assets_of_one_kind_are_counted_as_that_kind():
    row = only("Уночі ворог атакував ударними БпЛА та дронами-імітаторами – загалом 64 засоби повітряного нападу. Збито 50 БпЛА.", lang="uk")
    assert (row["drones"], row["drones_destroyed"], row["missiles_total"]) == (64, 50, None)
    row = only("Overnight Russia attacked with a total of 30 air attack assets: 4 cruise missiles and 26 drones.")
    assert (row["cruise_missiles"], row["drones"], row["missiles_total"]) == (4, 26, None)


def test_one_dead_and_one_wounded_in_ukrainian_and_russian():
    row = only("Вночі ворог вдарив ракетою по Запоріжжю, є загиблий та 3 поранених.", lang="uk")
    assert (row["killed"], row["injured"]) == (1, 3)
    row = only("Ночью дрон атаковал Белгород, есть погибший и 2 раненых.", lang="ru")
    assert (row["killed"], row["injured"]) == (1, 2)


def test_a_death_toll_that_rose_to_a_figure_is_exact_and_not_a_weapon_count():
    row = only("Уночі ворог вдарив ракетою по Полтаві. Кількість загиблих унаслідок ракетного удару зросла до 12.", lang="uk")
    assert (row["killed"], row["missiles_total"]) == (12, None)
    row = only("Ночью дроны атаковали Брянскую область, ранения получили двое мирных жителей.", lang="ru")
    assert row["injured"] == 2
    assert only("Ворог атакував Одещину до 40 дронами.", lang="uk")["drones"] is None


def test_a_number_of_injured_that_has_risen_is_not_a_drone_count():
    row = only("The number of people injured in the overnight drone attack on Sumy has risen to 27, officials said.")
    assert (row["injured"], row["drones"], row["regions"]) == (27, None, ["UA-59"])
    row = only("The death toll from the overnight missile strike on Poltava has climbed to 8.")
    assert (row["killed"], row["missiles_total"]) == (8, None)


def test_a_class_named_after_a_bare_number():
    row = only("Overnight Russia fired a total of 12 missiles, five of them ballistic, and 80 drones.")
    assert (row["missiles_total"], row["ballistic_missiles"], row["drones"]) == (12, 5, 80)
    row = only("Вночі росіяни атакували 60 ракетами, з них 21 балістичні, та 300 дронами.", lang="uk")
    assert (row["missiles_total"], row["ballistic_missiles"], row["drones"]) == (60, 21, 300)


def test_strikes_on_places_are_regions_hit():
    row = only("Ukraine's General Staff confirmed strikes on the Ryazan oil refinery and an airfield in the Saratov region overnight.")
    assert (row["attacker"], row["regions"]) == ("UA", ["RU-RYA", "RU-SAR"])


def test_plural_model_names_are_counted():
    row = only("Russia fired 6 Kalibr missiles and 3 Kh-59 missiles overnight; 4 Kalibrs and all three Kh-59s were intercepted.")
    assert (row["cruise_missiles"], row["missiles_destroyed"]) == (9, 7)


def test_city_implies_region_and_launch_sites_are_not_hit():
    row = only(
        "Russia attacked Kyiv and the region, Lviv and Kryvyi Rih overnight with 60 drones launched from "
        "Kursk and Primorsko-Akhtarsk."
    )
    assert row["regions"] == ["UA-12", "UA-30", "UA-32", "UA-46"]
    assert any(s.startswith("Kryvyy Rih") for s in row["settlements"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [("В ніч на 15 червня противник атакував 157 ударними БпЛА з напрямків: Курськ, Орел, Міллерово, Приморсько-Ахтарськ.", "uk"),
     ("The enemy attacked overnight with 50 drones launched out of the Kursk and Bryansk regions, the air force said.", "en")],
)
def test_launch_areas_of_a_russian_attack_are_no_ukrainian_strike(text, lang):
    rows = observe(text, lang=lang)
    assert [(row["attacker"], row["regions"]) for row in rows] == [("RU", [])]


def test_ukraine_striking_occupied_ukrainian_land_is_a_ukrainian_strike():
    row = only("Ukraine's military said it had struck a Russian drone training centre in the Zaporizhzhia region overnight.")
    assert (row["attacker"], row["regions"]) == ("UA", ["UA-23"])

def test_the_date_of_a_dateline_does_not_date_the_wave():
    row = only("KYIV, June 16 (Reuters) - Russia attacked Kyiv with 60 drones on Saturday night, killing two people, officials said.",
               published="2026-06-16")
    assert row["attack_date"] == pd.Timestamp("2026-06-14")
    row = only("KYIV, June 15 (Reuters) - Russia launched 100 drones at Ukraine overnight, the air force said.", published="2026-06-15")
    assert row["attack_date"] == pd.Timestamp("2026-06-15")

def test_artillery_rockets_are_not_missiles():
    row = only("Russia fired 12 Grad rockets and 2 Iskander-M missiles at Kharkiv overnight.")
    assert (row["ballistic_missiles"], row["missiles_total"]) == (2, None)
    row = only("Russian air defences downed 5 HIMARS rockets and 167 drones over the past day, the defence ministry said.")
    assert (row["missiles_destroyed"], row["drones_destroyed"]) == (None, 167)

@pytest.mark.parametrize(
    "text",
    ["Russian forces launched 50 drones at Ukraine on the night of June 14 to 15, with 37 downed.",
     "Russian forces launched 50 drones at Ukraine on the night of 14 to 15 June, with 37 downed."],
)
def test_a_night_from_one_day_to_the_next_ends_on_the_next_and_its_days_are_no_counts(text):
    row = only(text, published="2026-06-16")
    assert (row["attack_date"], row["drones"], row["drones_destroyed"]) == (pd.Timestamp("2026-06-15"), 50, 37)

@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [("Since 18:00 yesterday, Russia has launched 120 drones at Ukraine, the air force said.", "en", "2026-06-15"),
     ("З 18:00 вчора росіяни запустили 120 дронів.", "uk", "2026-06-15"),
     ("Russia launched 120 drones at Ukraine yesterday, officials said.", "en", "2026-06-14")],
)
def test_a_wave_from_the_evening_before_ends_on_the_report_day(text, lang, day):
    assert only(text, lang=lang, published="2026-06-15")["attack_date"] == pd.Timestamp(day)

@pytest.mark.parametrize("dash", ["\u2013", "\u2011"])
def test_the_number_of_a_model_name_after_a_dash_is_no_count(dash):
    rows = observe(f"Russia fired 5 Kh{dash}101 cruise missiles at Ukraine overnight.")
    assert all(101 not in (row["missiles_total"], row["cruise_missiles"]) for row in rows)

@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [("Russia launched 20 Geran-3 jet drones and 50 Geran-2 drones overnight.", "en", "drones", 70),
     ("Уночі ворог атакував 2 ракетами Х-59МК2 та 3 ракетами Х-101.", "uk", "cruise_missiles", 5)],
)
def test_model_names_with_a_suffix(text, lang, field, value):
    assert only(text, lang=lang)[field] == value

@pytest.mark.parametrize(
    ("text", "lang", "counts"),
    [("Russia launched 90 drones overnight; 70 were countered by air defence and electronic warfare.", "en", (90, 70)),
     ("Уночі ворог запустив 90 дронів, 70 з них нейтралізовано.", "uk", (90, 70)),
     ("Ночью ВСУ запустили 90 беспилотников, 70 из них нейтрализованы.", "ru", (90, 70)),
     ("Ночью ПВО отразила атаку 25 беспилотников на Белгородскую область.", "ru", (25, None))],
)
def test_drones_countered_or_neutralised_are_destroyed_and_an_attack_repelled_was_launched(text, lang, counts):
    row = only(text, lang=lang)
    assert values(row, "drones", "drones_destroyed") == counts

@pytest.mark.parametrize(
    ("text", "attacker", "regions"),
    [("Этой ночью киевский режим предпринял попытку атаки с использованием 30 беспилотников на объекты на территории России.", "UA", []),
     ("Украинские вооруженные формирования атаковали Горловку беспилотниками, ранены двое мирных жителей.", "UA", ["UA-14"]),
     ("Ночью над акваторией Черного моря уничтожены 15 беспилотников.", "UA", [])],
)
def test_the_kyiv_regime_and_ukrainian_formations_in_russian_reports(text, attacker, regions):
    row = only(text, lang="ru")
    assert (row["attacker"], row["regions"]) == (attacker, regions)

@pytest.mark.parametrize(
    ("text", "lang", "destroyed"),
    [("Russia fired 10 missiles overnight; two hit Kharkiv and the rest were shot down.", "en", 8),
     ("Уночі росіяни запустили 10 ракет, дві влучили в Харків, решту збито.", "uk", 8),
     ("Russia fired 10 missiles and 20 drones overnight; two missiles hit Kharkiv and the rest were shot down.", "en", None)],
)
def test_the_rest_shot_down_is_the_launched_count_less_the_hits(text, lang, destroyed):
    row = only(text, lang=lang)
    assert values(row, "missiles_total", "missiles_destroyed") == (10, destroyed)

def test_dates_from_cues():
    assert str(only("On the night of 3 February Russia launched 60 drones at Kharkiv.", published="2026-02-05")["attack_date"])[:10] == "2026-02-03"
    assert str(only("Russia launched 60 drones at Kharkiv on Tuesday.", published="2026-02-05")["attack_date"])[:10] == "2026-02-03"
    assert str(only("Russia launched 60 drones at Kharkiv.", published="2026-02-05")["attack_date"])[:10] == "2026-02-05"
    assert pd.isna(only("Russia launched 60 drones at Kharkiv overnight.", published=None)["attack_date"])


def test_two_nights_in_one_report_are_two_observations():
    rows = observe(
        "Russia launched 80 drones at Odesa overnight. Last Friday it had launched 539 drones at Ukraine.",
        published="2025-07-09",
    )
    assert sorted((str(r["attack_date"])[:10], r["drones"]) for r in rows) == [("2025-07-04", 539), ("2025-07-09", 80)]


def test_temperature_and_casualties():
    row = only(
        "Russia launched 40 drones at Kharkiv overnight as temperatures fell below minus 10 degrees. "
        "Three people were killed and 12 were injured, officials said."
    )
    assert (row["temperature_c"], row["killed"], row["injured"]) == (-10.0, 3, 12)
    row = only("Russia launched 40 drones at Kharkiv overnight. There were no casualties.")
    assert row["killed"] is None and row["injured"] is None


@pytest.mark.parametrize(
    ("text", "temperature"),
    [("Russia launched 33 drones at Odesa as the thermometer showed minus 12 overnight.", -12.0),
     ("Russia launched 33 drones at Odesa overnight as the cold snap deepened and prices rose minus 12 percent.", None),
     ("Russia launched 30 drones at Odesa overnight in temperatures of around -12.", -12.0),
     ("Russia launched 30 drones at Odesa overnight in temperatures of around -12 percent of normal.", None)],
)
def test_minus_without_a_unit_is_a_temperature_unless_a_percentage(text, temperature):
    assert only(text)["temperature_c"] == temperature


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Ночью Россия атаковала Одессу 30 дронами при морозе до -12.", "ru"),
     ("Уночі росіяни атакували Одесу 30 дронами за температури -12.", "uk")],
)
def test_a_signed_number_after_a_word_of_temperature_is_one(text, lang):
    assert only(text, lang=lang)["temperature_c"] == -12.0

@pytest.mark.parametrize(
    ("text", "lang", "drones"),
    [("Russia launched 2 thousand drones at Ukraine overnight.", "en", 2000),
     ("Уночі росіяни запустили 1,5 тисячі дронів.", "uk", 1500),
     ("Уночі росіяни запустили дві тисячі дронів.", "uk", 2000),
     ("Ночью Россия выпустила две тысячи беспилотников.", "ru", 2000)],
)
def test_thousands_in_digits_and_words(text, lang, drones):
    assert only(text, lang=lang)["drones"] == drones

@pytest.mark.parametrize(
    ("text", "lang"),
    [("Протягом червня Росія випустила по Україні 5000 дронів.", "uk"),
     ("За три ночі росіяни запустили 1200 дронів.", "uk"),
     ("За три ночи над регионами России сбиты 1200 беспилотников.", "ru")],
)
def test_totals_over_a_month_or_several_nights_in_ukrainian_and_russian(text, lang):
    assert observe(text, lang=lang) == []

def test_the_weeks_attacks_are_a_weekly_total():
    assert observe("Russia launched 1,000 drones and 40 missiles in the week's attacks, Zelensky said.") == []
    assert observe("Russia launched 1.5 thousand drones at Ukraine over the week.") == []
    assert observe("Throughout June, Russia fired 5,000 drones at Ukraine, Zelensky said.") == []
    assert observe("Over three nights, Russia launched 1,200 drones at Ukraine.") == []

@pytest.mark.parametrize(
    ("text", "lang"),
    [("Russia launched 212 drones at Ukraine overnight. The death toll in Kyiv has risen to six, the mayor said.", "en"),
     ("Уночі Росія атакувала Україну 212 дронами. Кількість загиблих у Києві зросла до шести, повідомив мер.", "uk")],
)
def test_a_risen_death_toll_is_the_waves_and_names_the_place_hit(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["killed"], row["regions"]) == (212, 6, ["UA-30"])

def test_hedged_casualty_total_wins_over_a_local_figure():
    row = only(
        "Russia struck Odesa with 30 drones overnight, injuring more than 20 people. In one district nine people were injured."
    )
    assert row["injured"] is None


def test_ukrainian_air_force_post():
    row = only(
        "У ніч на 3 лютого (з 18:00 2 лютого) противник атакував ударними БпЛА та ракетами. "
        "Загалом противник застосував 32 балістичні ракети, 28 крилатих ракет та 450 ударних БпЛА. "
        "Збито/подавлено 400 ворожих БпЛА на Харківщині, Дніпропетровщині та Київщині.",
        published="2026-02-03",
        lang="uk",
    )
    assert (row["ballistic_missiles"], row["cruise_missiles"], row["drones"], row["drones_destroyed"]) == (32, 28, 450, 400)
    assert row["regions"] == ["UA-12", "UA-32", "UA-63"]
    assert str(row["attack_date"])[:10] == "2026-02-03"


def test_russian_defence_ministry_claim():
    row = only(
        "В ночь на 17 сентября дежурными средствами ПВО перехвачены и уничтожены двенадцать украинских "
        "беспилотных летательных аппаратов над территорией Белгородской и Брянской областей.",
        published="2025-09-17",
        lang="ru",
    )
    assert (row["attacker"], row["target_country"], row["drones_destroyed"]) == ("UA", "RU", 12)
    assert row["regions"] == ["RU-BEL", "RU-BRY"]


@pytest.mark.parametrize("field", ["drones", "drones_destroyed", "regions", "attack_date"])
def test_every_filled_field_has_evidence_that_holds_it(field):
    text = "Overnight Russia launched 37 drones at Sumy; air defences destroyed 30 of them."
    row = only(text)
    spans = [e for e in row["evidence"] if e["field"] == field] if field != "attack_date" else [{"start": 0, "end": 1, "text": text[0]}]
    assert spans
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    if field == "drones":
        assert any("37" in s["text"] for s in spans)
    if field == "drones_destroyed":
        assert any("30" in s["text"] for s in spans)
    if field == "regions":
        assert any("Sumy" in s["text"] for s in spans)


def test_a_weekday_night_ends_the_next_morning():
    row = only("Russian drones hit Odesa on Wednesday night, injuring 24 people.", published="2025-06-12")
    assert str(row["attack_date"])[:10] == "2025-06-12"


def test_degrees_below_zero_are_negative():
    row = only("Russia fired 20 missiles at Kyiv overnight as it was 5 degrees below zero.", published="2026-01-10")
    assert row["temperature_c"] == -5.0


def test_ukrainian_collective_numerals_and_singular_missile():
    row = only("Росіяни вдарили по Дніпру балістичною ракетою, загинули четверо людей, ще 20 поранено.", published="2025-05-15", lang="uk")
    assert (row["ballistic_missiles"], row["killed"], row["injured"], row["regions"]) == (1, 4, 20, ["UA-12"])


def test_russian_singular_casualty():
    row = only("Ночью украинский беспилотник атаковал Курскую область, погиб мирный житель, ещё трое ранены.", published="2025-08-03", lang="ru")
    assert (row["attacker"], row["killed"], row["injured"], row["regions"]) == ("UA", 1, 3, ["RU-KRS"])


@pytest.mark.parametrize(
    "text",
    [
        "Germany pledged four more Patriot systems to help Kyiv fend off Russian missile attacks, the chancellor said on Tuesday.",
        "Ukraine's parliament voted to extend martial law for another 90 days, citing continued Russian attacks on cities such as Kharkiv and Odesa.",
        "Russian troops advanced near Pokrovsk in the Donetsk region, analysts said.",
    ],
)
def test_talk_about_attacks_is_not_a_wave(text):
    assert observe(text) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Попередній рекорд — 728 дронів — був встановлений 9 липня.", "uk"),
     ("Прежний рекорд — 728 беспилотников — был установлен 9 июля.", "ru"),
     ("Партнери України пообіцяли передати 500 дронів-перехоплювачів.", "uk"),
     ("Партнеры Украины пообещали передать 500 дронов-перехватчиков.", "ru")],
)
def test_records_set_earlier_and_pledges_are_not_waves(text, lang):
    assert observe(text, lang=lang) == []


def test_has_cue_answers_as_find_cues_on_every_sample_text():
    """The whole-document question asks its patterns in another order and stops early; the answer is the same."""
    sample = Path(__file__).resolve().parents[1] / "datasets" / "sample"
    records = [json.loads(line) for path in sample.rglob("*.jsonl") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(r["text"], r.get("lang") or "en") for r in records]
    texts += [("Air defences downed 40 drones; the statement came on 3 February.", "en"), ("Air defences downed 40 drones.", "en"),
              ("Russia fired 42 drones a day after a strike on Kryvyi Rih.", "en"),
              ("Shelling on 41 February 2026 damaged a school.", "en")]
    asked = 0
    for text, lang in texts:
        for reference in (None, date(2026, 2, 3)):
            for part in [text, *text.split(". ")]:
                own = [c for c in find_cues(part, reference, lexicon(lang)) if c.kind != "after"]
                assert has_cue(part, reference, lexicon(lang)) == bool(own), part[:80]
                asked += 1
    assert asked > 100


def test_the_town_table_cache_gives_the_table_geonames_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STRIKELOG_CACHE", str(tmp_path / "cache"))
    fresh = gazetteer._towns_from_geonames()
    gazetteer.towns.cache_clear()
    try:
        assert gazetteer.towns() == fresh  # first process: read from GeoNames, cache written
        (written,) = (tmp_path / "cache" / "strikelog").iterdir()
        gazetteer.towns.cache_clear()
        assert gazetteer.towns() == fresh  # next process: read from the cache
        written.write_bytes(b"not a pickle")
        gazetteer.towns.cache_clear()
        assert gazetteer.towns() == fresh  # a damaged cache is read again from GeoNames and replaced
        assert written.read_bytes() != b"not a pickle"
        monkeypatch.setenv("STRIKELOG_CACHE", str(written))  # a cache directory that cannot be made
        gazetteer.towns.cache_clear()
        assert gazetteer.towns() == fresh
    finally:
        gazetteer.towns.cache_clear()


def test_the_town_table_without_a_home_directory(monkeypatch: pytest.MonkeyPatch):
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    for name in ("STRIKELOG_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    gazetteer.towns.cache_clear()
    try:
        assert gazetteer._towns_cache_path() is None
        assert gazetteer.towns() == gazetteer._towns_from_geonames()
    finally:
        gazetteer.towns.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 50 Shahed drones and 30 decoys at Ukraine overnight; 25 drones were shot down.",
        "Russia launched 50 drones at Ukraine overnight; 25 were shot down, while 10 marked on radar vanished.",
        "Russia launched 50 drones at Ukraine overnight. Air defences shot down 25, and another 10 may have been jammed.",
    ],
)
def test_a_number_before_a_word_that_starts_like_a_month_is_no_date(text):
    row = only(text, published="2026-06-15")
    assert (row["drones"], row["drones_destroyed"], row["attack_date"]) == (50, 25, pd.Timestamp("2026-06-15"))
    assert only("Russia launched 50 drones at Ukraine on 10 May; 25 were shot down.", published="2026-06-15")["attack_date"] == pd.Timestamp("2026-05-10")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia hit Ukraine with 35 missiles and 120 drones overnight as temperatures fell below minus 15C.", "en"),
        ("Russia launched 35 missiles and 120 drones at Kharkiv overnight as debris fell on a school.", "en"),
        ("Росія атакувала Україну 35 ракетами та 120 дронами вночі, коли люди спали, а температура впала до мінус 15.", "uk"),
        ("Россия атаковала Украину 35 ракетами и 120 дронами ночью, когда люди спали, а температура упала до минус 15.", "ru"),
    ],
)
def test_the_verb_of_a_clause_with_its_own_subject_does_not_govern_the_count_before_it(text, lang):
    row = only(text, lang=lang)
    assert (row["missiles_total"], row["drones"], row["drones_destroyed"]) == (35, 120, None)


def test_counts_shot_down_in_an_absolute_phrase_after_with():
    row = only("Russia fired 810 drones and 13 missiles at Ukraine overnight, with 747 drones and four missiles shot down.")
    assert (row["drones"], row["missiles_total"], row["drones_destroyed"], row["missiles_destroyed"]) == (810, 13, 747, 4)
    row = only("Russia attacked Ukraine with 40 drones and the air force destroyed 30 of them.")
    assert (row["drones"], row["drones_destroyed"]) == (40, 30)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 3 missiles and 27 drones overnight. All missiles and 20 drones were shot down.", "en"),
        ("Russia launched 3 missiles and 27 drones overnight. The missiles were all intercepted, as were 20 of the drones.", "en"),
        ("Russia launched 3 missiles and 27 drones overnight. Air defences shot down all the missiles and 20 of the drones.", "en"),
        ("Russia launched 3 missiles and 27 drones overnight; all the missiles and 20 drones were shot down.", "en"),
        ("Вночі Росія запустила 3 ракети та 27 дронів. Усі ракети та 20 дронів збито.", "uk"),
        ("Ночью Россия выпустила 3 ракеты и 27 дронов. Все ракеты и 20 дронов сбиты.", "ru"),
    ],
)
def test_all_the_missiles_shot_down_are_the_missiles_launched(text, lang):
    row = only(text, lang=lang)
    assert (row["missiles_total"], row["drones"], row["missiles_destroyed"], row["drones_destroyed"]) == (3, 27, 3, 20)


def test_all_the_missiles_that_hit_or_were_launched_are_not_destroyed():
    row = only("Russia launched 3 missiles and 27 drones overnight. All the drones were launched from Kursk, and all the missiles hit targets.")
    assert (row["missiles_destroyed"], row["drones_destroyed"]) == (None, None)


@pytest.mark.parametrize(
    ("text", "lang", "days_before"),
    [
        ("Russia launched 60 drones at Ukraine overnight, the air force said. A day earlier, Russia had launched 90 drones.", "en", 1),
        ("Russia launched 60 drones at Ukraine overnight, the air force said. Two days earlier, it had launched 90 drones.", "en", 2),
        ("Вночі Росія запустила 60 дронів. Днем раніше окупанти атакували 90 дронами.", "uk", 1),
        ("Ночью Россия запустила 60 дронов. Днем ранее оккупанты атаковали 90 дронами.", "ru", 1),
    ],
)
def test_a_wave_told_as_days_earlier_is_a_wave_of_its_own(text, lang, days_before):
    rows = sorted(observe(text, published="2026-06-15", lang=lang), key=lambda r: r["attack_date"])
    assert [(r["attack_date"], r["drones"]) for r in rows] == [
        (pd.Timestamp("2026-06-15") - pd.Timedelta(days=days_before), 90), (pd.Timestamp("2026-06-15"), 60)]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Ukrainian drones attacked an oil refinery in Ufa overnight, the governor said.", ["RU-BA"]),
        ("Ukrainian drones struck the port of Primorsko-Akhtarsk overnight, causing a fire.", ["RU-KDA"]),
    ],
)
def test_a_town_name_is_read_whole_and_a_short_one_of_a_large_town_too(text, regions):
    assert only(text)["regions"] == regions


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A drone strike on Sumy overnight injured a woman, 72, and a man, 45, the regional administration said.", None, 2),
        ("Overnight Russian shelling of Nikopol wounded a 45-year-old woman and a 60-year-old man.", None, 2),
        ("A drone strike on Sumy overnight killed a man and injured a woman, officials said.", 1, 1),
    ],
)
def test_people_named_one_by_one_are_counted_and_their_ages_are_no_counts(text, killed, injured):
    row = only(text)
    assert (row["killed"], row["injured"], row["drones"]) == (killed, injured, None)


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Officials in Kharkiv said Russian drones hit the city overnight, injuring two people.", ["UA-63"]),
        ("Officials in Kharkiv said Russian drones hit Sumy overnight, injuring two people.", ["UA-59"]),
        ("Russian-installed officials in Crimea said air defences shot down 20 Ukrainian drones over the peninsula.", ["UA-43"]),
    ],
)
def test_officials_in_a_place_speak_for_it_and_the_peninsula_refers_back_to_crimea(text, regions):
    assert only(text)["regions"] == regions


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        ("Внаслідок удару дрона по Сумах вночі поранено жінку, 72 роки, та чоловіка, повідомили в ОВА.", "uk", None, 2),
        ("Внаслідок атаки на Харків загинули жінка та чоловік.", "uk", 2, None),
        ("В результате атаки дронов на Белгород ранены мужчина и женщина, сообщил губернатор.", "ru", None, 2),
        ("В результате удара по Донецку погибли женщина и 10-летний мальчик.", "ru", 2, None),
    ],
)
def test_two_people_named_one_by_one_are_two_in_ukrainian_and_russian(text, lang, killed, injured):
    row = only(text, lang=lang)
    assert (row["killed"], row["injured"]) == (killed, injured)


def test_cities_listed_after_the_oblasts_of_are_their_oblasts():
    row = only("The Ukrainian Air Force said that 21 out of 25 Russian drones were shot down over the oblasts of Kyiv, Chernihiv and Sumy.")
    assert (row["drones"], row["drones_destroyed"], row["regions"]) == (25, 21, ["UA-32", "UA-59", "UA-74"])


@pytest.mark.parametrize(
    ("text", "lang", "destroyed"),
    [
        ("Russia fired 4 Kinzhal hypersonic missiles and 2 Kalibr cruise missiles at western Ukraine overnight; Ukraine said it downed all of them.", "en", 6),
        ("Russia fired 4 Kinzhal missiles at Kyiv overnight. Air defences shot them all down.", "en", 4),
        ("The air force said 18 of the 20 cruise missiles and all four ballistic missiles were intercepted.", "en", 22),
        ("Russia launched 4 cruise missiles and 20 ballistic missiles overnight; all the cruise missiles were shot down.", "en", 4),
        ("Вночі Росія випустила 4 ракети Кинджал. Сили ППО збили їх усі.", "uk", 4),
        ("Ночью Россия выпустила 4 ракеты Кинжал. Силы ПВО сбили их все.", "ru", 4),
    ],
)
def test_all_of_them_downed_are_every_launched_count_of_the_class_named(text, lang, destroyed):
    row = only(text, lang=lang)
    assert row["missiles_destroyed"] == destroyed
    assert row["missiles_total"] is None  # Kinzhal, in either spelling, is ballistic


def test_all_but_three_is_not_all():
    assert only("Уночі Росія запустила 40 дронів, сили ППО збили всі, крім трьох.", lang="uk")["drones_destroyed"] == 37


@pytest.mark.parametrize(
    ("text", "lang", "temperature"),
    [
        ("Russia launched 100 drones at Kyiv overnight. Temperatures in the capital are expected to fall to -20C later this week.", "en", None),
        ("Russia launched 100 drones at Kyiv overnight as temperatures dropped to -15C; forecasters expect -20C next week.", "en", -15.0),
        ("Вночі Росія атакувала Київ 100 дронами за температури мінус 15. Синоптики прогнозують до мінус 20 наступного тижня.", "uk", -15.0),
    ],
)
def test_a_forecast_temperature_is_not_the_nights(text, lang, temperature):
    row = only(text, lang=lang, published="2026-01-20")
    assert values(row, "drones", "temperature_c") == (100, temperature)


def test_a_count_in_a_clause_dated_the_previous_night_is_that_nights():
    rows = observe("Russia launched 120 drones at Ukraine overnight, the air force said, after 90 drones the previous night.", published="2026-06-17")
    assert sorted((r["attack_date"], r["drones"]) for r in rows) == [(pd.Timestamp("2026-06-16"), 90), (pd.Timestamp("2026-06-17"), 120)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia's defence ministry said it shot down 20 Ukrainian drones over the Black Sea and 6 over Crimea overnight.", "en"),
        ("Минобороны России сообщило, что ночью над акваторией Черного моря уничтожены 20 украинских беспилотников, над Крымом — 6.", "ru"),
    ],
)
def test_a_sea_is_a_place_of_a_list_by_place(text, lang):
    row = only(text, lang=lang)
    assert (row["attacker"], row["drones_destroyed"], row["regions"]) == ("UA", 26, ["UA-43"])


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Ukrainian air defence units downed 37 of the 48 drones. Both ballistic missiles hit targets in the Dnipropetrovsk region.",
         "ballistic_missiles", 2),
        ("Russia fired missiles at Kharkiv overnight; all three missiles hit an industrial site.", "missiles_total", 3),
    ],
)
def test_all_of_the_weapons_that_hit_were_launched(text, field, value):
    assert only(text)[field] == value


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Загалом у повітряному просторі зафіксовано 157 засобів повітряного нападу: 4 балістичні ракети Іскандер-М, "
         "3 крилаті ракети Х-101 та 150 ударних БпЛА. Збито 3 крилаті ракети та 120 дронів.", "uk"),
        ("Всего в воздушном пространстве зафиксировано 157 средств воздушного нападения: 4 баллистические ракеты Искандер-М, "
         "3 крылатые ракеты Х-101 и 150 ударных БпЛА. Сбиты 3 крылатые ракеты и 120 дронов.", "ru"),
    ],
)
def test_air_attack_assets_recorded_were_launched_and_hits_recorded_were_not(text, lang):
    row = only(text, lang=lang)
    assert (row["ballistic_missiles"], row["cruise_missiles"], row["drones"], row["missiles_destroyed"], row["drones_destroyed"]) == (4, 3, 150, 3, 120)
    assert observe("Зафіксовано влучання 13 ракет та 24 ударних БпЛА на 9 локаціях.", lang="uk") == []


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        ("The city of Sumy was hit by two missiles overnight, local authorities said.", "en", "missiles_total", 2),
        ("Two ballistic missiles struck the centre of Sumy on Sunday morning, killing 11 people.", "en", "ballistic_missiles", 2),
        ("Kharkiv was hit by 17 guided bombs and two drones overnight, the mayor said.", "en", "drones", 2),
        ("Вночі по Харкову влучили 17 дронів, загинула одна людина.", "uk", "drones", 17),
        ("Ночью две ракеты попали в Сумы, сообщили местные власти.", "ru", "missiles_total", 2),
    ],
)
def test_the_weapons_that_hit_are_the_count_launched_in_a_report_that_gives_no_other(text, lang, field, value):
    assert only(text, lang=lang)[field] == value


def test_the_weapons_that_hit_are_no_count_beside_the_counts_launched_or_lost():
    row = only("Russia launched 40 drones and 3 missiles overnight. The city of Sumy was hit by two missiles, officials said.")
    assert (row["missiles_total"], row["drones"]) == (3, 40)
    assert observe("It was also reported that Russia had lost 4,175 drones and 711 missile systems in the war.") == []


@pytest.mark.parametrize(
    ("text", "lang", "ballistic"),
    [
        ("Three people died and 12 were hurt when a Russian ballistic missile slammed into a building in Dnipro overnight.", "en", 1),
        ("At least three people were killed and 12 injured when a missile struck a residential building in Dnipro overnight.", "en", None),
        ("Уночі 12 людей поранено, коли ракета влучила в житловий будинок у Дніпрі.", "uk", None),
    ],
)
def test_a_count_of_people_before_a_weapon_word_is_no_weapon_count(text, lang, ballistic):
    row = only(text, lang=lang)
    assert (row["injured"], row["regions"], row["missiles_total"], row["ballistic_missiles"]) == (12, ["UA-12"], None, ballistic)


def test_a_place_under_an_attack_of_several_words_was_attacked():
    row = only("Kyiv and the surrounding region came under a combined missile and drone attack early on Tuesday.")
    assert (row["regions"], row["attack_date"].date()) == (["UA-30", "UA-32"], date(2026, 2, 3))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("According to preliminary data, 33 Shahed drones were shot down; another 14 were suppressed by electronic warfare.", "en"),
        ("Air defence shot down 33 drones; 14 more were suppressed by electronic warfare.", "en"),
        ("Уночі збито 33 дрони; ще 14 подавлено засобами РЕБ.", "uk"),
    ],
)
def test_a_count_added_after_a_semicolon_adds_up(text, lang):
    assert only(text, lang=lang)["drones_destroyed"] == 47


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("Russia's defence ministry said on Saturday its air defences had destroyed 41 Ukrainian drones overnight.", "en", date(2026, 6, 13)),
        ("Ukraine's air force said on Sunday that Russia had launched 80 drones overnight.", "en", date(2026, 6, 14)),
        ("Повітряні сили повідомили в суботу, що вночі Росія запустила 80 дронів.", "uk", date(2026, 6, 13)),
        ("Ukraine's air force said on Monday that Russia had launched 80 drones overnight.", "en", date(2026, 6, 15)),
        ("Ukraine's air force said on Tuesday that Russia had launched 80 drones overnight.", "en", date(2026, 6, 15)),
    ],
)
def test_a_night_told_on_a_named_day_is_that_days_night(text, lang, day):
    """Published on Monday 15 June; a Tuesday six days back is taken for a day the publication's time zone
    had not reached."""
    assert only(text, published="2026-06-15", lang=lang)["attack_date"].date() == day


def test_the_deadliest_attack_this_year_is_a_wave_and_a_single_attack_no_missile():
    row = only("A Russian missile strike on Poltava killed 51 people and wounded 271, the deadliest single attack this year.")
    assert (row["regions"], row["killed"], row["injured"], row["missiles_total"]) == (["UA-53"], 51, 271, None)


@pytest.mark.parametrize(
    ("text", "lang", "attacker", "regions"),
    [
        ("Russian occupation authorities in Donetsk said Ukrainian shelling killed three people.", "en", "UA", ["UA-14"]),
        ("The mayor of Kharkiv said two people were killed and five injured overnight.", "en", "RU", ["UA-63"]),
        ("В результате удара ВСУ по Горловке погибли два человека, еще пятеро ранены, сообщил глава города.", "ru", "UA", ["UA-14"]),
    ],
)
def test_an_official_telling_casualties_and_no_count_speaks_for_the_place_of_the_office(text, lang, attacker, regions):
    row = only(text, lang=lang)
    assert (row["attacker"], row["target_country"], row["regions"]) == (attacker, "UA", regions)


def test_an_official_counting_a_wave_does_not_speak_for_the_place_of_the_office():
    row = only("The mayor of Kharkiv said Russia had launched 80 drones at Ukraine overnight and two people were killed.")
    assert (row["drones"], row["regions"]) == (80, [])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 479 drones and 20 missiles overnight, the largest attack of the war, breaking the record of 472 drones set last week.", "en"),
        ("Уночі Росія запустила 479 дронів і 20 ракет, побивши рекорд у 472 дрони, встановлений минулого тижня.", "uk"),
    ],
)
def test_a_wave_is_read_up_to_the_clause_that_tells_an_earlier_period(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["missiles_total"]) == (479, 20)
    assert observe("Last week, Russia launched 1,200 drones and 40 missiles against Ukraine, the president said.") == []


def test_a_sale_of_missiles_is_no_wave():
    assert observe("The United States approved the sale of 3,350 extended-range missiles to Ukraine.") == []


def test_a_count_of_weapons_before_a_verb_of_killing_is_no_count_of_the_dead():
    rows = observe("Russia fired 90 drones overnight, the air force said, a day after a massive attack involving 300 drones killed 12 people in Kyiv.",
                   published="2026-06-15")
    earlier = next(r for r in rows if r["attack_date"].date() == date(2026, 6, 14))
    assert (earlier["drones"], earlier["killed"]) == (300, 12)


def test_down_from_is_no_verb_of_shooting_down():
    rows = observe("Russia launched 90 drones overnight, down from 300 on Saturday.", published="2026-06-15")
    assert sorted((r["attack_date"].date(), r["drones"], r["drones_destroyed"]) for r in rows) == [
        (date(2026, 6, 13), 300, None), (date(2026, 6, 15), 90, None)]


@pytest.mark.parametrize(
    ("text", "launched", "destroyed"),
    [
        ("Debris from five downed drones hit houses in the Kyiv region overnight.", None, 5),
        ("Overnight Russia launched 50 drones (most of which were shot down) and 3 ballistic missiles at Dnipro.", 50, None),
    ],
)
def test_a_verb_of_downing_inside_a_count_makes_it_destroyed_but_not_one_in_brackets_after_it(text, launched, destroyed):
    row = only(text)
    assert (row["drones"], row["drones_destroyed"]) == (launched, destroyed)


def test_casualties_in_a_sentence_with_places_of_both_sides_go_to_the_strike_on_the_nearest_place():
    rows = observe("Russia launched 212 drones at Ukraine overnight. Russia's defence ministry said it had destroyed 95 Ukrainian drones "
                   "overnight. In Kyiv, two people were injured by falling debris, and in Voronezh a woman was injured when a drone hit "
                   "an apartment block.")
    assert sorted((r["attacker"], r["injured"]) for r in rows) == [("RU", 2), ("UA", 1)]


@pytest.mark.parametrize(
    ("text", "ballistic", "cruise"),
    [
        ("A Russian Iskander-M missile hit the centre of Kryvyi Rih on Friday evening, killing 20 people.", 1, None),
        ("Ukraine's General Staff said its forces had struck a Russian Kalibr carrier ship in Novorossiysk with sea drones.", None, None),
    ],
)
def test_a_typed_missile_that_hit_counts_one_and_a_carrier_of_missiles_none(text, ballistic, cruise):
    rows = observe(text, published="2026-06-15")
    assert [(r["ballistic_missiles"], r["cruise_missiles"]) for r in rows] == [(ballistic, cruise)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Ihnat said Russia used Kh-22 missiles, which are hard to intercept: "None of the five Kh-22s were downed."', "en"),
        ("Not one of the five Kh-22 missiles was shot down, the air force said.", "en"),
        ("Жодна з п'яти ракет Х-22 не була збита.", "uk"),
        ("Ни одна из пяти ракет Х-22 не была сбита.", "ru"),
    ],
)
def test_none_of_the_missiles_downed_were_launched_and_none_destroyed(text, lang):
    row = only(text, lang=lang)
    assert (row["other_missiles"], row["missiles_destroyed"]) == (5, None)


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("A drone attack on Kherson on Thursday killed a 65-year-old man and wounded his wife.", 1),
        ("The shelling injured his neighbour and two others in Nikopol overnight.", None),
    ],
)
def test_a_relative_wounded_is_one_person_unless_others_follow(text, injured):
    assert only(text)["injured"] == injured


def test_a_count_shot_down_after_a_phrase_of_its_course_is_destroyed():
    row = only("A drone attack on Moscow was repelled overnight, the mayor said, with 11 UAVs approaching the capital shot down.")
    assert (row["attacker"], row["drones"], row["drones_destroyed"]) == ("UA", None, 11)
    row = only("Russia launched 90 drones, with 12 hitting Kharkiv and 70 shot down.")
    assert (row["drones"], row["drones_destroyed"]) == (90, 70)
    row = only("Russia launched 49 drones at Ukraine overnight, with 33 of them shot down and 14 others lost.")
    assert (row["drones"], row["drones_destroyed"]) == (49, 33)


def test_a_sentence_referring_back_to_a_place_is_read_with_the_place_of_the_sentence_before():
    text = ("A Russian strike overnight left much of Kharkiv without power. The governor said 15 drones and four "
            "missiles hit the city, wounding seven people.")
    row = only(text)
    assert (row["regions"], row["drones"], row["injured"]) == (["UA-63"], 15, 7)
    evidence = [e for e in row["evidence"] if e["field"] == "regions"]
    assert [text[e["start"]:e["end"]] for e in evidence] == ["Kharkiv"]
    two_places = "Russian drones hit Kharkiv and Sumy overnight. Debris damaged homes in the city, the governor said."
    assert only(two_places)["regions"] == ["UA-59", "UA-63"]
    assert only("Power was cut in Kharkiv. Later, 15 drones hit the city.", published="2026-06-15")["regions"] == ["UA-63"]
    assert only("The exhibition opened in Kharkiv. The next day, 15 drones hit the city.", published="2026-06-15")["regions"] == ["UA-63"]
    assert only("Zelensky spoke in Kyiv on Monday. Elsewhere, 15 drones hit the city of Sumy.")["regions"] == ["UA-59"]


def test_an_official_telling_a_hit_by_one_weapon_speaks_for_the_place_of_the_office():
    row = only("Officials in Belgorod said a Ukrainian drone hit a minibus, killing the driver.")
    assert (row["attacker"], row["regions"], row["killed"]) == ("UA", ["RU-BEL"], 1)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 100 drones at Ukraine overnight. The night before, it had launched 60 drones at Sumy.", "en"),
        ("Russia launched 100 drones at Ukraine overnight. A night earlier, it fired 60 drones.", "en"),
        ("Вночі ворог випустив 100 дронів. Попередньої ночі росіяни атакували 60 дронами.", "uk"),
        ("Этой ночью противник выпустил 100 беспилотников. Накануне ночью враг атаковал Сумы 60 дронами.", "ru"),
    ],
)
def test_the_night_before_is_the_night_before_the_reports_night(text, lang):
    rows = sorted(observe(text, published="2026-06-16", lang=lang), key=lambda r: r["attack_date"])
    assert [(r["attack_date"].date(), r["drones"]) for r in rows] == [(date(2026, 6, 15), 60), (date(2026, 6, 16), 100)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Этой ночью ВСУ запустили 40 беспилотников.", "ru"),
        ("Цієї ночі ЗСУ запустили 40 дронів.", "uk"),
    ],
)
def test_the_ukrainian_army_launching_drones_is_the_attacker(text, lang):
    row = only(text, lang=lang)
    assert (row["attacker"], row["target_country"], row["drones"]) == ("UA", "RU", 40)


def test_the_place_of_a_dateline_and_the_number_of_an_update_are_not_read():
    row = only("Kyiv (AFP) - Russia fired 104 drones at Ukraine overnight, with one person killed in the southern Kherson region.")
    assert (row["regions"], row["drones"], row["killed"]) == (["UA-65"], 104, 1)
    row = only("KYIV, June 16 (Reuters) - Russia pounded Kyiv with drones overnight, killing four people.", published="2026-06-16")
    assert row["regions"] == ["UA-30"]
    row = only("UPDATE 2-Russian drones, missiles pound Ukraine's Kharkiv, killing 4", published="2026-06-16")
    assert (row["drones"], row["regions"], row["killed"]) == (None, ["UA-63"], 4)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ВСУ выпустили по Донецку 12 снарядов калибра 155 мм, ранены двое мирных жителей.", "ru"),
        ("Росіяни випустили по Херсону 12 снарядів калібру 152 мм, поранено двох людей.", "uk"),
    ],
)
def test_a_calibre_in_millimetres_is_no_kalibr_missile(text, lang):
    row = only(text, lang=lang)
    assert (row["cruise_missiles"], row["injured"]) == (None, 2)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ukraine's forces said they hit a Pantsir air defence system with long-range drones overnight.", "en"),
        ("Сили ППО знищили 5 БпЛА Орлан-10 над Харківщиною.", "uk"),
    ],
)
def test_a_weapon_system_that_shares_a_name_with_a_place_is_no_place(text, lang):
    assert all(not r["regions"] or r["regions"] == ["UA-63"] for r in observe(text, lang=lang))


@pytest.mark.parametrize(
    ("text", "lang", "regions"),
    [
        ("Украинские войска 45 раз обстреляли территорию Курской области, сообщил губернатор. Пострадали три человека.", "ru", ["RU-KRS"]),
        ("Упродовж доби росіяни 400 разів обстріляли 30 населених пунктів Запорізької області.", "uk", ["UA-23"]),
        ("Drone debris fell on the territory of the Chernobyl exclusion zone, officials said.", "en", ["UA-32"]),
    ],
)
def test_a_place_shelled_or_hit_by_debris_is_a_region_hit(text, lang, regions):
    assert only(text, lang=lang)["regions"] == regions


@pytest.mark.parametrize(
    ("text", "lang", "regions"),
    [
        ("Between 8 p.m. and 11 p.m. Moscow time, air defences destroyed 18 drones over the Rostov region.", "en", ["RU-ROS"]),
        ("At around 3 a.m. Kyiv time, Russia launched 40 drones at Odesa.", "en", ["UA-51"]),
        ("С 20:00 до 23:00 по московскому времени над Ростовской областью уничтожены 18 беспилотников.", "ru", ["RU-ROS"]),
        ("З 18:00 за київським часом ворог випустив 40 дронів по Одещині.", "uk", ["UA-51"]),
    ],
)
def test_the_time_of_a_capital_names_no_place(text, lang, regions):
    assert only(text, lang=lang)["regions"] == regions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 477 drones along with 60 missiles. Of these, 475 aerial targets were neutralised: 211 were shot down and 225 were lost to electronic warfare.", "en"),
        ("Росія запустила 477 дронів та 60 ракет. Знешкоджено 475 повітряних цілей, з них 211 збито.", "uk"),
    ],
)
def test_a_bare_count_after_a_count_of_aerial_targets_is_no_count_of_one_kind(text, lang):
    row = only(text, lang=lang)
    assert (row["drones"], row["missiles_total"], row["drones_destroyed"], row["missiles_destroyed"]) == (477, 60, None, None)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Rescuers pulled 3 bodies from the rubble in Kharkiv, bringing the death toll from the overnight attack to 7.", 7, None),
        ("The Russian strike on Sumy killed a 70-year-old woman and injured her two grandchildren, aged 6 and 9.", 1, 2),
        ("The Russian strike on Sumy killed his two sons and injured his wife.", 2, 1),
    ],
)
def test_a_toll_brought_to_a_figure_and_a_relatives_count_are_casualties(text, killed, injured):
    row = only(text)
    assert values(row, "killed", "injured") == (killed, injured)


def test_a_weekday_night_told_on_that_weekday_is_the_night_just_ended():
    """Published on Tuesday 16 June: "Tuesday night" has not begun, so it is the night into Tuesday, not a
    night six days back; told on Wednesday it is the night into Wednesday."""
    text = "Russia launched 40 drones at the Kharkiv region on Tuesday night."
    assert only(text, published="2026-06-16")["attack_date"].date() == date(2026, 6, 16)
    assert only(text, published="2026-06-17")["attack_date"].date() == date(2026, 6, 17)


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("Ukrainian troops shelled Gorlovka with artillery, damaging two houses, the city's mayor said.", "UA"),
        ("Russian forces shelled Nikopol with artillery, damaging two houses, the governor said.", "RU"),
    ],
)
def test_the_side_that_shelled_is_the_attacker(text, attacker):
    row = only(text)
    assert (row["attacker"], row["regions"]) == (attacker, ["UA-14" if attacker == "UA" else "UA-12"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("В Рыльске после атаки украинского дрона двое мирных жителей получили ранения.", "ru"),
        ("У Сумах після атаки російського дрона двоє мирних жителів отримали поранення.", "uk"),
    ],
)
def test_people_who_received_wounds_are_injured(text, lang):
    assert only(text, lang=lang)["injured"] == 2


def test_a_date_that_opens_each_part_of_a_list_dates_its_part():
    rows = observe("On Monday, Russia launched 50 drones; on Tuesday, 80; and on Wednesday, 120 drones and 3 missiles.", published="2026-06-18")
    assert sorted((r["attack_date"].date(), r["drones"]) for r in rows) == [
        (date(2026, 6, 15), 50), (date(2026, 6, 16), 80), (date(2026, 6, 17), 120)]


def test_what_a_clause_tells_after_a_day_after_is_of_the_day_before_the_sentences_date():
    rows = observe("The overnight attack on June 18 came a day after Russia fired 20 missiles at Kyiv.", published="2026-06-18")
    assert [(r["attack_date"].date(), r["missiles_total"], r["regions"]) for r in rows] == [(date(2026, 6, 17), 20, ["UA-30"])]


def test_a_count_with_a_clause_of_its_downing_was_launched_and_destroyed():
    row = only("Russia also launched a Kh-59 guided missile at Odesa, which was intercepted.")
    assert (row["cruise_missiles"], row["missiles_destroyed"]) == (1, 1)
    row = only("Russia fired 3 Kalibr missiles at Odesa, which were shot down, and 20 drones.")
    assert (row["cruise_missiles"], row["missiles_destroyed"], row["drones"], row["drones_destroyed"]) == (3, 3, 20, None)


def test_a_model_whose_name_ends_in_s_is_one_weapon():
    assert only("Russia fired a Zircon missile at Kyiv and an Oniks at Odesa.")["other_missiles"] == 2
    assert only("Russia fired two Kinzhals at Kyiv.")["ballistic_missiles"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "A year ago today, Russia launched 550 drones and 11 missiles at Kyiv, killing 23 people.",
        "In a drill, air defence crews practised shooting down 40 mock drones over the Kyiv region.",
    ],
)
def test_an_anniversary_and_a_drill_are_no_wave(text):
    assert observe(text) == []
    row = only("Russia launched 500 drones overnight, up from 300 a month earlier.")
    assert row["drones"] == 500
    row = only("A year ago, on March 5, 2025, Russia fired 67 missiles and 194 drones at Ukraine.", published="2026-03-05")
    assert (row["attack_date"].date(), row["drones"]) == (date(2025, 3, 5), 194)


@pytest.mark.parametrize(
    ("text", "killed", "injured", "regions"),
    [
        ("Overnight, Russian attacks killed three people in Zaporizhzhia and one in Odesa, officials said.", 4, None, ["UA-23", "UA-51"]),
        ("Overnight, Russian drones injured five people in Kharkiv, two in Sumy and one in Odesa.", None, 8, ["UA-51", "UA-59", "UA-63"]),
        ("Overnight, Russian attacks killed two people in Kharkiv and injured one in Sumy.", 2, 1, ["UA-59", "UA-63"]),
    ],
)
def test_casualties_told_place_by_place_in_one_sentence_add_up(text, killed, injured, regions):
    """The parts after the first count people, not the drones the sentence names."""
    row = only(text)
    assert (*values(row, "killed", "injured", "drones"), row["regions"]) == (killed, injured, None, regions)


def test_a_number_alone_in_brackets_after_a_weapon_counts_that_weapon():
    row = only("Overnight, the enemy used: ballistic missiles Iskander-M (2), cruise missiles Kh-101 (12), attack UAVs (64).")
    assert values(row, "ballistic_missiles", "cruise_missiles", "drones", "missiles_total") == (2, 12, 64, None)
    row = only("Overnight, Russia launched Shahed drones (82) and missiles (5) at Ukraine.")
    assert values(row, "drones", "missiles_total") == (82, 5)


def test_a_count_in_brackets_after_a_count_is_a_count_of_its_own():
    row = only("Russia attacked with 120 Shahed drones (82 of them were shot down) overnight.")
    assert values(row, "drones", "drones_destroyed") == (120, 82)
    row = only("Russia attacked with 90 drones (Shahed-136) and 4 missiles (Kh-101) overnight.")
    assert values(row, "drones", "cruise_missiles") == (90, 4)


def test_a_bare_count_before_and_is_read():
    rows = observe("Russia launched 49 drones overnight. Air defence shot down 30 and 19 were jammed.")
    assert [values(r, "drones", "drones_destroyed") for r in rows] == [(49, 30)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 479 drones and 20 missiles at Ukraine over the weekend, Zelensky said.", "en"),
        ("За вихідні Росія випустила по Україні 1000 дронів і 40 ракет.", "uk"),
        ("За выходные ВСУ запустили по России 300 беспилотников, сообщили в Минобороны.", "ru"),
    ],
)
def test_a_total_over_a_weekend_is_no_wave(text, lang):
    assert observe(text, published="2026-06-15", lang=lang) == []
    assert only("Russia launched 479 drones at Ukraine overnight, the biggest attack of the weekend.", published="2026-06-15")["drones"] == 479


@pytest.mark.parametrize(
    ("text", "lang", "attacker", "regions", "count"),
    [
        ("Губернатор Курской области сообщил, что ночью над Курчатовом сбиты пять вражеских беспилотников.", "ru", "UA", ["RU-KRS"], "drones_destroyed"),
        ("Противник ночью атаковал Белгородскую область 5 беспилотниками, сообщил губернатор.", "ru", "UA", ["RU-BEL"], "drones"),
        ("Ночью над Киевской областью сбиты пять вражеских беспилотников.", "ru", "RU", ["UA-32"], "drones_destroyed"),
        ("Ночью силы ПВО сбили 5 вражеских беспилотников, сообщили в Воздушных силах ВСУ.", "ru", "RU", [], "drones_destroyed"),
    ],
)
def test_the_enemy_is_the_side_whose_land_the_sentence_does_not_name(text, lang, attacker, regions, count):
    """In Russian, which Russian and Ukrainian sources both write; in Ukrainian and English the enemy is Russia."""
    row = only(text, lang=lang)
    assert (row["attacker"], row["regions"], row[count]) == (attacker, regions, 5)


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        ("Intelligence warned that Russia could launch 600 drones and 40 missiles at Ukraine in the coming days.", "en", "2026-02-03"),
        ("Residents lit candles to mark the second anniversary of the Russian missile strike on Dnipro that killed 46 people.", "en", "2026-02-03"),
        ("За листопад Росія випустила по Україні 5400 ударних дронів та 87 ракет, повідомив президент.", "uk", "2026-02-03"),
        ("За ноябрь Россия выпустила по Украине 5000 дронов и 87 ракет.", "ru", "2026-02-03"),
        ("ВСУ готовят атаку сотнями дронов на Москву, заявил эксперт.", "ru", "2026-02-03"),
        ("ВСУ могут атаковать Москву беспилотниками в ближайшие дни.", "ru", "2026-02-03"),
        ("No strikes were reported in Odesa overnight.", "en", "2026-02-03"),
        ("Odesa was not hit overnight, the governor said.", "en", "2026-02-03"),
        ("Вночі в Одесі влучань не зафіксовано.", "uk", "2026-02-03"),
        ("Ночью в Белгороде попаданий не зафиксировано.", "ru", "2026-02-03"),
        ("Kyiv says Moscow is trying to freeze Ukrainians into submission. Moscow denies targeting civilians.", "en", "2026-01-14"),
        ("Moscow aims to be able to launch 2,000 drones in a single night by the end of the year, according to the estimate.", "en", "2026-01-14"),
        ("В Кремле заявили, что Москва готова обсуждать мораторий на удары по энергетике, если Киев соблюдет такие же обязательства.", "ru", "2026-01-14"),
        ("Ukrainian forces have captured the village of Hnativka in the Donetsk region and repelled 41 Russian assaults near Pokrovsk.", "en", "2026-01-16"),
        ("Ukrenergo announced power outage schedules for the Kyiv, Kharkiv and Odesa regions, citing equipment damaged in earlier Russian attacks.", "en", "2026-01-16"),
        ("Морози посилюються, а після серії ударів по енергосистемі на початку зими графіки відключень у Києві зберігаються.", "uk", "2026-01-16"),
        ("Российские войска освободили населенный пункт в Донецкой области, отразив атаки ВСУ.", "ru", "2026-01-16"),
        ("У квітні Росія випустила по Україні понад 4 600 ударних дронів. Найбільше ударів припало на Харківщину та Одещину.", "uk", "2026-05-03"),
        ("В апреле Россия выпустила по Украине более 4 600 ударных дронов. Больше всего ударов пришлось на Харьковскую область.", "ru", "2026-05-03"),
    ],
)
def test_forecasts_totals_governments_ground_fighting_and_places_not_hit_are_no_wave(text, lang, published):
    assert observe(text, published=published, lang=lang) == []


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Russian drones knocked out a heat and power plant in Kharkiv overnight, the mayor said.", ["UA-63"]),
        ("Russia attacked Ukraine with 109 drones overnight. Impacts were recorded in the Sumy and Poltava regions.", ["UA-53", "UA-59"]),
        ("Russian attacks killed four people overnight. Casualties were reported in the Kherson and Donetsk oblasts.", ["UA-14", "UA-65"]),
    ],
)
def test_places_knocked_out_or_with_impacts_or_casualties_are_hit(text, regions):
    assert only(text)["regions"] == regions
    assert observe("The attack overnight knocked out power for 500,000 homes in Odesa, the energy ministry said.") == []


def test_a_weapon_that_was_the_target_is_no_weapon_launched():
    row = only("Ukraine's navy said it struck a Russian S-400 air defence battery near Yevpatoria in occupied Crimea overnight using drones.")
    assert (row["attacker"], row["regions"], row["other_missiles"]) == ("UA", ["UA-43"], None)


def test_an_imperfective_launch_verb_tells_a_launch():
    rows = observe("У ніч на 25 листопада ворог атакував Київщину 30 дронами, з яких 22 збито. Напередодні, в ніч на 24 листопада, "
                   "Росія запускала по області 18 шахедів.", published="2025-11-25", lang="uk")
    assert sorted((r["attack_date"].day, *values(r, "drones", "drones_destroyed")) for r in rows) == [(24, 18, None), (25, 30, 22)]


def test_no_fewer_than_n_is_no_exact_count():
    row = only("Накануне вечером ВСУ атаковали Белгородскую область не менее чем 40 дронами. Ранены шесть человек.", lang="ru")
    assert values(row, "drones", "injured") == (None, 6)


def test_a_region_named_by_its_chief_town_alone_is_that_town_too():
    row = only("Russian drones hit Chernihiv and Lviv overnight, and debris fell in the Sumy region.")
    assert (row["regions"], [s.split(" (")[0] for s in row["settlements"]]) == (["UA-46", "UA-59", "UA-74"], ["Chernihiv", "Lviv"])


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        ("Вночі ворог атакував Харківщину дронами. Постраждали двоє людей, їм надано допомогу.", "uk", "injured", 2),
        ("Ночью ВСУ атаковали Белгород дронами. Ранены два человека, им оказана медицинская помощь.", "ru", "injured", 2),
        ("Overnight, Russian drones hit Kharkiv. Two people were injured and received medical assistance.", "en", "injured", 2),
        ("Вночі Росія атакувала Дніпро ракетами, поранено сімнадцятеро людей.", "uk", "injured", 17),
        ("Overnight, Russia attacked the Nikopol district with drones, killing two men aged 45 and 61.", "en", "killed", 2),
    ],
)
def test_medical_help_is_no_aid_collective_numerals_are_read_and_ages_are_no_count(text, lang, field, value):
    row = only(text, lang=lang)
    assert (row[field], row["drones"]) == (value, None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("У ніч на 5 листопада противник атакував 100 ударними БпЛА з Курської обл. і ТОТ Криму. Збито 80 БпЛА.", "uk"),
        ("В ночь на 5 ноября противник атаковал 100 ударными БпЛА из Курской обл. и оккупированного Крыма. Сбито 80 БпЛА.", "ru"),
    ],
)
def test_a_launch_site_after_an_abbreviated_oblast_is_a_launch_site(text, lang):
    row = only(text, published="2025-11-05", lang=lang)
    assert (row["attacker"], row["regions"], *values(row, "drones", "drones_destroyed")) == ("RU", [], 100, 80)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ночью Россия выпустила по Украине 97 ударных дронов и баллистическую ракету Искандер-М.", "ru"),
        ("Вночі Росія випустила по Україні 97 ударних дронів і балістичну ракету Іскандер-М.", "uk"),
        ("Overnight Russia launched 97 drones and a ballistic missile at Ukraine.", "en"),
    ],
)
def test_drones_and_one_missile_are_no_mixed_count(text, lang):
    assert values(only(text, lang=lang), "drones", "ballistic_missiles") == (97, 1)


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Russia attacked overnight, with Kyiv, Kyiv Oblast and Zaporizhzhia Oblast among the hardest hit.", ["UA-23", "UA-30", "UA-32"]),
        ("Russian drones hit the Kharkiv, Sumy and Poltava regions overnight.", ["UA-53", "UA-59", "UA-63"]),
        ("The drones were brought down over the Chernihiv and Sumy regions overnight, the air force said.", ["UA-59", "UA-74"]),
        ("The heaviest blows fell on the Zhytomyr and Rivne regions overnight.", ["UA-18", "UA-56"]),
        ("The worst destruction was reported in Lviv after the overnight attack.", ["UA-46"]),
    ],
)
def test_regions_of_lists_and_of_more_phrases_of_hitting(text, regions):
    assert only(text)["regions"] == regions


def test_destruction_names_a_place_hit_in_russian_and_ukrainian():
    assert only("Ночью Россия атаковала Украину ракетами. Наибольшие разрушения — во Львове и Мукачево.", lang="ru")["regions"] == ["UA-21", "UA-46"]
    assert only("Вночі Росія атакувала Україну ракетами. Руйнування у Львові.", lang="uk")["regions"] == ["UA-46"]


def test_the_date_a_report_was_filed_on_is_no_time_cue():
    """A report with no time cue of its own is dated by its publication; its dateline is no cue."""
    for text in ("MOSCOW, August 24. /TASS/. Russian air defenses destroyed 16 Ukrainian drones over the Rostov Region, the ministry said.",
                 "Russian air defenses destroyed 16 Ukrainian drones over the Rostov Region, the ministry said."):
        row = only(text, published="2025-08-24")
        assert (row["attack_date"].date(), row["regions"]) == (date(2025, 8, 24), ["RU-ROS"])


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Вночі ворог атакував Ізюмський район дронами, пошкоджено будинки.", ["UA-63"]),
        ("Вночі ворог атакував Богодухівський район, пошкоджено будинки.", ["UA-63"]),
        ("Вночі ворог атакував Синельниківський та Нікопольський райони, повідомив голова ОВА.", ["UA-12"]),
    ],
)
def test_a_district_named_after_its_town_is_in_the_towns_region(text, regions):
    row = only(text, published="2025-11-05", lang="uk")
    assert (row["regions"], row["settlements"]) == (regions, [])


def test_a_window_that_retells_the_counts_of_the_day_is_the_same_wave():
    rows = observe("Russian air defences destroyed 16 Ukrainian drones over the Rostov Region over the past three hours, the ministry "
                   "said. \"Between 08:00 and 11:00 Moscow time, air defences destroyed 16 Ukrainian drones over the Rostov Region,\" it said.",
                   published="2025-08-24")
    assert [(r["attack_date"].date(), r["drones_destroyed"], r["regions"]) for r in rows] == [(date(2025, 8, 24), 16, ["RU-ROS"])]
    rows = observe("Between 08:00 and 11:00 Moscow time, air defences destroyed 16 Ukrainian drones over the Rostov Region. Between 11:00 "
                   "and 14:00, they destroyed 9 Ukrainian drones over the Belgorod Region.", published="2025-08-24")
    assert sorted(r["drones_destroyed"] for r in rows) == [9, 16]


def test_all_with_a_number_is_a_count_not_all_that_was_launched():
    row = only("Вночі Росія випустила 15 крилатих ракет Калібр і Х-101, 4 ракети Кинджал та 220 дронів. "
               "Сили ППО знищили всі 15 крилатих ракет та 190 дронів.", published="2026-08-25", lang="uk")
    assert values(row, "cruise_missiles", "ballistic_missiles", "drones", "missiles_destroyed", "drones_destroyed") == (15, 4, 220, 15, 190)


def test_a_production_plan_and_a_capital_speaking_for_its_government_are_no_wave():
    row = only("Вночі противник запустив по Україні 112 ударних дронів. Україна цього року планує виробити 30 тисяч дронів.",
               published="2026-06-02", lang="uk")
    assert row["drones"] == 112
    assert observe("ТАСС напоминает, что Киев продолжает атаки на гражданскую инфраструктуру.", lang="ru") == []
    row = only("Ночью Россия атаковала Житомирскую область дронами. Киев ожидает решения США о поставках ракет.", lang="ru")
    assert row["regions"] == ["UA-18"]


@pytest.mark.parametrize(
    ("text", "lang", "regions"),
    [
        ("Overnight, Russia launched 120 drones at the Kharkiv region as well as the capital, the air force said.", "en", ["UA-30", "UA-63"]),
        ("Вночі ворог атакував Україну 90 дронами. Найбільше постраждала столиця: пошкоджено житловий будинок.", "uk", ["UA-30"]),
        ("Ночью враг атаковал Харьков и столицу ударными дронами, повреждены дома.", "ru", ["UA-30", "UA-63"]),
        ("Russian drones hit a bus in Kherson, killing two. The city, on the right bank of the Dnipro, is shelled daily.", "en", ["UA-65"]),
        ("Ворог обстріляв Херсон, загинули двоє людей. Місто на правому березі Дніпра щодня під ударами.", "uk", ["UA-65"]),
        ("Russian forces struck Kharkiv with six S-300 missiles before dawn, hitting the city's Kyivskyi district.", "en", ["UA-63"]),
        ("Missiles hit Kharkiv's Kyivskyi and Saltivskyi districts overnight.", "en", ["UA-63"]),
        ("Увечері ворог ударив по Харкову, влучання зафіксували у Київському та Салтівському районах.", "uk", ["UA-63"]),
        ("Вечером враг ударил по Харькову, попадания зафиксированы в Киевском и Салтовском районах.", "ru", ["UA-63"]),
    ],
)
def test_the_capital_in_a_list_is_hit_and_rivers_or_city_districts_named_like_towns_are_not(text, lang, regions):
    assert only(text, published="2026-03-05", lang=lang)["regions"] == regions


@pytest.mark.parametrize(
    ("text", "lang", "region", "settlement"),
    [
        ("Drones struck Novomoskovsk in the Tula region overnight, the governor said.", "en", "RU-TUL", "Novomoskovsk"),
        ("Ночью беспилотники атаковали Новомосковск Тульской области, повреждено предприятие.", "ru", "RU-TUL", "Novomoskovsk"),
        ("Вночі ворог атакував Новомосковськ на Дніпропетровщині, пошкоджено будинки.", "uk", "UA-12", "Samar"),
    ],
)
def test_a_town_name_shared_by_two_regions_is_the_town_of_the_region_named_with_it(text, lang, region, settlement):
    row = only(text, published="2026-03-05", lang=lang)
    assert row["regions"] == [region]
    assert [s.split(" (")[0] for s in row["settlements"]] == [settlement]


def test_the_date_of_a_dateline_without_an_agency_is_when_the_report_was_filed():
    row = only("BELGOROD, Jan 8 - A Ukrainian drone attack on Wednesday killed one person in a village near the border, "
               "the governor said.", published="2026-01-08")
    assert (row["attack_date"].date(), row["killed"]) == (date(2026, 1, 7), 1)


def test_districts_listed_before_the_word_district_are_districts_not_towns():
    row = only("Унаслідок атаки пошкоджено приватні будинки у Броварському та Бориспільському районах.", published="2026-04-05", lang="uk")
    assert (row["regions"], row["settlements"]) == (["UA-32"], [])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("За дві останні ночі ворог випустив по Україні понад 800 дронів. У ніч на 27 вересня — 371 БпЛА та 12 ракет.", "uk"),
        ("За последние две ночи враг выпустил по Украине более 800 дронов. В ночь на 27 сентября — 371 БпЛА и 12 ракет.", "ru"),
    ],
)
def test_a_total_of_the_last_two_nights_is_no_part_of_the_wave(text, lang):
    assert values(only(text, published="2026-09-27", lang=lang), "drones", "missiles_total") == (371, 12)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Повітряні сили ЗСУ повідомили про 4 крилаті ракети «Калібр» та 113 дронів; збито 3 ракети і 97 БпЛА.", "uk"),
        ("The air force reported 4 Kalibr cruise missiles and 113 drones overnight; 3 missiles and 97 drones were shot down.", "en"),
    ],
)
def test_a_verb_after_a_semicolon_tells_nothing_of_the_counts_before_it(text, lang):
    row = only(text, published="2026-04-10", lang=lang)
    assert values(row, "cruise_missiles", "drones", "missiles_destroyed", "drones_destroyed") == (4, 113, 3, 97)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Українські дрони розвідки уразили дві РЛС комплексу С-400 у Криму.", "uk"),
        ("Ukrainian drones destroyed two radars of an S-400 system in Crimea, the navy said.", "en"),
    ],
)
def test_parts_of_a_weapon_system_counted_are_no_missiles(text, lang):
    assert [r["attacker"] for r in observe(text, published="2026-04-10", lang=lang)] == ["UA"]
    assert only("Росія атакувала 2 ракетами комплексу С-300 та 40 дронами Харків.", published="2026-04-10", lang="uk")["other_missiles"] == 2


def test_a_window_across_midnight_is_the_night_not_a_window_beside_it():
    text = ("Силы ПВО за ночь сбили 11 беспилотников, летевших на Москву, сообщил Собянин. Минобороны сообщило, что в период с 23:00 "
            "до 07:00 мск уничтожены 58 украинских беспилотников: 19 – над Московским регионом и 22 – над Тульской областью.")
    row = only(text, published="2026-05-10", lang="ru")
    assert (row["drones_destroyed"], row["regions"]) == (58, ["RU-MOS", "RU-MOW", "RU-TUL"])


def test_the_enemy_in_a_sentence_without_a_known_place_is_told_by_the_places_of_the_document():
    row = only("Белгородский район. В селе Стрелецкое вражеские дроны атаковали легковой автомобиль. Мужчина погиб на месте. "
               "В Шебекино после атаки беспилотников повреждена кровля частного дома.", published="2026-02-18", lang="ru")
    assert (row["attacker"], row["regions"], row["killed"]) == ("UA", ["RU-BEL"], 1)


def test_a_village_named_like_a_far_russian_region_is_no_russian_region():
    row = only("Ворог завдав ударів по Оріхову, Малій Токмачці та Приморському, пошкоджено будинки.", published="2026-05-06", lang="uk")
    assert (row["attacker"], row["regions"]) == ("RU", ["UA-23"])


def test_a_range_of_casualties_is_no_count_and_adds_no_drones():
    row = only("Russian forces struck Zaporizhzhia with nine drones on Tuesday morning, killing five people and injuring between 24 "
               "and 26 others, officials said.", published="2026-06-03")
    assert values(row, "drones", "killed", "injured") == (9, 5, None)


def test_all_but_n_of_the_drones_is_the_drones_launched_before_less_n():
    row = only("Overnight, Russia launched 88 drones and six missiles at Ukraine. All but five of the drones were brought down, the "
               "air force said.", published="2026-02-16")
    assert values(row, "drones", "missiles_total", "drones_destroyed") == (88, 6, 83)


@pytest.mark.parametrize(
    ("text", "lang", "published", "killed", "injured"),
    [
        ("Вночі Росія вдарила ракетами по Кременчуку. Кількість загиблих зросла до 9, поранених - до 41.", "uk", "2026-05-20", 9, 41),
        ("Ночью Россия ударила ракетами по Кременчугу. Число погибших выросло до 9, раненых - до 41.", "ru", "2026-05-20", 9, 41),
        ("Ночью беспилотники атаковали Белгород. Ранены 5 человек. Позже число пострадавших выросло до семи, один мужчина скончался в больнице.",
         "ru", "2026-05-06", 1, 7),
        ("Вночі ворог атакував Запоріжжя ракетами. Станом на 09:00 відомо про 24 поранених. Оновлено: кількість загиблих зросла до трьох. "
         "Поранених — 26.", "uk", "2026-05-06", 3, 26),
        ("Кількість загиблих внаслідок ракетного удару по Тернополю 27 лютого зросла до 19, повідомив голова ОВА.", "uk", "2026-02-28", 19, None),
        ("Число погибших в результате ракетного удара по Тернополю 27 февраля выросло до 19.", "ru", "2026-02-28", 19, None),
        ("Українські дрони атакували НПЗ у Саратові. Губернатор повідомив про загибель одного працівника.", "uk", "2026-02-28", 1, None),
        ("Беспилотник атаковал Белгород. Губернатор сообщил о гибели одного человека и ранении двоих.", "ru", "2026-02-28", 1, 2),
        ("Дрон ударил по автомобилю в Белгороде. Погиб мужчина, двое ранены.", "ru", "2026-02-28", 1, 2),
        ("Drones hit port infrastructure in the Mykolaiv region, injuring a port worker.", "en", "2026-02-28", None, 1),
    ],
)
def test_casualty_tolls_risen_updated_or_told_as_nouns(text, lang, published, killed, injured):
    """The comma after a figure is no thousands separator ("9, поранених" is no count of 9 injured); a word
    number after "a man," is people ("Погиб мужчина, двое ранены"), only a figure there is an age."""
    assert values(only(text, published=published, lang=lang), "killed", "injured") == (killed, injured)


def test_the_night_of_a_date_dates_the_sentences_after_it_apart_from_the_nights_wave():
    rows = observe("Between Sunday evening and Monday morning Russia sent 91 drones at Ukraine. The attack before that, on the night of "
                   "12 to 13 March, fell on the south. That time Russia used 137 drones, of which 110 were downed over the Odesa region.",
                   published="2026-03-16")
    by_day = {str(r["attack_date"].date()): values(r, "drones", "drones_destroyed") for r in rows}
    assert by_day == {"2026-03-16": (91, None), "2026-03-13": (137, 110)}


def test_a_place_named_before_the_clause_where_it_was_attacked_and_lost_power_was_hit():
    row = only("Russia sent 64 drones overnight.\nIn the Sumy region, a substation was attacked and several villages lost power.")
    assert list(row["regions"]) == ["UA-59"]


def test_a_clause_on_one_weapon_of_a_list_tells_nothing_of_the_others():
    row = only("Russia fired 31 missiles overnight. Among them were 12 Iskander-M missiles, a Kinzhal that struck the Kyiv region, "
               "14 Kh-101 missiles and four Kh-22 missiles.")
    assert values(row, "ballistic_missiles", "cruise_missiles", "other_missiles", "missiles_total") == (13, 14, 4, 31)


def test_a_part_told_after_its_count_is_no_addition_to_it():
    row = only("Russia's defence ministry said it downed 41 Ukrainian drones over Russia and the Sea of Azov overnight, "
               "17 of them over the Belgorod region.")
    assert values(row, "attacker", "drones_destroyed") == ("UA", 41)


def test_each_side_a_sentence_names_as_attacking_is_dated_by_it():
    rows = observe("KYIV (Reuters) - Ukraine struck a refinery in Russia overnight, while Russian drones hit the port of Izmail, "
                   "officials said on Tuesday.\nRussia's defence ministry said air defences destroyed 58 Ukrainian drones.\n"
                   "Russia launched 47 drones at Ukraine during the same night, the air force said. Three years ago, on 9 May 2023, "
                   "Russia said it downed 22 Ukrainian drones.", published="2026-05-12")
    by_side = {r["attacker"]: (str(r["attack_date"].date()), *values(r, "drones", "drones_destroyed"), sorted(r["regions"])) for r in rows}
    assert by_side["UA"][:3] == ("2026-05-12", None, 58) and "UA-51" not in by_side["UA"][3]
    assert by_side["RU"] == ("2026-05-12", 47, None, ["UA-51"])


def test_a_headline_in_the_present_names_the_side_that_strikes():
    rows = observe("Ukraine strikes Russian air defences in Crimea; Russia hits Kharkiv\nRussia launched 33 drones overnight, the air force said.")
    by_side = {r["attacker"]: sorted(r["regions"]) for r in rows}
    assert by_side["RU"] == ["UA-63"] and "UA-63" not in by_side.get("UA", [])


def test_a_night_between_two_clock_times_of_two_weekdays_is_one_wave():
    row = only("Russia's air defences shot down 64 Ukrainian drones between 9 p.m. on Friday and 6 a.m. on Saturday, "
               "the ministry said.", published="2026-05-09")
    assert (str(row["attack_date"].date()), row["drones_destroyed"]) == ("2026-05-09", 64)


def test_two_days_with_a_toll_between_them_are_two_waves_not_one_night():
    rows = observe("Russian strikes on Sumy killed three people on Saturday and wounded eight more overnight, officials said on Sunday. "
                   "Russia launched 70 drones overnight, the air force said.", published="2026-04-12")
    by_day = {str(r["attack_date"].date()): values(r, "killed", "injured", "drones") for r in rows}
    assert by_day == {"2026-04-11": (3, None, None), "2026-04-12": (None, 8, 70)}


def test_a_weekday_in_the_clause_after_a_day_after_dates_that_clause():
    rows = observe("Russia launched 120 drones at Ukraine overnight. The attack came a day after Ukrainian drones hit a refinery "
                   "in Ryazan on Sunday.", published="2026-04-14")
    assert {r["attacker"]: str(r["attack_date"].date()) for r in rows} == {"RU": "2026-04-14", "UA": "2026-04-12"}


def test_the_main_targets_of_a_wave_are_places_hit():
    row = only("Overnight the enemy attacked with 58 drones. The main targets were power plants in the Rivne and Volyn regions.")
    assert sorted(row["regions"]) == ["UA-07", "UA-56"]


def test_a_toll_across_the_country_of_one_side_belongs_to_the_wave_that_struck_it():
    rows = observe("Russia launched 80 drones and four missiles overnight.\nRussia's defence ministry said it shot down 52 Ukrainian "
                   "drones over the Bryansk region.\nIn all, seven people were injured across Ukraine, the interior ministry said.")
    assert {r["attacker"]: values(r, "injured")[0] for r in rows} == {"RU": 7, "UA": None}


def test_a_listed_line_with_its_count_after_a_dash_counts_its_weapon_and_the_list_adds_up():
    row = only("Overnight, the enemy attacked with 21 missiles and 160 drones. Launched:\nKh-101 cruise missiles – 9 (from the Caspian Sea);\n"
               "Kalibr cruise missiles – 6 (from the Black Sea);\nIskander-M ballistic missiles – 6 (from the Bryansk region);\n"
               "Shahed drones and decoys of various types – 160.")
    assert values(row, "cruise_missiles", "ballistic_missiles", "missiles_total", "drones") == (15, 6, 21, 160)


@pytest.mark.parametrize(
    ("text", "lang", "temperature"),
    [
        ("Russia sent 90 drones overnight, and Kharkiv woke up to minus eleven degrees Celsius.", "en", -11.0),
        ("Росія атакувала 40 дронами вночі, у Сумах було мінус чотирнадцять градусів.", "uk", -14.0),
        ("Россия атаковала 40 дронами ночью, в Сумах было восемь градусов мороза.", "ru", -8.0),
    ],
)
def test_a_temperature_in_words_is_read(text, lang, temperature):
    assert only(text, lang=lang)["temperature_c"] == temperature


def test_a_sentence_of_russian_weapons_over_a_russian_region_tells_no_ukrainian_attack():
    rows = observe("Russia fired 30 missiles and 350 drones overnight. The Kh-101s were launched from Tu-95 bombers that took off from "
                   "the Engels air base in Russia's Saratov region.\nAir defences shot down 320 drones and 25 missiles.")
    assert [(r["attacker"], values(r, "drones_destroyed")[0], list(r["regions"])) for r in rows] == [("RU", 320, [])]


def test_bombers_flying_over_a_region_launch_from_it():
    rows = observe("Russia launched 12 cruise missiles overnight. The missiles were fired by Tu-95 bombers flying over Russia's "
                   "Volgograd region. One of them hit Lviv.")
    assert [(r["attacker"], list(r["regions"])) for r in rows] == [("RU", ["UA-46"])]


def test_the_weekday_of_the_attack_dates_a_sentence_before_the_day_of_the_report():
    rows = observe("Rescuers on Thursday pulled a fifth body from the rubble, raising the death toll from Russia's overnight attack on Wednesday "
                   "to five.\nRussia launched 420 drones in the attack overnight into Wednesday.", published="2026-07-16")
    assert [(str(r["attack_date"].date()), values(r, "killed", "drones")) for r in rows] == [("2026-07-15", (5, 420))]


def test_a_weekday_dates_the_sentences_after_it_in_its_passage():
    rows = observe("Russia and Ukraine traded drone strikes again overnight into Thursday, officials said. In the early hours of "
                   "Wednesday, Russia launched 12 missiles at the south. Three people were killed in Mykolaiv when a missile hit "
                   "a shop.\nOvernight into Thursday, Russia sent 40 drones, the air force said.", published="2026-07-16")
    by_day = {str(r["attack_date"].date()): (values(r, "missiles_total", "drones", "killed"), list(r["regions"])) for r in rows}
    assert by_day == {"2026-07-15": ((12, None, 3), ["UA-48"]), "2026-07-16": ((None, 40, None), [])}


def test_regions_where_alerts_sounded_but_no_damage_was_reported_were_not_hit():
    row = only("Russia launched 70 drones overnight, hitting Kharkiv. Air raid alerts sounded across the Sumy and Poltava regions, "
               "though officials there reported no damage.")
    assert list(row["regions"]) == ["UA-63"]


def test_a_section_heading_ends_the_date_carried_from_the_section_before():
    rows = observe("Ukrainian drones hit a refinery in the Ryazan region overnight.\nEarlier attacks\nOn March 2, Russia's defence "
                   "ministry said it downed 31 drones over the Kursk region.\nAttacks on Ukraine\nRussia launched 55 drones at Ukraine "
                   "overnight, the air force said. Air defence downed 41 of them.", published="2026-03-05")
    russian = [r for r in rows if r["attacker"] == "RU"]
    assert [(str(r["attack_date"].date()), values(r, "drones", "drones_destroyed")) for r in russian] == [("2026-03-05", (55, 41))]


def test_a_window_from_evening_to_morning_in_twelve_hour_clock_is_the_night():
    rows = observe("Ukrainian drones attacked the Tver region overnight, officials said. Russia's defence ministry said it destroyed "
                   "61 Ukrainian drones between 9 p.m. and 6 a.m.", published="2026-03-05")
    assert [(r["attacker"], str(r["attack_date"].date()), values(r, "drones_destroyed")[0]) for r in rows] == [("UA", "2026-03-05", 61)]


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 60 drones overnight, the Kyiv Independent reported.",
        "Russia launched 60 drones overnight. Zelensky said Russia had launched more than 1,200 drones in a single week.",
    ],
)
def test_background_a_newspapers_city_and_a_weeks_total_add_no_wave_or_place(text):
    row = only(text)
    assert (row["attacker"], values(row, "drones")[0], list(row["regions"])) == ("RU", 60, [])


def test_a_strike_two_nights_after_another_dates_that_other_two_days_before():
    rows = observe("Russia launched 75 drones at Ukraine overnight. The attack came two nights after drones hit Odesa.", published="2026-03-05")
    assert sorted((str(r["attack_date"].date()), list(r["regions"])) for r in rows) == [("2026-03-03", ["UA-51"]), ("2026-03-05", [])]


def test_russian_prices_hitting_highs_in_a_past_half_year_name_no_russian_attack():
    rows = observe("On 2 March, Russia's defence ministry said it downed 31 drones over the Kursk region. Ukrainian strikes on "
                   "refineries grew in the second half of 2025, and Russian petrol prices hit record highs. Air defence downed 50 "
                   "of 60 Russian drones overnight. Debris fell on a house in Sumy.", published="2026-03-05")
    russian = [(str(r["attack_date"].date()), list(r["regions"])) for r in rows if r["attacker"] == "RU"]
    assert russian == [("2026-03-05", ["UA-59"])]


def test_of_them_after_a_sentence_without_counts_refers_to_the_count_before_it():
    row = only("Russia launched 140 drones overnight. The drones came from the directions of Kursk and Millerovo. "
               "Air defence units downed or suppressed 101 of them.")
    assert values(row, "drones", "drones_destroyed") == (140, 101)


def test_people_hospitalized_with_injuries_are_injured():
    row = only("Ukrainian drones struck a plant in the Ryazan region overnight. Three people were hospitalized with injuries, the governor said.")
    assert values(row, "attacker", "injured") == ("UA", 3)


def test_a_class_count_broken_down_by_model_is_not_added_to_its_parts():
    row = only("KYIV, March 3 (Reuters) - Russia fired 9 ballistic missiles at Kyiv early on Tuesday – five Iskander-M and four "
               "Kinzhal – the Kyiv City Military Administration said. Air defence intercepted seven of the 9.", published="2026-03-03")
    assert values(row, "ballistic_missiles", "missiles_destroyed") == (9, 7)


def test_a_class_count_beside_a_count_of_one_model_adds_up():
    row = only("Overnight Russia fired 10 ballistic missiles and 5 Kinzhal missiles at Ukraine.")
    assert values(row, "ballistic_missiles") == (15,)


def test_the_whole_of_n_of_the_m_without_a_noun_was_launched():
    row = only("Russia launched two Kh-101 cruise missiles at Odesa overnight. Air defence intercepted one of the two.")
    assert values(row, "cruise_missiles", "missiles_destroyed") == (2, 1)


def test_a_report_of_ground_fighting_is_no_wave():
    assert observe("A total of 150 combat engagements took place along the front line over the past day. Ukrainian units repelled "
                   "Russian assault groups near Pokrovsk, and fighting continues near Kostiantynivka in the Donetsk region.") == []


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Ukrainian drones attacked Kurchatov overnight. A 58-year-old man died of his wounds in hospital.", "killed"),
        ("Ukrainian drones attacked the Belgorod region overnight. A 64-year-old woman suffered shrapnel wounds.", "injured"),
    ],
)
def test_one_person_who_died_or_suffered_wounds(text, field):
    assert values(only(text), field) == (1,)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Минулої ночі росіяни атакували Київщину. Травмовано трьох людей, серед них підліток.", "uk"),
        ("Ночью ВСУ атаковали Белгород беспилотниками. Травмированы три человека.", "ru"),
    ],
)
def test_a_sentence_that_only_tells_injuries_is_read(text, lang):
    assert values(only(text, lang=lang), "injured") == (3,)
