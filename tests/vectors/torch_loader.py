#!/usr/bin/python3
"""python/cutmix_dataset.py with the real PyTorch (Debian's python3-torch):
exports a small dataset with `cutmix export` in both layouts, loads each
through a DataLoader with 2 workers and checks every sample: each index seen
once, the label equal to the manifest's (float64 exactly, float32 as
float32) and summing to 1, and the pixels inside the record's box equal to
B's, those outside equal to A's (PNG, inputs already at the export size).

usage: torch_loader.py <path to cutmix>
"""
import json
import os
import subprocess
import sys
import tempfile

import cv2
import numpy as np
import torch
from torch.utils.data import DataLoader

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from cutmix_dataset import CutMixFolder, CutMixShards, read_manifest  # noqa: E402

W, H, COUNT = 40, 30, 57


def make_dataset(root):
    rng = np.random.default_rng(11)
    for c, name in enumerate(["ant", "bee", "cow"]):
        os.makedirs(os.path.join(root, name))
        for i in range(5):
            image = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)
            cv2.imwrite(os.path.join(root, name, "%d.png" % i), image)


def rgb_chw(path):
    return torch.from_numpy(cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB).transpose(2, 0, 1).copy())


def check(dataset, manifest, data_root, layout):
    loader = DataLoader(dataset, batch_size=4, num_workers=2, collate_fn=lambda batch: batch)
    seen = set()
    for batch in loader:
        for image, label, record in batch:
            i = record["index"]
            assert i not in seen, "%s: sample %d twice" % (layout, i)
            seen.add(i)
            assert record == manifest[i], "%s: sample %d: record differs from the manifest" % (layout, i)
            want = torch.tensor(manifest[i]["label"], dtype=torch.float64)
            assert label.dtype == torch.float64 and torch.equal(label, want), "%s: label %d" % (layout, i)
            assert abs(float(label.sum()) - 1.0) < 1e-12, "%s: label %d sums to %r" % (layout, i, float(label.sum()))
            assert image.shape == (3, H, W) and image.dtype == torch.uint8
            a = rgb_chw(os.path.join(data_root, record["a"]["path"]))
            b = rgb_chw(os.path.join(data_root, record["b"]["path"]))
            box = record["box"]
            inside = torch.zeros((H, W), dtype=torch.bool)
            inside[box["y1"]:box["y2"], box["x1"]:box["x2"]] = True
            assert torch.equal(image[:, inside], b[:, inside]), "%s: sample %d: box not from B" % (layout, i)
            assert torch.equal(image[:, ~inside], a[:, ~inside]), "%s: sample %d: outside not A" % (layout, i)
    assert seen == set(range(COUNT)), "%s: %d of %d samples seen" % (layout, len(seen), COUNT)


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        make_dataset(data)
        for layout in ["files", "webdataset"]:
            out = os.path.join(tmp, layout)
            subprocess.run([cli, "export", data, "-o", out, "--count", str(COUNT), "--size", "%dx%d" % (W, H),
                            "--format", "png", "--seed", "4", "--smoothing", "0.1", "--layout", layout,
                            "--shard-samples", "10", "-q"], check=True)
            manifest = read_manifest(out)
            kind = CutMixFolder if layout == "files" else CutMixShards
            check(kind(out, with_record=True, label_dtype=torch.float64), manifest, data, layout)
            # The default float32 labels are the manifest's values rounded to float32.
            images, labels = next(iter(DataLoader(kind(out), batch_size=8, num_workers=2)))
            assert labels.dtype == torch.float32 and images.shape == (8, 3, H, W)
            if layout == "files":
                want = torch.tensor([m["label"] for m in manifest[:8]], dtype=torch.float32)
                assert torch.equal(labels, want)
            assert torch.allclose(labels.sum(1), torch.ones(8))
            assert len(kind(out)) == COUNT
            if layout == "webdataset":
                # Two processes of a distributed job read disjoint shards that cover the export.
                halves = [{r["index"] for _, _, r in CutMixShards(out, with_record=True, rank=k, world_size=2)}
                          for k in range(2)]
                assert not (halves[0] & halves[1]) and (halves[0] | halves[1]) == set(range(COUNT))
            print("%s: %d samples through a DataLoader with 2 workers: labels, boxes and pixels agree" % (layout, COUNT))


if __name__ == "__main__":
    main()
