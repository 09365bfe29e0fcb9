"""Stage 2, transforms: each enriches the model with one job, in this order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Corpus
from .errata import apply_errata
from .glossary import tag_terms
from .recommendations import extract_recommendations
from .references import resolve_references
from .translations import attach_translations

Transform = Callable[[Corpus, Path], None]

TRANSFORMS: list[Transform] = [
    apply_errata,  # first: every later transform sees the corrected text
    resolve_references,
    tag_terms,
    attach_translations,
    extract_recommendations,  # after translations: the English addressee comes from the lead's translation
]
