"""The whole model pipeline in one place: read, then each transform in order."""

from __future__ import annotations

from pathlib import Path

from .model import Corpus
from .read import read_corpus
from .transforms import TRANSFORMS
from .transforms.errata import apply_errata


def load_corpus(source_dir: Path) -> Corpus:
    corpus = read_corpus(source_dir)
    for transform in TRANSFORMS:
        transform(corpus, source_dir)
    return corpus


def read_corrected(source_dir: Path) -> Corpus:
    """The corpus as read with its editorial corrections made: the Chinese text that
    translations are made from (``i18n-update``, ``i18n-status``)."""
    corpus = read_corpus(source_dir)
    apply_errata(corpus, source_dir)
    return corpus
