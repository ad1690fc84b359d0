#!/usr/bin/env python3
"""Seed inputs for fuzz_parts, written into corpus/parts/.

Runs a real two-part export (both layouts) with the given cutmix, keeps its
parts from merging (a merge claim left in parts/ makes the finishing part
leave the merge to it), and packs run.json and the parts' files in the
target's form: pieces separated by lines "#%". Run from this folder:
python3 make_parts_corpus.py CUTMIX
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "parts")
RESOURCES = os.path.join(HERE, "..", "..", "resources")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main(cutmix):
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "d")
        for cls, image in (("cat", "chelsea.png"), ("cup", "coffee.png")):
            os.makedirs(os.path.join(data, cls))
            os.symlink(os.path.join(RESOURCES, image), os.path.join(data, cls, "a.png"))
        for layout in ("files", "webdataset"):
            out = os.path.join(tmp, layout)
            args = [cutmix, "export", data, "-o", out, "--count", "5", "--size", "8x8", "--format", "png",
                    "--layout", layout, "--shard-samples", "2", "--seed", "3", "-q"]
            subprocess.run(args + ["--shard", "1/2"], check=True)
            open(os.path.join(out, "parts", ".merging"), "w").close()
            subprocess.run(args + ["--shard", "2/2"], check=True)
            parts = os.path.join(out, "parts")
            pieces = [read(os.path.join(out, "run.json"))]
            for k in (1, 2):
                stem = os.path.join(parts, "part-%05d-of-00002" % k)
                pieces += [read(stem + ext) for ext in (".json", ".jsonl", ".labels", ".metadata")]
            pieces.append(read(os.path.join(parts, "part-00001-of-00002.jsonl")))
            with open(os.path.join(OUT, layout), "wb") as f:
                f.write(b"\n#%\n".join(pieces))


if __name__ == "__main__":
    main(sys.argv[1])
