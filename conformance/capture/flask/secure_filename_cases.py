"""Record werkzeug.utils.secure_filename (Werkzeug 2.2.2) for the cases the model is tested on.

    /usr/bin/python3 conformance/capture/flask/secure_filename_cases.py

Writes lib/chain/flask/secure-filename.cases.json: [[input, output], ...].
"""
import json
import os

from werkzeug.utils import secure_filename

CASES = [
    "My cool movie.mov", "../../../etc/passwd", "i contain cool \xfcml\xe4uts.txt", "보고서.pdf", "과제 1 (최종).hwp",
    "  ..hidden..  ", "a\tb\nc\x1cd.txt", "photo/2024/ 01.JPG", "__init__.py", "ｆｕｌｌｗｉｄｔｈ.txt", "naïve café.png",
    "....", "", "a  -  b.tar.gz", "CON.txt", "x\u00a0y.txt", "e\u0301.txt", "résumé (final) v2.docx", "C:\\Users\\kim\\a.txt",
    "ﬁle.txt", "\u2460\u2461.txt", "x\u3000y.txt", "\u212b.txt", "tab\there", "-leading-dash.txt", ".env", "hello world!!.py",
]

out = os.path.join(os.path.dirname(__file__), "..", "..", "..", "lib", "chain", "flask", "secure-filename.cases.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump([[c, secure_filename(c)] for c in CASES], f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{os.path.normpath(out)}: {len(CASES)} cases")
