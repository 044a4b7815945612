"""Moved to generator.cache; kept until every importer has moved."""

from generator.cache import DirectoryCache, pack, prune, seal, unpack, unseal

__all__ = ["DirectoryCache", "pack", "prune", "seal", "unpack", "unseal"]
