"""Everything at the edge: JSON, the command line, engines, dataframes, storage."""
