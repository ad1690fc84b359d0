"""pytest set-up for the Python side: python/ on the path, and the `cutmix`
program the tests run (CUTMIX_CLI, which CTest sets to the built one; else
`cutmix` on PATH; the tests that need it are skipped without one)."""
import os
import shutil
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))


@pytest.fixture
def cutmix_cli():
    cli = os.environ.get("CUTMIX_CLI") or shutil.which("cutmix")
    if not cli:
        pytest.skip("no cutmix program: set CUTMIX_CLI=path/to/cutmix")
    return cli
