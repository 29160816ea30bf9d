"""Progress bars for long commands: shown on a terminal, silent when stderr is not one.

A scheduled run writes to a log file or a journal: there a redrawn bar is
noise, so nothing is printed at all. On a terminal, rich draws the bars on
stderr, so stdout stays the command's result (JSON lines, a path, a summary).

    with CommandProgress() as progress:
        for path in progress.track(files, "checking WARCs"):
            ...
        task = progress.task("extracting", total=None)   # unknown total: a counter
        progress.advance(task)

Any command (``backfill`` too) uses the same helper, so all look and behave alike.
"""

from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

T = TypeVar("T")


class CommandProgress:
    def __init__(self, console: Console | None = None, enabled: bool | None = None):
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self._bars = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              TimeElapsedColumn(), console=self.console, disable=not self.enabled)

    def __enter__(self) -> "CommandProgress":
        self._bars.start()
        return self

    def __exit__(self, *exc) -> None:
        self._bars.stop()

    def task(self, description: str, total: int | None = None) -> TaskID:
        return self._bars.add_task(description, total=total)

    def advance(self, task: TaskID, amount: int = 1) -> None:
        self._bars.advance(task, amount)

    def update(self, task: TaskID, **fields) -> None:
        """``completed=``, ``total=``, ``description=`` of a task."""
        self._bars.update(task, **fields)

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        task = self.task(description, total)
        for item in items:
            yield item
            self.advance(task)
