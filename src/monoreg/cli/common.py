"""What every monoreg command shares: the app, error handling, store and region lookup."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from typer._click import exceptions as click  # Typer's own copy of Click
from typer.core import TyperGroup

from monoreg.errors import InputError, UsageError
from monoreg.model import Catalog, Territory
from monoreg.settings import Settings, get_settings
from monoreg.store.repository import Store


def out() -> Console:
    # Made per call, so that output goes to the streams of the moment (tests capture them).
    return Console()


def err() -> Console:
    return Console(stderr=True)


class MonoregGroup(TyperGroup):
    """Turns monoreg's errors into one line on stderr and an exit code (1: the data is wrong,
    2: wrong usage); anything else is a bug and keeps its traceback."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """Click's usage errors (unknown option, missing argument, bad value) in French, as
        one line on stderr with exit 2, like monoreg's own."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.NoArgsIsHelpError as error:
            error.show()  # the help of the group called without a command
            sys.exit(error.exit_code)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "monoreg"
            typer.echo(f"Erreur : {usage_reason(error)} (voir « {where} --help »)", err=True)
            sys.exit(2)
        except click.Abort:
            typer.echo("Interrompu.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as error:
            typer.echo(f"Erreur : {error}", err=True)
            raise typer.Exit(1) from None
        except UsageError as error:
            typer.echo(f"Erreur : {error}", err=True)
            raise typer.Exit(2) from None


def _hint(error: click.UsageError) -> str:
    param = getattr(error, "param", None)
    if param is not None:
        if isinstance(param, typer.core.TyperOption):
            return " / ".join(param.opts)
        return (param.metavar or param.name or "").upper()
    return getattr(error, "param_hint", None) or ""


def usage_reason(error: click.UsageError) -> str:
    """A French sentence for what Click found wrong in a command line."""
    message = error.message
    if isinstance(error, click.NoSuchOption):
        guesses = sorted(error.possibilities or ())
        return f"option inconnue « {error.option_name} »" + (
            f" ; vouliez-vous dire {' ou '.join(guesses)} ?" if guesses else "")
    if isinstance(error, click.MissingParameter):
        kind = "l'option" if isinstance(error.param, typer.core.TyperOption) else "l'argument"
        return f"il manque {kind} {_hint(error)}"
    if isinstance(error, click.BadOptionUsage):
        if "requires" in message:
            return f"l'option {error.option_name} attend une valeur"
        if "does not take" in message:
            return f"l'option {error.option_name} ne prend pas de valeur"
        return f"usage incorrect de l'option {error.option_name}"
    if isinstance(error, click.BadParameter):
        if "integer" in message:
            return f"{_hint(error)} attend un nombre entier"
        if "number" in message or "float" in message:
            return f"{_hint(error)} attend un nombre"
        if "does not exist" in message:
            return f"{_hint(error)} : fichier ou dossier introuvable"
        if "bool" in message:
            return f"{_hint(error)} attend true ou false"
        return f"{_hint(error)} : valeur refusée"
    command = re.match(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", message)
    if command:
        guess = (f" ; vouliez-vous dire {command.group(2).replace(chr(39), '')} ?"
                 if command.group(2) else "")
        return f"commande inconnue « {command.group(1)} »{guess}"
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return f"argument(s) en trop : {extra.group(1)}"
    if "Missing command" in message:
        return "il manque la commande"
    return "ligne de commande incorrecte"


def make_app(help_text: str) -> typer.Typer:
    return typer.Typer(cls=MonoregGroup, help=help_text, no_args_is_help=True,
                       pretty_exceptions_enable=False, add_completion=False)


app = make_app("monoreg — monographies régionales formation, apprentissage, emploi.")


def open_store(settings: Settings | None = None) -> Store:
    settings = settings or get_settings()
    return Store.open(settings.resolved_database_url())


def resolve_region(catalog: Catalog, text: str) -> Territory:
    region = catalog.region(text)
    if region is None:
        if not catalog.territories.territories:
            raise UsageError("la base est vide : lancez d'abord « monoreg load »")
        names = ", ".join(r.slug for r in catalog.territories.regions)
        raise UsageError(f"région inconnue « {text} » (attendu : un code Insee, un nom ou "
                         f"l'un de : {names})")
    return region


def resolve_edition_year(store: Store, region: Territory, year: int | None) -> int:
    return year if year is not None else store.latest_edition_year(region.code)




EditionOption = Annotated[int | None, typer.Option("--edition", help="Publication year.")]
