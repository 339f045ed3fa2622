"""The real-name corpus: every organisation name in the official files of ``../shared/data``."""
