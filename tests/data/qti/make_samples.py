"""Writes the QTI packages in this folder with maintained QTI libraries, so the importer is
tested on files made by the other side.

- ``qpm_qti21.zip``: a QTI 2.1 package written by qti-package-maker (its Blackboard QTI 2.1
  engine) from the bank below;
- ``qpm_qti30.zip``: the same package upgraded to QTI 3.0 by citolab-qti-convert.

Both libraries are in the ``test`` extra of pyproject.toml. Run from the repository root:
``python tests/data/qti/make_samples.py``. The expected questions are in
tests/domain/test_qti_foreign.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

BANK = [
    ("MC", ("Which planet is known as the red planet?", ["Venus", "Mars", "Jupiter"], "Mars")),
    ("MA", ("Which of these are prime numbers?", ["2", "3", "4", "9"], ["2", "3"])),
    ("MATCH", ("Match each country to its capital.", ["France", "Spain", "Italy"],
               ["Paris", "Madrid", "Rome"])),
    ("NUM", ("How many degrees are in a right angle?", 90.0, 0.5)),
    ("FIB", ("The chemical symbol for gold is ___.", ["Au", "au"])),
    ("ORDER", ("Put these numbers in increasing order.", ["one", "two", "three"])),
]


def main() -> None:
    from qti_convert import upgrade_package
    from qti_package_maker.package_interface import QTIPackageInterface

    with tempfile.TemporaryDirectory() as scratch:
        cwd = os.getcwd()
        os.chdir(scratch)
        try:
            maker = QTIPackageInterface("foreign_bank", allow_mixed=True)
            for item_type, fields in BANK:
                maker.add_item(item_type, fields)
            written = maker.save_package("blackboard_qti_v2_1", str(Path(scratch) / "out.zip"))
        finally:
            os.chdir(cwd)
        shutil.copyfile(written, HERE / "qpm_qti21.zip")
    upgrade_package(str(HERE / "qpm_qti21.zip"), str(HERE / "qpm_qti30.zip"))


if __name__ == "__main__":
    main()
