"""Japanese text analysis shared by search and matching. Imports nothing from Django."""
