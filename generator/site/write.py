"""Write generated files. Only this package writes to disk."""

from __future__ import annotations

import json
from pathlib import Path

from generator.dataset.schema import dataset_json_schema
from generator.project import Project


def schema_text() -> str:
    return json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(project: Project) -> Path:
    project.schema_file.write_text(schema_text(), encoding="utf-8")
    return project.schema_file
