"""Item pipelines, in the order they run (see ITEM_PIPELINES in crawler/settings.py)."""
