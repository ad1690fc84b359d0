#!/usr/bin/python3
"""Builds the benchmark dataset: a few hundred real JPEGs (random crops and
scales of the shared sample photographs), one class folder per photograph.

usage: make_dataset.py <shared images folder (or resources/)> <output folder> <per class>
"""
import os
import sys

import cv2
import numpy as np


def main():
    src, out, per_class = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = np.random.default_rng(0)
    for name in ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "coins.png",
                 "horse.png", "hubble_deep_field.jpg", "rocket.jpg"]:
        if not os.path.exists(os.path.join(src, name)):
            continue  # the bundled resources/ hold six of the eight
        img = cv2.imread(os.path.join(src, name), cv2.IMREAD_COLOR)
        cls = os.path.splitext(name)[0]
        os.makedirs(os.path.join(out, cls), exist_ok=True)
        h, w = img.shape[:2]
        for k in range(per_class):
            cw, ch = int(w * rng.uniform(0.5, 1.0)), int(h * rng.uniform(0.5, 1.0))
            x, y = rng.integers(0, w - cw + 1), rng.integers(0, h - ch + 1)
            crop = img[y:y + ch, x:x + cw]
            scale = rng.uniform(0.8, 1.6)
            crop = cv2.resize(crop, (int(cw * scale), int(ch * scale)), interpolation=cv2.INTER_CUBIC)
            cv2.imwrite(os.path.join(out, cls, "%03d.jpg" % k), crop, [cv2.IMWRITE_JPEG_QUALITY, 92])


if __name__ == "__main__":
    main()
