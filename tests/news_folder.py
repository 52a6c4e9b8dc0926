"""A folder of small generated news texts for the crash tests (nothing large committed)."""
from __future__ import annotations

from pathlib import Path


def write_news_folder(folder: Path, n: int) -> Path:
    """`n` short texts s00.txt, s01.txt, ... with actors, an event and a quote each."""
    folder.mkdir()
    for i in range(n):
        (folder / f"s{i:02d}.txt").write_text(
            f"Minister number {i} met the ambassador of France in Paris on Monday.\n\n"
            f"The government of Germany accused Russia of meddling in election {i}, officials said. "
            f"\"This is unacceptable,\" the spokesman number {i} said.\n" * 3, "utf-8")
    return folder
