"""Publish: monographs (HTML, PDF) and open-data downloads, built from the store."""
