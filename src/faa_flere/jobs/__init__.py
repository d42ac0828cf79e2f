"""Builds on a job queue (Dramatiq): previews, packs and fit checks, run by workers."""

from __future__ import annotations

from .queue import JobQueue, make_broker

__all__ = ["JobQueue", "make_broker"]
