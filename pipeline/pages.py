"""Step 2: pages made from data (the site engineer replaces this first version)."""

from pathlib import Path


def write_pages(plans: dict, courses_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
