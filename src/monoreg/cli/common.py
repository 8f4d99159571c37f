"""What every monoreg command shares: the app, error handling, store and region lookup."""

from __future__ import annotations

from contextlib import ExitStack
from contextvars import ContextVar
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from monoreg import __version__
from monoreg.errors import InputError, UsageError
from monoreg.model import Catalog, Territory
from monoreg.settings import Settings, get_settings
from monoreg.store.repository import Store


def out() -> Console:
    # Made per call, so that output goes to the streams of the moment (tests capture them).
    return Console()


def err() -> Console:
    return Console(stderr=True)


# What the running command opened (its store), closed when the command ends.
_resources: ContextVar[ExitStack] = ContextVar("monoreg_command_resources")


class MonoregGroup(TyperGroup):
    """Turns monoreg's errors into one line on stderr and an exit code (1: the data is wrong,
    2: wrong usage); anything else is a bug and keeps its traceback."""

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


def make_app(help_text: str) -> typer.Typer:
    return typer.Typer(cls=MonoregGroup, help=help_text, no_args_is_help=True,
                       pretty_exceptions_enable=False, add_completion=False)


app = make_app("monoreg — monographies régionales formation, apprentissage, emploi.")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"monoreg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the version and exit.")] = False) -> None:
    pass


def open_store(settings: Settings | None = None) -> Store:
    """The store, closed when the running command ends, however it ends (MonoregGroup
    closes it), so that no command leaves a connection or a SQLite lock behind."""
    settings = settings or get_settings()
    resources = _resources.get(None)
    if resources is None:
        raise RuntimeError("open_store() is for commands; elsewhere use 'with Store.open(url)'")
    return resources.enter_context(Store.open(settings.resolved_database_url()))


def resolve_region(catalog: Catalog, text: str) -> Territory:
    region = catalog.region(text)
    if region is None:
        if not catalog.territories.territories:
            raise UsageError("the store is empty: run 'monoreg load' first")
        names = ", ".join(r.slug for r in catalog.territories.regions)
        raise UsageError(f"unknown region '{text}' (expected an INSEE code, a name or one of: "
                         f"{names})")
    return region


def resolve_edition_year(store: Store, region: Territory, year: int | None) -> int:
    return year if year is not None else store.latest_edition_year(region.code)




EditionOption = Annotated[int | None, typer.Option("--edition", help="Publication year.")]
