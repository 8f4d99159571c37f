"""One module per family of rules; importing this package registers them all."""

import importlib
import pkgutil

# Every module of this package is a family of rules: a new module registers by being here.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
