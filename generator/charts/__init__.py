"""Altair charts: one function per chart kind, DataFrame -> Chart, no I/O."""
