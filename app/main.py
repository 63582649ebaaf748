"""Builds the FastAPI application: shared resources in `lifespan`, one router per group."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from .core import errors, openapi
from .core.bodies import BodyRules
from .core.config import Settings
from .core.security import SecurityMiddleware
from .core.staticcache import StaticCache
from .resources import Resources
from .routes import (backprop, curves, digits, experiments, health, options, pages, predict, runs,
                     surfaces, sweeps, toy, toydata, train_ws)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app; nothing heavy happens until its lifespan starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        resources = Resources(settings)
        app.state.resources = resources
        resources.start()
        try:
            yield
        finally:
            resources.close()

    app = FastAPI(title="Downhill", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="A neural-network playground you can watch learn. "
                              "WebSocket protocol: docs/protocol.md.")
    app.state.settings = settings
    for module in (health, options, predict, digits, curves, toy, toydata, runs, surfaces, sweeps, backprop, experiments,
                   train_ws, pages):
        app.include_router(module.router)
    pages.mount_static(app)
    errors.install(app)
    openapi.install(app)
    app.add_middleware(StaticCache, folders=pages.static_folders())
    app.add_middleware(BodyRules, limit=settings.max_body_bytes)
    app.add_middleware(SecurityMiddleware, settings=settings)   # added last: runs first
    return app
