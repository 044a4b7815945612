"""The dataset: schema, loader and the problems they report."""
