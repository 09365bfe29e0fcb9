"""Build tools of the R2P reports reference edition.

Pipeline, one direction (each stage its own module):

1. ``read``       raw ``source_texts/<slug>/zh.txt`` + ``meta.yaml`` -> ``model.Report``
2. ``transforms`` enrich the model (references, glossary, recommendations, errata)
3. ``render``     model -> Markdown pages per language (pure, no I/O)
4. ``site``       writes ``docs/``, runs MkDocs, swaps ``site/`` atomically
"""
