"""Without the web extra (kg[web]), a page says which extra to install; text works."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from _servers import KG

WEB = Path(__file__).parent / "fixtures" / "web"


def test_without_the_web_extra_a_page_names_the_extra(tmp_path: Path) -> None:
    # trafilatura, as if not installed: a package of that name that cannot be imported
    fake = tmp_path / "fake" / "trafilatura"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not installed')\n")
    page = tmp_path / "page.html"
    page.write_bytes((WEB / "wire-story.html").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "fake")}
    r = subprocess.run([KG, "build", str(page), "--store",
                        str(tmp_path / "store")], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"kg: error: {page}: reading HTML needs the web extra: "
                        "pip install 'kg[web]'\n")
    text = tmp_path / "story.txt"
    text.write_bytes((WEB / "wire-story.txt").read_bytes())
    r = subprocess.run([KG, "build", str(text), "--store",
                        str(tmp_path / "store")], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr  # text articles need no extra
