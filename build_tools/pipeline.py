"""The whole model pipeline in one place: read, then each transform in order."""

from __future__ import annotations

from pathlib import Path

from .model import Corpus
from .read import read_corpus
from .transforms import TRANSFORMS


def load_corpus(source_dir: Path) -> Corpus:
    corpus = read_corpus(source_dir)
    for transform in TRANSFORMS:
        transform(corpus, source_dir)
    return corpus
