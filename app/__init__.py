"""Downhill's FastAPI server: hosts the engine for the page and for any client."""
