"""A batch output directory: Parquet tables of Documents and errors, and what is finished.

Layout (on a local disk or any pyarrow filesystem, e.g. ``s3://bucket/archive.parquet``)::

    DIR/_batch.json                 what made it: input, pipeline (names, versions, options)
    DIR/documents/<part>-<seq>.parquet   one row per article (schema: marsad.scale.schema)
    DIR/errors/<part>-<seq>.parquet      one row per input that gave no Document
    DIR/_parts/<part>.json          written when every row of a part is stored: its files
                                    and counts; a re-run skips parts that have one
    DIR/_runs/<time>.json           one report per run (speed, workers, memory)

Workers write the table files; the runner writes a part's marker only once all of the part's
rows are accounted for, so a crash leaves no marker and a re-run redoes that part (first
removing its stray files). :func:`read_documents` reads finished parts only.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from marsad.document import SCHEMA, Document
from marsad.errors import ConfigError, InputError
from marsad.scale.schema import (
    BatchError,
    check_documents,
    errors_from_table,
    errors_table,
    from_table,
)
from marsad.scale.sources import Part, resolve

FORMAT = "marsad.batch/1"
MANIFEST = "_batch.json"


def _join(*parts: str) -> str:
    return "/".join(p.rstrip("/") for p in parts)


class OutputDir:
    """The output directory of one batch, at ``location`` (a path or URI)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.filesystem, self.path = resolve(location)

    # -- files -----------------------------------------------------------------------------

    def _file(self, *names: str) -> str:
        return _join(self.path, *names)

    def _write_bytes(self, path: str, data: bytes) -> None:
        temporary = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
        with self.filesystem.open_output_stream(temporary) as stream:
            stream.write(data)
        self.filesystem.move(temporary, path)

    def _read_json(self, path: str) -> dict[str, Any] | None:
        try:
            with self.filesystem.open_input_stream(path) as stream:
                data: dict[str, Any] = json.loads(stream.read())
                return data
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise InputError(f"unreadable batch file ({error})", source=path) from error

    def _list(self, folder: str) -> list[pafs.FileInfo]:
        selector = pafs.FileSelector(self._file(folder), allow_not_found=True)
        return [f for f in self.filesystem.get_file_info(selector) if f.type == pafs.FileType.File]

    def ensure_folders(self) -> None:
        """Create the folders that tables and markers go to (a no-op on object stores)."""
        for folder in ("documents", "errors", "_parts", "_runs"):
            self.filesystem.create_dir(self._file(folder), recursive=True)

    def write_table(self, folder: str, name: str, table: pa.Table) -> str:
        """Write ``table`` as ``folder/name`` and return that relative name."""
        pq.write_table(table, self._file(folder, name), filesystem=self.filesystem, compression="zstd")
        return f"{folder}/{name}"

    def write_group(self, part: str, first_seq: int, documents: pa.Table, errors: Sequence[BatchError]) -> list[str]:
        """Store one group of a part's results (a documents table and errors); returns the files."""
        files = []
        name = f"{part}-{first_seq:09d}.parquet"
        if documents.num_rows:
            files.append(self.write_table("documents", name, documents))
        if errors:
            files.append(self.write_table("errors", name, errors_table(errors)))
        return files

    # -- the manifest and finished parts ---------------------------------------------------

    def prepare(self, input_location: str, pipeline: dict[str, Any]) -> None:
        """Create the directory, or check that it was made from the same input and pipeline.

        Raises:
            ConfigError: the directory holds the output of another input or pipeline.
        """
        manifest_path = self._file(MANIFEST)
        existing = self._read_json(manifest_path)
        if existing is None:
            info = self.filesystem.get_file_info(self.path)
            if info.type == pafs.FileType.File:
                raise ConfigError(f"{self.location}: --output must be a folder, and this is a file.")
            if info.type == pafs.FileType.Directory and self.filesystem.get_file_info(pafs.FileSelector(self.path)):
                raise ConfigError(
                    f"{self.location}: --output is a folder that is not empty and not a batch output; "
                    "choose a new folder."
                )
            self.ensure_folders()
            manifest = {"format": FORMAT, "document_schema": SCHEMA, "input": input_location, "pipeline": pipeline}
            self._write_bytes(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            return
        if existing.get("input") != input_location:
            raise ConfigError(
                f"{self.location} holds the batch output of {existing.get('input')!r}, not of "
                f"{input_location!r}. Choose another --output for this input."
            )
        if existing.get("pipeline") != pipeline:
            raise ConfigError(
                f"{self.location} was made by another pipeline ({_pipeline_text(existing.get('pipeline'))}); "
                f"this run's is {_pipeline_text(pipeline)}. Resuming would mix the two: choose a new "
                "--output, or delete this one to analyse everything again."
            )

    def finished(self) -> dict[str, dict[str, Any]]:
        """The markers of finished parts, by part id."""
        markers = {}
        for info in self._list("_parts"):
            if info.base_name.endswith(".json"):
                marker = self._read_json(info.path)
                if marker is not None:
                    markers[marker["part"]["id"]] = marker
        return markers

    def clear(self, part_ids: Sequence[str]) -> int:
        """Delete files that unfinished attempts left for ``part_ids``; returns how many."""
        wanted = set(part_ids)
        removed = 0
        for folder in ("documents", "errors"):
            for info in self._list(folder):
                if info.base_name.rsplit("-", 1)[0] in wanted:
                    self.filesystem.delete_file(info.path)
                    removed += 1
        for part_id in wanted:
            marker = self._file("_parts", f"{part_id}.json")
            if self.filesystem.get_file_info(marker).type == pafs.FileType.File:
                self.filesystem.delete_file(marker)
        return removed

    def mark_finished(self, part: Part, *, rows: int, documents: int, errors: int, files: Sequence[str]) -> None:
        """Record that every row of ``part`` is stored in ``files``."""
        marker = {
            "part": part.as_dict(),
            "fingerprint": part.fingerprint,
            "rows": rows,
            "documents": documents,
            "errors": errors,
            "files": sorted(files),
            "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self._write_bytes(self._file("_parts", f"{part.id}.json"), json.dumps(marker, ensure_ascii=False).encode())

    def write_report(self, report: dict[str, Any]) -> str:
        """Store a run's report under ``_runs/`` and return its path."""
        name = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + f"-{uuid.uuid4().hex[:6]}.json"
        path = self._file("_runs", name)
        self._write_bytes(path, json.dumps(report, ensure_ascii=False, indent=2).encode())
        return path


def _pipeline_text(pipeline: Any) -> str:
    if isinstance(pipeline, dict):
        return " → ".join(pipeline.get("components", [])) or "empty"
    return repr(pipeline)


# -- reading ---------------------------------------------------------------------------------


def is_batch_output(location: str) -> bool:
    """Whether ``location`` is a folder written by ``marsad batch``."""
    try:
        filesystem, path = resolve(location)
        return bool(filesystem.get_file_info(_join(path, MANIFEST)).type == pafs.FileType.File)
    except (InputError, OSError, pa.ArrowException):
        return False


def _table_files(location: str, folder: str) -> tuple[pafs.FileSystem, list[str]]:
    filesystem, path = resolve(location)
    info = filesystem.get_file_info(path)
    if info.type == pafs.FileType.File:
        return filesystem, [path]
    if info.type != pafs.FileType.Directory:
        raise InputError("no such file or folder", source=location)
    if filesystem.get_file_info(_join(path, MANIFEST)).type == pafs.FileType.File:
        output = OutputDir(location)
        markers = sorted(output.finished().values(), key=lambda m: (m["part"]["order"], m["part"]["id"]))
        files = [_join(path, name) for marker in markers for name in marker["files"] if name.startswith(folder + "/")]
        return filesystem, files
    found = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
    files = sorted(f.path for f in found if f.type == pafs.FileType.File and f.base_name.endswith(".parquet"))
    if not files:
        raise InputError("holds no Parquet files", source=location)
    return filesystem, files


def _tables(filesystem: pafs.FileSystem, path: str) -> Iterator[pa.Table]:
    try:
        with filesystem.open_input_file(path) as handle:
            reader = pq.ParquetFile(handle)
            for batch in reader.iter_batches(batch_size=512):
                yield pa.Table.from_batches([batch])
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"cannot read this Parquet file: {error}", source=path) from error


def read_documents(location: str) -> Iterator[Document]:
    """The Documents of a batch output (finished parts only), or of one Documents Parquet file.

    ``location`` is a folder written by ``marsad batch`` (local or a URI such as
    ``s3://bucket/archive.parquet``), a ``documents/`` Parquet file of one, or any Parquet file
    or folder of files with the Document columns.

    Raises:
        InputError: the location does not exist or does not hold Documents.
    """
    filesystem, files = _table_files(location, "documents")
    for path in files:
        for table in _tables(filesystem, path):
            check_documents(table.schema, path)
            yield from from_table(table)


def read_errors(location: str) -> Iterator[BatchError]:
    """The per-input errors of a batch output's finished parts (why an input has no Document)."""
    filesystem, files = _table_files(location, "errors")
    for path in files:
        for table in _tables(filesystem, path):
            yield from errors_from_table(table)
