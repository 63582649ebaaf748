"""Pydantic models for everything a client sends: configs, requests, WebSocket messages."""
