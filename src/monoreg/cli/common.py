"""What every monoreg command shares: the app, error handling, store and region lookup."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup

from monoreg import __version__
from monoreg.cli import french
from monoreg.cli.completion import complete_region, complete_year
from monoreg.errors import InputError, UsageError

if TYPE_CHECKING:
    from monoreg.model import Catalog, Territory
    from monoreg.settings import Settings
    from monoreg.store.repository import Store


def out() -> Console:
    # Made per call, so that output goes to the streams of the moment (tests capture them).
    return Console()


def err() -> Console:
    return Console(stderr=True)


WORKFLOW = ("init", "load", "show", "export", "validate", "build", "release", "serve",
            "edition", "import", "diff", "ranking", "backup", "restore",
            "new", "status", "fill", "sheet", "apply")


class FrenchHelp:
    """Help option and usage line in French, for monoreg's commands and groups alike."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        french.install()  # Typer's help-page strings, loaded only when a page is shown
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = french.HELP_OPTION
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=french.USAGE_PREFIX)


class MonoregCommand(FrenchHelp, TyperCommand):
    """A monoreg command: Click's usage errors (a missing argument, an unknown option) in French."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        with _french_usage_errors():
            return super().make_context(info_name, args, parent=parent, **extra)


# What the running command opened (its store), closed when the command ends.
_resources: ContextVar[ExitStack] = ContextVar("monoreg_command_resources")


class MonoregGroup(FrenchHelp, TyperGroup):
    """Turns monoreg's errors into one line on stderr and an exit code (1: the data is wrong,
    2: wrong usage); anything else is a bug and keeps its traceback."""

    def get_params(self, ctx: Any) -> list[Any]:
        # Typer appends its completion options after building the group: name them here.
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.name in french.COMPLETION_HELP:
                param.help = french.COMPLETION_HELP[param.name]
            if param.name == "install_completion":
                param.callback = french.install_completion
        return params

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        with _french_usage_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def list_commands(self, ctx: Any) -> list[str]:
        # In the order of an editor's year; commands not named in WORKFLOW come after.
        names: list[str] = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(WORKFLOW)}
        return sorted(names, key=lambda name: rank.get(name, len(WORKFLOW)))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        with _french_usage_errors():
            return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            with ExitStack() as resources:
                token = _resources.set(resources)
                try:
                    return super().invoke(ctx)
                finally:
                    _resources.reset(token)
        except InputError as error:
            typer.echo(f"Erreur : {error}", err=True)
            raise typer.Exit(1) from None
        except UsageError as error:
            typer.echo(f"Erreur : {error}", err=True)
            raise typer.Exit(2) from None


@contextmanager
def _french_usage_errors() -> Iterator[None]:
    try:
        yield
    except ClickUsageError as error:
        french.install()  # the error panel's title and hint
        if type(error).__name__ == "NoArgsIsHelpError":
            raise
        message = french.usage_error(error.format_message())
        raise ClickUsageError(message, ctx=error.ctx) from None


class MonoregTyper(typer.Typer):
    """A Typer app whose commands are MonoregCommand unless told otherwise."""

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or MonoregCommand, **kwargs)


def examples(*lines: str) -> str:
    """The epilog of a command's help: one example command per line."""
    return "**Exemples :**\n\n" + "\n".join(f"- `{line}`" for line in lines)


def make_app(help_text: str, *, completion: bool = False, epilog: str | None = None
             ) -> typer.Typer:
    return MonoregTyper(cls=MonoregGroup, help=help_text, epilog=epilog, no_args_is_help=True,
                        pretty_exceptions_enable=False, add_completion=completion,
                        rich_markup_mode="markdown", options_metavar=french.OPTIONS_METAVAR,
                        subcommand_metavar=french.SUBCOMMAND_METAVAR)


app = make_app("monoreg — monographies régionales sur la formation professionnelle, "
               "l'apprentissage et l'emploi : charger les données, vérifier, publier.",
               completion=True,
               epilog=examples("monoreg load", "monoreg validate normandie --edition 2020",
                               "monoreg build normandie --edition 2020 --proof",
                               "monoreg validate --help"))


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"monoreg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Affiche la version de monoreg et s'arrête.")] = False) -> None:
    pass


def open_store(settings: Settings | None = None) -> Store:
    """The store, closed when the running command ends, however it ends (MonoregGroup
    closes it), so that no command leaves a connection or a SQLite lock behind."""
    # Imported here, not above: see cli/__init__.py (completion stays fast).
    from monoreg.settings import get_settings
    from monoreg.store.repository import Store

    settings = settings or get_settings()
    resources = _resources.get(None)
    if resources is None:
        raise RuntimeError("open_store() is for commands; elsewhere use 'with Store.open(url)'")
    return resources.enter_context(Store.open(settings.resolved_database_url()))


def resolve_region(catalog: Catalog, text: str) -> Territory:
    region = catalog.region(text)
    if region is None:
        if not catalog.territories.territories:
            raise UsageError(STORE_EMPTY)
        names = ", ".join(r.slug for r in catalog.territories.regions)
        raise UsageError(f"région inconnue « {text} » : donnez un code Insee, un nom ou l'un "
                         f"de : {names}")
    return region


def resolve_edition_year(store: Store, region: Territory, year: int | None) -> int:
    return year if year is not None else store.latest_edition_year(region.code)


def where(location: str | None) -> str:
    """'…/observations.csv, ligne 17' (locations are stored with the English 'line')."""
    return location.replace(", line ", ", ligne ") if location else ""


def check_format(value: str, formats: tuple[str, ...] | list[str]) -> str:
    if value not in formats:
        raise UsageError(f"--format : {' | '.join(formats)} (« {value} » n'en est pas un)")
    return value


STORE_EMPTY = "la base est vide : lancez d'abord « monoreg load »"
REGION_HELP = "Région : code Insee (28), nom (Normandie) ou identifiant (normandie)."

RegionArgument = Annotated[str, typer.Argument(
    metavar="RÉGION", help=REGION_HELP, autocompletion=complete_region, show_default=False)]
YearArgument = Annotated[int, typer.Argument(
    metavar="ANNÉE", help="Année de publication de l'édition (2020).",
    autocompletion=complete_year, show_default=False)]
EditionOption = Annotated[int | None, typer.Option(
    "--edition", metavar="ANNÉE", autocompletion=complete_year,
    help="Année de publication de l'édition (défaut : la plus récente).")]
OutFileOption = Annotated[Path | None, typer.Option(
    "--out", metavar="FICHIER", help="Fichier à écrire (défaut : la sortie standard).")]


TextOrJsonOption = Annotated[str, typer.Option(
    "--format", metavar="FORMAT", help="text (tableaux, par défaut) ou json.")]
