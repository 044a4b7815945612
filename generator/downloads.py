"""The dataset as files readers download: per area and whole, CSV and JSON, with a README."""

from __future__ import annotations

import pandas as pd

from generator.dataset.load import Dataset


def download_files(dataset: Dataset, frame: pd.DataFrame) -> dict[str, bytes]:
    """Every download, by path under docs_dir."""
    return {}
