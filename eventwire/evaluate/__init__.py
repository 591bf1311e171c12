"""Scoring coded events against gold records: the engine behind ``eventwire eval``."""

from eventwire.evaluate.report import EvalReport, render_table
from eventwire.evaluate.scoring import JsonlError, load_jsonl, score

__all__ = ["EvalReport", "JsonlError", "load_jsonl", "render_table", "score"]
