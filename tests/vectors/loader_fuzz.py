#!/usr/bin/python3
"""A deterministic fuzzer for the shard reader of python/cutmix_dataset.py.

Exports three small webdataset exports with `cutmix export` (PNG, JPEG and
WebP samples, two shards each), then makes N mutations of them, each from
its own fixed seed: bits flipped, bytes set, cut or spliced; tar headers
with another size, type or name (checksum fixed or not); members dropped,
doubled, swapped or replaced by hostile contents (image headers claiming
huge sizes, JSON that is not UTF-8, too deep, of the wrong types);
manifest lines dropped, doubled or with hostile paths and labels; run.json
damaged. Each mutated export is read to the end, through the export folder
or as a list of shards, in a child process limited to 2 GiB of address
space (RLIMIT_AS). Every mutation must either load, giving the samples the
loader promises (as many as len(), labels of one width, image tensors
within max_pixels), or raise CutMixDataError (or its CutMixLimitError):
any other exception, a child killed or one that gives no answer within a
generous 120 s fails the test, naming the mutation to replay with --only.

usage: loader_fuzz.py <path to cutmix> [--count N] [--seed S] [--only I]
"""
import argparse
import json
import math
import os
import random
import shutil
import struct
import sys
import tempfile
import traceback
import zlib

from loader_hostile import CASE_TIMEOUT, PYTHON_DIR, export, make_dataset, run_child

FORMATS = ["png", "jpg", "webp"]
COUNT, SHARD_SAMPLES = 4, 2


# Tar structure: where the headers are, so that mutations can aim at them.

def tar_headers(data):
    """(offset, size) of each header the tar's own size fields lead to."""
    headers, pos = [], 0
    while pos + 512 <= len(data):
        block = data[pos:pos + 512]
        if block == bytes(512):
            break
        try:
            size = int(block[124:136].rstrip(b"\0 ") or b"0", 8)
        except ValueError:
            break
        headers.append((pos, size))
        pos += 512 + -(-size // 512) * 512
    return headers


def fix_checksum(data, pos):
    block = bytearray(data[pos:pos + 512])
    block[148:156] = b" " * 8
    block[148:155] = b"%06o\0" % sum(block)
    data[pos:pos + 512] = block


def split_members(data):
    """The tar as a list of (header, padded data) byte strings."""
    return [bytes(data[pos:pos + 512]) + bytes(data[pos + 512:pos + 512 + -(-size // 512) * 512])
            for pos, size in tar_headers(data)]


def member_bytes(header, content):
    """A ustar member of `content` under the name of `header`."""
    block = bytearray(header)
    block[124:136] = b"%011o\0" % len(content)
    fix_checksum(block, 0)
    return bytes(block) + content + bytes(-len(content) % 512)


# Hostile contents for a member.

def png_claiming(rng, png):
    width, height = rng.choice([(0, 0), (1, 1), (65535, 65535), (2 ** 31 - 1, 1), (20000, 20000), (10001, 9999),
                                (1, 2 ** 31 - 1), (2 ** 32 - 1, 2 ** 32 - 1)])
    ihdr = bytearray(png[12:29])
    ihdr[4:12] = struct.pack(">II", width, height)
    if rng.random() < 0.3:
        ihdr[12] = rng.choice([1, 2, 4, 8, 16, 32])  # bit depth
    return png[:12] + bytes(ihdr) + struct.pack(">I", zlib.crc32(bytes(ihdr))) + png[33:]


def jpeg_claiming(rng, jpeg):
    data = bytearray(jpeg)
    sof = max(data.find(b"\xff\xc0"), data.find(b"\xff\xc2"))
    if sof < 0:
        return bytes(data)
    data[sof + 5:sof + 9] = struct.pack(">HH", *rng.choice([(0, 0), (65535, 65535), (20000, 20000), (1, 65535)]))
    return bytes(data)


def webp_claiming(rng, webp):
    data = bytearray(webp)
    if data[12:16] == b"VP8X":
        data[24:30] = rng.randrange(1 << 24).to_bytes(3, "little") + rng.randrange(1 << 24).to_bytes(3, "little")
    elif data[12:16] == b"VP8L":
        data[21:25] = rng.randrange(1 << 32).to_bytes(4, "little")
    elif data[12:16] == b"VP8 ":
        data[26:30] = rng.randrange(1 << 32).to_bytes(4, "little")
    return bytes(data)


def hostile_json(rng, record):
    record = json.loads(record)
    choice = rng.randrange(12)
    if choice == 0:
        return b"\xff\xfe" + json.dumps(record).encode()
    if choice == 1:
        return b"[" * 50000 + b"]" * 50000
    if choice == 2:
        return b'{"label": [' + b"1" * 5000 + b"]}"
    if choice == 3:
        return rng.choice([b"", b'{"label": [1' + b"0" * 400 + b', 0]}'])
    if choice == 4:
        return json.dumps(record)[:rng.randrange(1, 200)].encode()
    key = rng.choice(["label", "shard", "file", "index", "a"])
    record[key] = rng.choice([None, 7, "", "x", [], [1.0], [True, False], ["0.5", 0.5], [1e308, -1e308], {},
                              "../../outside.tar", "/etc/passwd", "shards/000001.tar", "000000.png",
                              [0.25] * rng.randrange(1, 6)])
    text = json.dumps(record)
    if rng.random() < 0.2:
        text = text.replace("1.0", "NaN", 1).replace("0.0", "Infinity", 1)
    return text.encode()


def hostile_content(rng, name, content):
    ext = name.rpartition(".")[2]
    choice = rng.random()
    if choice < 0.15:
        return content[:rng.randrange(len(content) + 1)]
    if choice < 0.2:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
    if ext == "png" and content.startswith(b"\x89PNG"):
        return png_claiming(rng, content)
    if ext == "jpg":
        return jpeg_claiming(rng, content)
    if ext == "webp":
        return webp_claiming(rng, content)
    if ext == "json":
        return hostile_json(rng, content)
    if ext == "cls":
        return rng.choice([b"", b"-1", b"x", b"1" * 40, b"\xff", b"00000000000000000000000000000000"])
    return content


# The mutations.

def mutate_bytes(rng, data):
    choice = rng.randrange(6)
    if not data:
        return bytearray(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    if choice == 0:
        for _ in range(rng.randrange(1, 9)):
            pos = rng.randrange(len(data))
            data[pos] ^= 1 << rng.randrange(8)
    elif choice == 1:
        for _ in range(rng.randrange(1, 5)):
            data[rng.randrange(len(data))] = rng.choice(b"\x00\xff\x7f\x80\x30\x37 \n/.")
    elif choice == 2:
        del data[rng.randrange(len(data)):]
    elif choice == 3:
        start = rng.randrange(len(data))
        del data[start:start + rng.randrange(1, 2048)]
    elif choice == 4:
        start = rng.randrange(len(data))
        piece = data[start:start + rng.randrange(1, 2048)]
        pos = rng.randrange(len(data) + 1)
        data[pos:pos] = piece
    else:
        data += bytes(rng.randrange(256) for _ in range(rng.randrange(1, 1024)))
    return data


def mutate_header(rng, data):
    headers = tar_headers(data)
    if not headers:
        return mutate_bytes(rng, data)
    pos, size = rng.choice(headers)
    field = rng.randrange(4)
    if field == 0:
        value = rng.choice([0, 1, size - 1, size + 1, size + 512, 1 << 20, (1 << 33) - 1])
        data[pos + 124:pos + 136] = b"%011o\0" % max(value, 0)
    elif field == 1:
        # Base-256 sizes, positive or negative, as GNU tar writes big ones.
        data[pos + 124:pos + 136] = bytes([rng.choice([0x80, 0xff])]) + rng.randrange(1 << 88).to_bytes(11, "big")
    elif field == 2:
        data[pos + 156] = rng.choice(b"0125xgLKS7V3")
    else:
        name = rng.choice([b"000000", b"../../x.png", b"a/b/000001.png", b"000009.png", b".png", b"000000.json.png",
                           b"000000.txt", b"\xff\xfe.png", b"", b"x" * 99])
        data[pos:pos + 100] = name[:100].ljust(100, b"\0")
    if rng.random() < 0.8:
        fix_checksum(data, pos)
    return data


def mutate_members(rng, data):
    members = split_members(data)
    if not members:
        return mutate_bytes(rng, data)
    choice = rng.randrange(6)
    k = rng.randrange(len(members))
    if choice == 5:
        # A run of extension headers (pax, global pax, GNU long name and link) before a member.
        block = bytearray(members[k][:512])
        block[156] = rng.choice(b"xgLK")
        block[124:136] = b"%011o\0" % rng.choice([0, 0, 1, 511, 512])
        fix_checksum(block, 0)
        extension = bytes(block) + bytes(-(-int(block[124:135], 8) // 512) * 512)
        members[k:k] = [extension] * rng.choice([1, 2, 10, 1500, 3000])
    elif choice == 0:
        del members[k]
    elif choice == 1:
        members.insert(rng.randrange(len(members) + 1), members[k])
    elif choice == 2:
        j = rng.randrange(len(members))
        members[k], members[j] = members[j], members[k]
    else:
        header = members[k][:512]
        size = int(header[124:136].rstrip(b"\0 ") or b"0", 8)
        name = header[:100].rstrip(b"\0").decode("utf-8", "replace")
        members[k] = member_bytes(header, hostile_content(rng, name, members[k][512:512 + size]))
    return bytearray(b"".join(members) + bytes(1024))


def mutate_manifest(rng, data):
    lines = data.split(b"\n")[:-1]
    choice = rng.randrange(6)
    k = rng.randrange(len(lines))
    if choice == 0:
        del lines[k]
    elif choice == 1:
        lines.insert(k, lines[rng.randrange(len(lines))])
    elif choice == 2:
        j = rng.randrange(len(lines))
        lines[k], lines[j] = lines[j], lines[k]
    elif choice == 3:
        lines.insert(k, rng.choice([b"", b" ", b"{}", b"[]", b"null", b"\xff", b"x" * (5 << 20)]))
    else:
        lines[k] = hostile_json(rng, lines[k])
    return bytearray(b"".join(line + b"\n" for line in lines))


def mutate(rng, root):
    """Damages the export at `root` in place; returns what was done."""
    target = rng.random()
    if target < 0.7:
        shard = rng.choice(sorted(os.listdir(os.path.join(root, "shards"))))
        path = os.path.join(root, "shards", shard)
        how = rng.choice([mutate_bytes, mutate_header, mutate_header, mutate_members, mutate_members])
    elif target < 0.9:
        path, how = os.path.join(root, "manifest.jsonl"), rng.choice([mutate_bytes, mutate_manifest, mutate_manifest])
    else:
        path, how = os.path.join(root, "run.json"), mutate_bytes
    with open(path, "rb") as f:
        data = bytearray(f.read())
    data = how(rng, data)
    if rng.random() < 0.1:
        data = mutate_bytes(rng, data)  # and a second, blind one
    with open(path, "wb") as f:
        f.write(data)
    return "%s on %s" % (how.__name__, os.path.relpath(path, root))


# The child: each mutation loaded to the end, its outcome checked.

def load_all(cd, root, as_list):
    if as_list:
        dataset = cd.CutMixShards(sorted(os.path.join(root, "shards", n) for n in os.listdir(os.path.join(root, "shards"))),
                                  with_record=True)
    else:
        dataset = cd.CutMixShards(root, with_record=True)
    samples, width = 0, None
    for image, label, record in dataset:
        samples += 1
        assert image.dim() == 3 and 1 <= image.shape[0] <= 4, "image of shape %s" % (tuple(image.shape),)
        assert str(image.dtype) in ("torch.uint8", "torch.int32"), "image of %s" % image.dtype
        assert image.shape[1] * image.shape[2] <= cd.DEFAULT_MAX_PIXELS, "image of %s" % (tuple(image.shape),)
        assert label.dim() == 1 and all(math.isfinite(w) for w in label.tolist()), "label %s" % label
        assert width is None or len(label) == width, "labels of %d and %d values" % (width, len(label))
        width = len(label)
        assert isinstance(record, dict)
    if not as_list:
        assert samples == len(dataset), "%d samples, len() says %d" % (samples, len(dataset))
    return samples


def child(specs_path):
    sys.path.insert(0, PYTHON_DIR)
    import cutmix_dataset as cd
    import cv2
    import torch
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    with open(specs_path) as f:
        specs = json.load(f)
    for spec in specs:
        print(json.dumps({"start": spec["name"]}), flush=True)
        rng = random.Random(spec["seed"])
        base = spec["bases"][rng.randrange(len(spec["bases"]))]
        root = os.path.join(spec["scratch"], "export")
        shutil.rmtree(spec["scratch"], ignore_errors=True)
        shutil.copytree(base, root)
        what = mutate(rng, root)
        as_list = rng.random() < 0.15
        result = {"name": spec["name"], "what": what + (" (read as a list of shards)" if as_list else "")}
        try:
            result["ok"] = load_all(cd, root, as_list)
        except cd.CutMixDataError as e:
            result["refused"] = str(e).replace(root, "")
        except Exception as e:
            result["error"] = "%s: %s" % (type(e).__name__, e)
            result["traceback"] = traceback.format_exc()[-3000:]
        print(json.dumps(result), flush=True)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        return child(sys.argv[2])
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--only", type=int, help="replay one mutation and print what it did")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        make_dataset(data)
        bases = []
        for fmt in FORMATS:
            bases.append(os.path.join(tmp, fmt))
            export(args.cli, data, bases[-1], COUNT, "webdataset", shard_samples=SHARD_SAMPLES, image_format=fmt)
        indices = [args.only] if args.only is not None else range(args.count)
        specs = [{"name": "mutation %d" % i, "seed": args.seed * 1000003 + i, "bases": bases,
                  "scratch": os.path.join(tmp, "scratch")} for i in indices]
        results = run_child(os.path.abspath(__file__), specs, CASE_TIMEOUT, tmp)
    failures, loaded, refused = [], 0, 0
    for spec in specs:
        r = results[spec["name"]]
        if "ok" in r:
            loaded += 1
        elif "refused" in r:
            refused += 1
        else:
            failures.append((spec["name"], r))
        if args.only is not None:
            print(json.dumps(r, indent=1))
    for name, r in failures:
        print("FAIL %s (%s): %s\n%s" % (name, r.get("what", "?"), r["error"], r.get("traceback", "")))
    print("%d mutations (seed %d): %d loaded, %d refused with CutMixDataError, %d failed"
          % (len(specs), args.seed, loaded, refused, len(failures)))
    # Both outcomes must occur, or the mutations do not reach the reader.
    if failures or (args.only is None and (loaded < len(specs) // 20 or refused < len(specs) // 2)):
        sys.exit(1)


if __name__ == "__main__":
    main()
