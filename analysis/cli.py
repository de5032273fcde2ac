"""Command line: `python -m analysis themes|redact|triage` (a stable interface other tools call)."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Sequence
from typing import TextIO

csv.field_size_limit(10_000_000)


class CliError(Exception):
    """A problem with the user's input, reported as one line on stderr."""


def _progress(start: float) -> callable:
    def say(message: str) -> None:
        print(f"[{time.monotonic() - start:6.1f}s] {message}", file=sys.stderr, flush=True)
    return say


def _read_rows(path: str, column: str) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            if column not in fields:
                shown = ", ".join(fields) if fields else "none (the file is empty)"
                raise CliError(f"column {column!r} not found in {path}; columns are: {shown}")
            return fields, list(reader)
    except FileNotFoundError as error:
        raise CliError(f"input file not found: {path}") from error
    except IsADirectoryError as error:
        raise CliError(f"input is a directory, not a CSV file: {path}") from error
    except UnicodeDecodeError as error:
        raise CliError(f"{path} is not UTF-8 text: {error.reason} at byte {error.start}") from error
    except csv.Error as error:
        raise CliError(f"{path} is not a valid CSV file: {error}") from error


def _write_rows(path: str, fields: list[str], rows: list[dict[str, str]]) -> None:
    out_fields = fields + [f for f in ("theme_id", "theme_label") if f not in fields]
    try:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, out_fields, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror}") from error


def _read_codebook(path: str) -> list:
    """The codebook CSV (theme name, example phrase), or a CliError saying what is wrong with it."""
    from analysis.themes.codebook import CodebookError, read_codebook

    try:
        return read_codebook(path)
    except FileNotFoundError as error:
        raise CliError(f"codebook file not found: {path}") from error
    except IsADirectoryError as error:
        raise CliError(f"codebook is a directory, not a CSV file: {path}") from error
    except UnicodeDecodeError as error:
        raise CliError(f"{path} is not UTF-8 text: {error.reason} at byte {error.start}") from error
    except CodebookError as error:
        raise CliError(f"codebook {path}: {error}") from error


def run_themes(args: argparse.Namespace) -> int:
    """Add theme_id and theme_label to every row of a CSV file."""
    if args.k is not None and args.k < 1:
        raise CliError("--k must be at least 1")
    folder = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(folder):
        raise CliError(f"cannot write {args.output}: folder {folder} does not exist")
    say = _progress(time.monotonic())
    say(f"reading {args.input}")
    fields, rows = _read_rows(args.input, args.text_column)
    codebook = _read_codebook(args.codebook) if args.codebook else ()
    from analysis.pipeline import run_pipeline  # heavy (scikit-learn): only once the input is known good

    texts = [row.get(args.text_column) or "" for row in rows]
    result = run_pipeline(texts, k=args.k, progress=say, codebook=codebook)
    labels = {t.id: t.label for t in result.themes}
    for row, comment in zip(rows, result.comments, strict=True):
        row["theme_id"] = comment.theme_id or ""
        row["theme_label"] = labels.get(comment.theme_id, "") if comment.theme_id else ""
    _write_rows(args.output, fields, rows)
    say(f"wrote {len(rows)} rows and {len(result.themes)} themes to {args.output}")
    for theme in sorted(result.themes, key=lambda t: -t.size):
        print(f"  {theme.size:7d}  {theme.id}  {theme.label}", file=sys.stderr)
    return 0


def _lines(stream: TextIO) -> list[str]:
    return [line.rstrip("\r\n") for line in stream]


def run_redact(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """One redacted line out per line in."""
    from analysis.redaction import redact

    names, schools = args.known_name or [], args.known_school or []
    for line in _lines(stdin):
        stdout.write(redact(line, names, schools).text.replace("\n", " ") + "\n")
    return 0


def run_triage(stdin: TextIO, stdout: TextIO) -> int:
    """`1<TAB>reason` or `0<TAB>` per line in."""
    from analysis.triage import triage

    for line in _lines(stdin):
        result = triage(line)
        stdout.write(f"1\t{result.reason}\n" if result.flagged else "0\t\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description="yousaid text analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    themes = sub.add_parser("themes", help="discover themes in a CSV file's text column")
    themes.add_argument("input", help="CSV file with a header row")
    themes.add_argument("--text-column", required=True, help="name of the column holding the comments")
    themes.add_argument("--k", type=int, default=None,
                        help="number of themes (default: chosen from the data)")
    themes.add_argument("--output", required=True, help="CSV file to write")
    themes.add_argument("--codebook", default=None, metavar="FILE",
                        help="CSV of theme name and example phrase: expected themes to start from (default: none)")
    redact = sub.add_parser("redact", help="redact personal data: one text per line on stdin")
    redact.add_argument("--known-name", action="append", help="a name to always redact (repeatable)")
    redact.add_argument("--known-school", action="append", help="a school to always redact (repeatable)")
    sub.add_parser("triage", help="flag safeguarding concerns: one text per line on stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 bad input, 2 bad usage)."""
    args = build_parser().parse_args(argv)
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args.command == "themes":
            return run_themes(args)
        if args.command == "redact":
            return run_redact(args, sys.stdin, sys.stdout)
        return run_triage(sys.stdin, sys.stdout)
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback for users; the message says what failed
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
