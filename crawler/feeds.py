"""Feed URI parameters: lets FEEDS paths follow the OUTPUT_DIR setting."""

from pathlib import Path


def uri_params(params: dict, spider) -> dict:
    output_dir = Path(spider.settings.get("OUTPUT_DIR") or "output").resolve()
    return {**params, "output_dir": str(output_dir), "run_time": params["time"]}
