"""Stage 2, transforms: each enriches the model with one job, in this order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Corpus

Transform = Callable[[Corpus, Path], None]

TRANSFORMS: list[Transform] = []
