"""Raw bytes -> numbered lines, refusing what is not a readable UTF-8 text.

Layout accidents are normalised here and nowhere else: a UTF-8 BOM, CRLF or CR
line endings. Anything else wrong with the bytes stops with ``path:line: …``.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import InputError, SourceLocation

# A report is some 50 KB; anything far larger is not a report (and must not hang us).
MAX_SOURCE_BYTES = 4 * 1024 * 1024


def read_lines(path: Path, display: str) -> list[str]:
    """Return the lines of ``path`` (without line ends); line ``n`` is index ``n - 1``."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise InputError(
            SourceLocation(display, 1),
            f"file is {size:,} bytes, more than the {MAX_SOURCE_BYTES:,} a report may have",
        )
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError(SourceLocation(display, 1), "file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(SourceLocation(display, line), "binary data (NUL byte): not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(SourceLocation(display, line), _not_utf8_message(data, exc)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _not_utf8_message(data: bytes, exc: UnicodeDecodeError) -> str:
    bad = data[exc.start : exc.start + 4].hex(" ")
    if exc.end >= len(data) and exc.reason == "unexpected end of data":
        # The last character is cut off: a copy or download that stopped early.
        return f"file ends inside a UTF-8 character (bytes {bad}): truncated?"
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        return f"not UTF-8 (undecodable bytes {bad}); save the file as UTF-8"
    han = sum(1 for ch in decoded if "\u4e00" <= ch <= "\u9fff")
    if han > len(decoded) // 10:
        return (
            f"not UTF-8: the bytes ({bad} …) look like GB18030/GBK Chinese; "
            "convert with `iconv -f GB18030 -t UTF-8`"
        )
    return f"not UTF-8 (undecodable bytes {bad}); save the file as UTF-8"
