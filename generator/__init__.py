"""Static report site on BPJS Ketenagakerjaan coverage, built from a sourced YAML dataset."""
