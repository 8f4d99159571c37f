"""French full-text search on both backends, over the SYNTHETIC data folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from monoreg.errors import UsageError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.loading import load
from monoreg.model import Text, TextType
from monoreg.store.db import alembic_config
from monoreg.store.repository import Store
from monoreg.store.search import Part, SearchIndex, SearchQuery, highlight, stems


@pytest.fixture
def index(store: Store, data_dir: Path) -> SearchIndex:
    load(store, data_dir)
    return SearchIndex(store.engine)


def _titles(index: SearchIndex, **query: object) -> list[str]:
    results = index.search(SearchQuery(**query))  # type: ignore[arg-type]
    return ["".join(p.text for p in hit.title) for hit in results.hits]


def test_stems_fold_case_accents_and_plurals() -> None:
    assert stems("Formations") == stems("formation")
    assert stems("RÉGIONALE") == stems("régionale")
    assert stems("de la formation") == stems("formation")  # function words are dropped


def test_a_plural_query_finds_the_singular_and_accents_do_not_matter(index: SearchIndex
                                                                     ) -> None:
    # The synthetic text says "synthétique sur les formations" (indicators and sections,
    # searched too, are left out by the type filter here).
    assert _titles(index, text="formation", type="pric") == ["Pacte synthétique"]
    assert _titles(index, text="SYNTHETIQUES formations", type="pric") == ["Pacte synthétique"]
    assert _titles(index, text="apprentissage", type="pric") == []


def test_contacts_and_directory_are_searchable(index: SearchIndex) -> None:
    assert _titles(index, text="Jean") == ["Conseil régional (synthétique)"]
    results = index.search(SearchQuery(text="carif", type="annuaire"))  # not the section
    assert [(h.kind, h.type, h.region) for h in results.hits] == [
        ("directory", "annuaire", "28")]


def test_filters_by_region_type_and_year(index: SearchIndex) -> None:
    assert _titles(index, text="formations", type="pric", year=2029, region="28") == [
        "Pacte synthétique"]
    assert _titles(index, text="formations", type="cper") == []
    # The 2030 edition's sections are indexed with its year; no text of that year.
    assert _titles(index, text="formations", year=2030, type="pric") == []
    assert _titles(index, text="formations", region="53") == []
    facets = index.facets()
    assert "pric" in facets.types and "annuaire" in facets.types
    assert facets.regions == ("28",)


def test_snippets_flag_the_matching_words(index: SearchIndex) -> None:
    hit = index.search(SearchQuery(text="formation", type="pric")).hits[0]
    assert [p.text for p in hit.snippet if p.match] == ["formations"]
    assert "".join(p.text for p in hit.snippet).startswith("Un texte synthétique")


def test_a_query_without_words_is_a_usage_error(index: SearchIndex) -> None:
    with pytest.raises(UsageError):
        index.search(SearchQuery(text=" !! de la "))


def test_pagination_and_total(index: SearchIndex) -> None:
    everything = index.search(SearchQuery(text="synthetique"))
    # the text, the contact, the directory entry, and indicators labelled SYNTHÉTIQUE
    assert {"text", "contact", "directory", "indicator"} <= {h.kind for h in everything.hits}
    assert everything.total == len(everything.hits)
    second = index.search(SearchQuery(text="synthetique", limit=1, offset=1))
    assert second.total == everything.total and second.hits == everything.hits[1:2]


def test_reload_rebuilds_instead_of_adding(store: Store, index: SearchIndex,
                                           data_dir: Path) -> None:
    before = index.count()
    load(store, data_dir)
    assert index.count() == before > 0


def test_highlight_window_cuts_long_text_around_the_first_match() -> None:
    words = " ".join(f"mot{n}" for n in range(100)) + " formation " + "fin " * 50
    parts = highlight(words, frozenset(stems("formation")), window=10)
    assert parts[0] == Part("… ") and parts[-1] == Part(" …")
    assert [p.text for p in parts if p.match] == ["formation"]
    assert len("".join(p.text for p in parts).split()) <= 12


def test_indicators_and_sections_are_searchable(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="taux chomage", type="indicateur"))
    assert results.hits and all(h.kind == "indicator" and h.region is None
                                for h in results.hits)
    sections = index.search(SearchQuery(text="apprentissage", type="section"))
    assert [(h.kind, h.region) for h in sections.hits] == [("section", "28")]


def _with_texts(store: Store, data_dir: Path, *texts: Text) -> SearchIndex:
    """The synthetic data folder, its editions' texts replaced by `texts` (SYNTHETIC)."""
    dataset = load_data_dir(data_dir)
    first = replace(dataset.editions[0], texts=texts)
    store.load_dataset(replace(dataset, editions=(first,)))
    return SearchIndex(store.engine)


def test_a_word_in_the_title_ranks_before_the_same_word_in_a_body(store: Store,
                                                                 data_dir: Path) -> None:
    body_only = Text(TextType.PRIC, "Texte synthétique A",
                     "Un paragraphe synthétique qui cite la mobilité une fois.")
    in_title = Text(TextType.PRIC, "Mobilité synthétique", "Un paragraphe synthétique.")
    twice = Text(TextType.PRIC, "Texte synthétique B",
                 "La mobilité, encore la mobilité, toujours la mobilité.")
    index = _with_texts(store, data_dir, body_only, in_title, twice)
    assert _titles(index, text="mobilite", type="pric") == [
        "Mobilité synthétique", "Texte synthétique B", "Texte synthétique A"]
    # Every word must be found: the second word leaves out the texts without it.
    assert _titles(index, text="mobilité encore", type="pric") == ["Texte synthétique B"]
    assert index.search(SearchQuery(text="mobilité absentissime")).total == 0


@pytest.mark.postgres
def test_postgres_index_survives_a_downgrade_and_upgrade(postgres_url: str, data_dir: Path
                                                         ) -> None:
    """Migration 0013 fills its table from the documents already indexed (no reload)."""
    store = Store.open(postgres_url)
    load(store, data_dir)
    index = SearchIndex(store.engine)
    before = index.search(SearchQuery(text="synthetique"))
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0008")
        assert "search_terms" not in inspect(conn).get_table_names()
        command.upgrade(alembic_config(conn), "head")
    assert index.search(SearchQuery(text="synthetique")) == before and before.total > 3
    store.close()
