#!/usr/bin/python3
"""The plain Python loop that `cutmix export` is compared with: the same job
with OpenCV's Python bindings, one sample at a time.

usage: python_loop.py <dataset folder> <output folder> <count> <W> <H> <quality> <seed>
"""
import json
import os
import sys

import cv2
import numpy as np


def main():
    root, out, count, w, h, quality, seed = sys.argv[1:8]
    count, w, h, quality = int(count), int(w), int(h), int(quality)
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    files = [(os.path.join(root, c, f), k) for k, c in enumerate(classes)
             for f in sorted(os.listdir(os.path.join(root, c)))]
    rng = np.random.default_rng(int(seed))
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    with open(os.path.join(out, "manifest.jsonl"), "w") as manifest:
        for i in range(count):
            (pa, ya), (pb, yb) = files[rng.integers(len(files))], files[rng.integers(len(files))]
            a = cv2.resize(cv2.imread(pa), (w, h), interpolation=cv2.INTER_AREA)
            b = cv2.resize(cv2.imread(pb), (w, h), interpolation=cv2.INTER_AREA)
            lam = rng.beta(1.0, 1.0)
            cut_w, cut_h = int(w * np.sqrt(1 - lam)), int(h * np.sqrt(1 - lam))
            cx, cy = rng.integers(w), rng.integers(h)
            x1, x2 = np.clip(cx - cut_w // 2, 0, w), np.clip(cx + cut_w // 2, 0, w)
            y1, y2 = np.clip(cy - cut_h // 2, 0, h), np.clip(cy + cut_h // 2, 0, h)
            a[y1:y2, x1:x2] = b[y1:y2, x1:x2]
            lam_adj = 1 - (x2 - x1) * (y2 - y1) / (w * h)
            name = "%06d.jpg" % i
            cv2.imwrite(os.path.join(out, "images", name), a, [cv2.IMWRITE_JPEG_QUALITY, quality])
            label = [0.0] * len(classes)
            label[ya] += lam_adj
            label[yb] += 1 - lam_adj
            manifest.write(json.dumps({"index": i, "file": name, "lam_adj": lam_adj,
                                       "box": [int(x1), int(y1), int(x2), int(y2)], "label": label}) + "\n")


if __name__ == "__main__":
    main()
