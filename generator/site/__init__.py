"""Everything that writes files: generated docs, the MkDocs build, the offline bundle."""
