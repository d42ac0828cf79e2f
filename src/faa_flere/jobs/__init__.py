"""Builds on a job queue (Dramatiq): previews (with the fit check) and packs, run by workers."""

from __future__ import annotations

from .queue import JobQueue, QueueUnavailable, make_broker, preview_result

__all__ = ["JobQueue", "QueueUnavailable", "make_broker", "preview_result"]
