"""Typer's own words in French: help option, usage line, panel titles, types, usage errors.

Typer (and the Click it bundles) writes these in English and ships no message catalogue for
them; monoreg speaks French whatever the terminal's locale. So the few strings that reach users
are given here once, through the hooks Typer exposes: the command and group classes
(cli/common.py), the help-panel strings of `typer.rich_utils`, and a rewrite of the usage errors
Click raises before a command runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from typer.core import TyperArgument, TyperOption

HELP_OPTION = "Affiche cette aide et s'arrête."
USAGE_PREFIX = "Utilisation : "
OPTIONS_METAVAR = "[OPTIONS]"
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]…"
COMMANDS_PANEL = "Commandes"
COMPLETION_HELP = {
    "install_completion": "Installe la complétion des commandes pour le shell utilisé.",
    "show_completion": "Affiche le script de complétion du shell utilisé, pour le copier ou "
    "l'adapter.",
}

# Panel titles and notes of Typer's rich help (module-level settings read at each help page).
RICH_STRINGS = {
    "DEPRECATED_STRING": "(obsolète) ",
    "DEFAULT_STRING": "[défaut : {}]",
    "ENVVAR_STRING": "[variable d'environnement : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": COMMANDS_PANEL,
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "RICH_HELP": "Aide : [blue]{command_path} {help_option}[/]",
}

# Python type names Typer prints beside a parameter, as a French reader names them.
TYPE_LABELS = {
    "str": "texte",
    "int": "entier",
    "float": "nombre",
    "Path": "chemin",
    "path": "chemin",
    "bool": "",
    "list[str]": "texte…",
    "list[int]": "entier…",
    "list[Path]": "chemin…",
}

# Click's usage errors, English pattern → French (names and values kept as typed).
USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), french)
    for pattern, french in (
        (r"^Missing argument '?([^'.]*)'?\.$", r"argument \1 manquant."),
        (r"^Missing option '?([^'.]*)'?\.$", r"option \1 manquante."),
        (r"^Missing (?:parameter|argument|option)(?:: (.*))?\.?$", r"paramètre \1 manquant."),
        (r"^No such option: (\S+)(?: \(Possible options: (.*)\))?$", r"option inconnue : \1"),
        (r"^No such command '(.*)'\.$", r"commande inconnue : « \1 »."),
        (r"^Missing command\.$", "commande manquante."),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", r"argument(s) en trop : \1"),
        (r"^Option '(.*)' requires an argument\.$", r"l'option \1 attend une valeur."),
        (r"^Option '(.*)' requires (\d+) arguments\.$", r"l'option \1 attend \2 valeurs."),
        (r"^Option '(.*)' does not take a value\.$", r"l'option \1 ne prend pas de valeur."),
        (
            r"^Invalid value for '?([^':]*)'?: '?(.*?)'? is not a valid integer\.$",
            r"valeur invalide pour \1 : « \2 » n'est pas un nombre entier.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: '?(.*?)'? is not a valid (?:float|number)\.$",
            r"valeur invalide pour \1 : « \2 » n'est pas un nombre.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: '?(.*?)'? is not in the range (.*)\.$",
            r"valeur invalide pour \1 : « \2 » hors de l'intervalle \3.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: '?(.*?)'? is not one of (.*)\.$",
            r"valeur invalide pour \1 : « \2 » n'est pas l'une de \3.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: (?:File|Path|Directory) '(.*)' does not exist\.$",
            r"valeur invalide pour \1 : « \2 » n'existe pas.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: Input should be a valid integer.*$",
            r"valeur invalide pour \1 : un nombre entier est attendu.",
        ),
        (
            r"^Invalid value for '?([^':]*)'?: Input should be a valid number.*$",
            r"valeur invalide pour \1 : un nombre est attendu.",
        ),
        (r"^Invalid value for '?([^':]*)'?: (.*)$", r"valeur invalide pour \1 : \2"),
    )
)


def install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """`--install-completion`: Typer's own installation, said in French."""
    import typer
    from typer.completion import install

    if not value or ctx.resilient_parsing:
        return value
    shell, path = install(shell=value) if isinstance(value, str) else install()
    typer.secho(f"Complétion {shell} installée dans {path}.", fg="green")
    typer.echo("Elle vaut pour les terminaux ouverts à partir de maintenant.")
    raise typer.Exit(0)


def usage_error(message: str) -> str:
    """Click's English usage message in French; a message already French is kept."""
    for pattern, french in USAGE_ERRORS:
        if pattern.match(message):
            text = pattern.sub(french, message).replace("  ", " ")
            return text[:1].upper() + text[1:]
    return message


def type_label(label: str | None) -> str | None:
    if label is None:
        return None
    bare = label.strip("<>")
    if bare not in TYPE_LABELS:
        return label
    french = TYPE_LABELS[bare]
    return f"<{french}>" if french and label.startswith("<") else french


def _french_type(method: Callable[[Any, Any], str | None]) -> Callable[[Any, Any], str | None]:
    def display(self: Any, ctx: Any) -> str | None:
        label = method(self, ctx)
        # An explicit metavar is already the author's French word; only type names change.
        if getattr(self, "metavar", None) is not None and isinstance(self, TyperOption):
            return label
        return type_label(label)

    display.french = True  # type: ignore[attr-defined]
    return display


def install() -> None:
    """Sets Typer's help-page strings to French (idempotent).

    Called when a help page or a usage error is shown, not at import: `typer.rich_utils`
    loads much of Rich, which Tab completion does without."""
    from typer import rich_utils

    for name, text in RICH_STRINGS.items():
        if not hasattr(rich_utils, name):
            raise RuntimeError(f"typer.rich_utils.{name} is gone: update monoreg.cli.french")
        setattr(rich_utils, name, text)
    for cls in (TyperArgument, TyperOption):
        if not getattr(cls.display_type_rich, "french", False):
            cls.display_type_rich = _french_type(cls.display_type_rich)  # type: ignore[method-assign,assignment]
