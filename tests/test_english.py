"""The shared English detector: French passes, English fails, contract ids are not prose."""

import pytest
from english import assert_french, english_words


def test_french_help_text_passes() -> None:
    text = (
        "Utilisation : monoreg validate [OPTIONS] RÉGION\n"
        "Vérifie chaque chiffre de l'édition et affiche les constats, avec leur source.\n"
        "Un chiffre « Non renseigné » reste manquant ; la table, le message, les options et "
        "les arguments sont en français, or son usage est clair : plus de 3 pages, à 80 colonnes."
    )
    assert english_words(text) == []


def test_english_sentence_fails() -> None:
    # « show » is a command name, but « Show » opening a sentence is prose
    assert english_words("Show this message and exit.") == ["Show", "this", "and", "exit"]


def test_english_mixed_into_french_is_found() -> None:
    found = english_words("Année de publication (default: the last edition).")
    assert found == ["default", "the", "last"]
    assert english_words("Publication year.") == ["year"]
    assert english_words("Findings of every validation rule") == ["Findings", "of", "every", "rule"]


def test_click_labels_with_english_typography_are_found() -> None:
    assert english_words("Usage: monoreg show") == ["Usage:"]
    assert english_words("Utilisation : monoreg show") == []


def test_contract_ids_are_allowed() -> None:
    text = (
        "Exemple : monoreg edition status normandie 2020 --format json --out rapport.html ; "
        "monoreg build --proof ; voir `to_update`, data/editions/normandie/2020/figures.csv, "
        "https://www.example.org/the/help et data/, REGION, YEAR, FILE, DIR, to_update, "
        "le fichier monoreg-export.xlsx ou data.gouv.fr"
    )
    assert english_words(text) == []


def test_caller_ids_are_allowed_only_as_whole_tokens() -> None:
    text = "Règle growth-consistency : le taux d'évolution imprimé diffère du recalculé."
    assert english_words(text) == ["growth", "consistency"]
    assert english_words(text, allowed={"growth-consistency"}) == []


def test_contractions_and_capitals_are_found() -> None:
    assert english_words("Don't use THIS value") == ["Don't", "use", "THIS", "value"]


def test_assert_french_names_the_word_and_its_line() -> None:
    assert_french("Tout est en français.")
    with pytest.raises(AssertionError, match="« exit » dans : Show this message and exit"):
        assert_french("Bonjour\nShow this message and exit", where="--help")
