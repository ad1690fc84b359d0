#!/usr/bin/python3
"""python/cutmix_dataset.py against hostile and damaged exports (issue 24).

Exports a small dataset with `cutmix export` in both layouts, then builds
one damaged copy per case (a stale shard from an earlier run, a cut tar, a
manifest line that is not JSON, ...) and loads each in a child process
whose address space is limited to 2 GiB (RLIMIT_AS). Each case must end as
it says: loaded with exactly the manifest's samples, or refused with the
loader's own exception whose message names the file (and the line or the
tar member). A case that has not answered after a generous 120 s fails the
test (each takes well under a second).

usage: loader_hostile.py <path to cutmix>
"""
import json
import os
import resource
import select
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.join(HERE, "..", "..", "python")
MEMORY_LIMIT = 2 << 30
CASE_TIMEOUT = 120
W, H = 40, 30


# Building exports and damaging them.

def make_dataset(root):
    import cv2
    rng = np.random.default_rng(11)
    for name in ["ant", "bee", "cow"]:
        os.makedirs(os.path.join(root, name))
        for i in range(3):
            cv2.imwrite(os.path.join(root, name, "%d.png" % i), rng.integers(0, 256, (H, W, 3), dtype=np.uint8))


def export(cli, data, out, count, layout, seed=4, shard_samples=3, force=False, image_format="png"):
    subprocess.run([cli, "export", data, "-o", out, "--count", str(count), "--size", "%dx%d" % (W, H),
                    "--format", image_format, "--seed", str(seed), "--layout", layout, "--shard-samples", str(shard_samples),
                    "-q"] + (["--force"] if force else []), check=True)


def read_members(path):
    """The members of a tar as (name, bytes), in order."""
    with tarfile.open(path, "r:") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar]


def header(name, size, kind=tarfile.REGTYPE, fmt=tarfile.USTAR_FORMAT):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode, info.type = size, 0, 0o644, kind
    return info.tobuf(format=fmt)


def with_checksum(buf):
    """A tar header with its checksum made right again after an edit."""
    buf = bytearray(buf)
    buf[148:156] = b" " * 8
    buf[148:155] = b"%06o\0" % sum(buf)
    return bytes(buf)


class Raw:
    """A member written as given: its header bytes, then `data`, or `size`
    bytes left as a hole of a sparse file (nothing written to the disk)."""

    def __init__(self, header, size=0, data=None):
        self.header, self.size, self.data = header, size, data


def write_members(path, members):
    """A plain tar file of (name, bytes) and Raw members, reproducible byte for byte."""
    with open(path, "wb") as f:
        for m in members:
            if isinstance(m, tuple):
                m = Raw(header(m[0], len(m[1])), data=m[1])
            f.write(m.header)
            if m.data is not None:
                f.write(m.data)
            else:
                f.seek(m.size, os.SEEK_CUR)
            f.seek(-f.tell() % 512, os.SEEK_CUR)
        f.write(bytes(1024))


def edit_manifest(root, edit):
    """Rewrite manifest.jsonl as edit(lines) gives it (lines without their newline, as bytes)."""
    path = os.path.join(root, "manifest.jsonl")
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")[:-1]
    with open(path, "wb") as f:
        f.write(b"".join(line + b"\n" for line in edit(lines)))


def set_record(root, line, key, value):
    def edit(lines):
        record = json.loads(lines[line])
        record[key] = value
        lines[line] = json.dumps(record).encode()
        return lines
    edit_manifest(root, edit)


# The cases: each builds its damaged copy of a base export and says what the loader must do.

CASES = []


def case(base, expect, kind=None, **kwargs):
    """expect: ("ok", [indices]) or (exception class name, [words the message must hold])."""
    def register(build):
        CASES.append({"name": build.__name__, "base": base, "build": build, "expect": expect,
                      "kind": kind or ("folder" if base == "files" else "shards"), "kwargs": kwargs})
        return build
    return register


# Item 4: the shards are the ones the run's manifest names.

@case("stale", ("ok", [0, 1, 2, 3]))
def stale_shard_from_an_earlier_run(root, env):
    # An 8-sample run left shards/000001.tar; the 4-sample run into the same folder wrote only 000000.tar.
    assert sorted(os.listdir(os.path.join(root, "shards"))) == ["000000.tar", "000001.tar"]


@case("wds", ("CutMixDataError", ["manifest.jsonl line 4", "shards/000001.tar", "missing"]))
def shard_named_by_the_manifest_is_missing(root, env):
    os.remove(os.path.join(root, "shards", "000001.tar"))


@case("wds", ("CutMixDataError", ["shards/000001.tar", "2 samples", "3", "cut short"]))
def shard_cut_at_a_sample_boundary(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    write_members(path, read_members(path)[:6])


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000003.png", "more samples than the 3"]))
def shard_with_a_sample_too_many(root, env):
    first, second = (os.path.join(root, "shards", n) for n in ("000000.tar", "000001.tar"))
    write_members(first, read_members(first) + read_members(second)[:3])


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000003.json", "shards/000001.tar"]))
def shards_swapped(root, env):
    first, second = (os.path.join(root, "shards", n) for n in ("000000.tar", "000001.tar"))
    os.rename(first, first + ".tmp")
    os.rename(second, first)
    os.rename(first + ".tmp", second)


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000001.png", "sample 000001 appears twice"]))
def sample_twice_in_a_shard(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    write_members(path, members[:6] + members[3:6])


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000001.png", "sample 000000 has no .cls"]))
def member_missing_its_cls(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    write_members(path, members[:2] + members[3:])


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000001.png", "sample 000000 has no .json"]))
def member_missing_its_json(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    write_members(path, members[:1] + members[2:])


@case("wds", ("CutMixDataError", ["shards/000001.tar", "last sample 000005 has no .cls"]))
def last_member_missing(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    write_members(path, read_members(path)[:-1])


@case("wds", ("CutMixDataError", ["run.json", "7 samples", "lists 6"]))
def run_json_disagrees_with_the_manifest(root, env):
    path = os.path.join(root, "run.json")
    with open(path) as f:
        run = json.load(f)
    run["count"] = 7
    with open(path, "w") as f:
        json.dump(run, f)


@case("wds", ("ok", [0, 1, 2, 3, 4, 5]))
def run_json_count_is_not_a_number(root, env):
    # true is not the count 1: only an integer count is compared with the manifest.
    path = os.path.join(root, "run.json")
    with open(path) as f:
        run = json.load(f)
    run["count"] = True
    with open(path, "w") as f:
        json.dump(run, f)


@case("wds", ("CutMixDataError", ["manifest.jsonl line 6", "shards/000002.tar", "missing"]))
def manifest_line_names_another_shard(root, env):
    set_record(root, 5, "shard", "shards/000002.tar")


# Item 10: nothing outside the export is read.

def outside_copy(root, source, name):
    """A copy of a file of the export in a folder beside it (the secret the
    hostile manifest reaches for)."""
    outside = os.path.join(os.path.dirname(root), "outside")
    os.makedirs(outside, exist_ok=True)
    shutil.copy(os.path.join(root, source), os.path.join(outside, name))
    return os.path.join(outside, name)


@case("files", ("CutMixDataError", ["manifest.jsonl line 2", "'images/../../outside/secret.png'", "climbs out"]))
def file_climbing_out_of_the_export(root, env):
    outside_copy(root, "images/000001.png", "secret.png")
    set_record(root, 1, "file", "../../outside/secret.png")


@case("files", ("CutMixDataError", ["manifest.jsonl line 3", "absolute path", "outside/secret.png"]))
def file_with_an_absolute_path(root, env):
    set_record(root, 2, "file", outside_copy(root, "images/000002.png", "secret.png"))


@case("files", ("CutMixDataError", ["manifest.jsonl line 2", "'images/000001.png'", "outside/secret.png",
                                    "outside the export"]))
def file_is_a_symlink_to_outside(root, env):
    os.remove(os.path.join(root, "images", "000001.png"))
    os.symlink(outside_copy(root, "images/000002.png", "secret.png"), os.path.join(root, "images", "000001.png"))


@case("files", ("CutMixDataError", ["manifest.jsonl line 4", "'images/sub/000003.png'", "outside the export"]))
def file_in_a_folder_that_is_a_symlink_to_outside(root, env):
    outside_copy(root, "images/000003.png", "000003.png")
    os.symlink(os.path.dirname(outside_copy(root, "images/000003.png", "000003.png")),
               os.path.join(root, "images", "sub"))
    set_record(root, 3, "file", "sub/000003.png")


@case("files", ("CutMixDataError", ["manifest.jsonl line 1", "NUL"]))
def file_with_a_nul(root, env):
    set_record(root, 0, "file", "000000.png\u0000.txt")


@case("files", ("CutMixDataError", ["manifest.jsonl line 3", "000002.png", "not a regular file"]))
def file_is_a_fifo(root, env):
    # Opening a FIFO for reading blocks until a writer comes: it must be refused, not waited on.
    os.remove(os.path.join(root, "images", "000002.png"))
    os.mkfifo(os.path.join(root, "images", "000002.png"))


@case("files", ("CutMixDataError", ["manifest.jsonl line 2", "000001.png", "cannot be read", "No such file"]))
def file_missing(root, env):
    os.remove(os.path.join(root, "images", "000001.png"))


@case("files", ("CutMixDataError", ["manifest.jsonl line 4", "000003.png", "No such file"]), index=-1)
def file_missing_read_from_the_end(root, env):
    # dataset[-1] is the manifest's last line, and the error says so.
    os.remove(os.path.join(root, "images", "000003.png"))


@case("files", ("ok", [0, 1, 2, 3]))
def file_is_a_symlink_inside_the_export(root, env):
    # Not every symlink is refused: one that stays inside the export is read.
    os.remove(os.path.join(root, "images", "000001.png"))
    shutil.copy(os.path.join(root, "images", "000002.png"), os.path.join(root, "copy.png"))
    os.symlink("../copy.png", os.path.join(root, "images", "000001.png"))


@case("files", ("ok", [0, 1, 2, 3]), through_link=True)
def export_reached_through_a_symlink(root, env):
    pass


@case("wds", ("CutMixDataError", ["manifest.jsonl line 4", "'../outside/000001.tar'", "climbs out"]))
def shard_climbing_out_of_the_export(root, env):
    outside_copy(root, "shards/000001.tar", "000001.tar")
    for line in (3, 4, 5):
        set_record(root, line, "shard", "../outside/000001.tar")


@case("wds", ("CutMixDataError", ["manifest.jsonl line 1", "absolute path", "outside/000000.tar"]))
def shard_with_an_absolute_path(root, env):
    path = outside_copy(root, "shards/000000.tar", "000000.tar")
    for line in (0, 1, 2):
        set_record(root, line, "shard", path)


@case("wds", ("CutMixDataError", ["manifest.jsonl line 4", "'shards/000001.tar'", "outside the export"]))
def shard_is_a_symlink_to_outside(root, env):
    path = outside_copy(root, "shards/000001.tar", "000001.tar")
    os.remove(os.path.join(root, "shards", "000001.tar"))
    os.symlink(path, os.path.join(root, "shards", "000001.tar"))


@case("wds", ("CutMixDataError", ["manifest.jsonl line 1", "shards/000000.tar", "not a regular file"]))
def shard_is_a_fifo(root, env):
    os.remove(os.path.join(root, "shards", "000000.tar"))
    os.mkfifo(os.path.join(root, "shards", "000000.tar"))


# Item 15: sizes and pixels are checked before anything is read or decoded.

FOUR_GB = 4 << 30


def png_of_zeros(width, height, channels=3):
    """A valid 8-bit PNG of black pixels of any size, made row by row (so a
    400-megapixel one costs a second, not gigabytes)."""
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    compressor, row, idat = zlib.compressobj(1), bytes(1 + width * channels), []
    for _ in range(height):
        idat.append(compressor.compress(row))
    idat.append(compressor.flush())
    color = {1: 0, 3: 2, 4: 6}[channels]
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0))
            + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b""))


def replace_member(root, shard, index, member):
    path = os.path.join(root, "shards", shard)
    members = read_members(path)
    members[index] = member
    write_members(path, members)


def jpeg_sized(width, height):
    """A small real JPEG whose frame header is made to claim width x height:
    libjpeg would allocate and decode the claimed size."""
    import cv2
    data = bytearray(cv2.imencode(".jpg", np.full((16, 16, 3), 128, np.uint8))[1].tobytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "member 000001.png", "4294967296 bytes",
                                   "max_member_bytes=268435456"]))
def member_of_4gb_sparse(root, env):
    # The header claims 4 GB of data; the file is sparse, so it costs no disk.
    replace_member(root, "000000.tar", 3, Raw(header("000001.png", FOUR_GB), FOUR_GB))


@case("wds", ("CutMixLimitError", ["shards/000001.tar", "member 000004.png", "4294967296 bytes",
                                   "max_member_bytes"]))
def member_of_4gb_gnu_sparse(root, env):
    # A GNU sparse member: 512 bytes stored, 4 GB when expanded.
    buf = bytearray(header("000004.png", 512, tarfile.GNUTYPE_SPARSE, tarfile.GNU_FORMAT))
    buf[386:398] = b"%011o\0" % (FOUR_GB - 512)
    buf[398:410] = b"%011o\0" % 512
    buf[483:495] = b"%011o\0" % FOUR_GB
    replace_member(root, "000001.tar", 3, Raw(with_checksum(buf), data=bytes(512)))


@case("wds", ("CutMixDataError", ["shards/000000.tar", "gzip-compressed", "plain tar"]))
def shard_is_a_gzip_bomb(root, env):
    # A gzip of a tar whose second image is 2 GiB of zeros (9 MB compressed).
    import zlib
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(path, "wb") as f:
        for name, data in members[:3]:
            f.write(compressor.compress(header(name, len(data)) + data + bytes(-len(data) % 512)))
        f.write(compressor.compress(header("000001.png", 2 << 30)))
        zeros = bytes(1 << 20)
        for _ in range(2048):
            f.write(compressor.compress(zeros))
        f.write(compressor.flush())


@case("wds", ("CutMixLimitError", ["shards/000001.tar", "member 000005.png", "PNG of 20000 x 20000 pixels",
                                   "max_pixels=100000000"]))
def member_png_of_400_megapixels(root, env):
    replace_member(root, "000001.tar", 6, ("000005.png", env["png400"]))


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "000002.png", "JPEG of 20000 x 20000 pixels", "max_pixels"]))
def member_jpeg_claiming_400_megapixels(root, env):
    replace_member(root, "000000.tar", 6, ("000002.png", jpeg_sized(20000, 20000)))


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "000000.png", "WebP of 16384 x 16384 pixels", "max_pixels"]))
def member_webp_claiming_268_megapixels(root, env):
    import cv2
    data = bytearray(cv2.imencode(".webp", np.zeros((16, 16, 4), np.uint8), [cv2.IMWRITE_WEBP_QUALITY, 101])[1])
    assert data[12:16] in (b"VP8L", b"VP8X")
    if data[12:16] == b"VP8L":
        data[21:25] = struct.pack("<I", (16383 | 16383 << 14) | (int.from_bytes(data[21:25], "little") & ~((1 << 28) - 1)))
    else:
        data[24:30] = (16383).to_bytes(3, "little") * 2
    replace_member(root, "000000.tar", 0, ("000000.png", bytes(data)))


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "000001.png", "6000 x 5000 pixels at 16 bits", "max_pixels"]))
def member_png_16bit_counts_four_times(root, env):
    # 30 megapixels, but at 16 bits it becomes an int32 tensor of 120 million values.
    replace_member(root, "000000.tar", 3, ("000001.png", env["png16"]))


@case("wds", ("ok", [0, 1, 2, 3, 4, 5]), max_pixels=120000000)
def member_png_16bit_loads_with_a_raised_limit(root, env):
    replace_member(root, "000000.tar", 3, ("000001.png", env["png16"]))


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "member 000000.png", "more than max_member_bytes=2000"]),
      max_member_bytes=2000)
def member_over_a_lowered_limit(root, env):
    pass


@case("wds", ("ok", [0, 1, 2, 3, 4, 5]))
def manifest_lines_exactly_at_the_limit(root, env):
    # The newline does not count: max_record_bytes set to the longest line loads.
    with open(os.path.join(root, "manifest.jsonl"), "rb") as f:
        return {"max_record_bytes": max(len(line.rstrip(b"\n")) for line in f)}


@case("wds", ("CutMixLimitError", ["manifest.jsonl", "max_record_bytes="]))
def manifest_lines_one_byte_over_the_limit(root, env):
    with open(os.path.join(root, "manifest.jsonl"), "rb") as f:
        return {"max_record_bytes": max(len(line.rstrip(b"\n")) for line in f) - 1}


@case("wds", ("CutMixLimitError", ["manifest.jsonl line 1", "max_record_bytes=300"]), max_record_bytes=300)
def manifest_line_over_a_lowered_limit(root, env):
    pass


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "member 000000.json", "4294967296 bytes",
                                   "max_record_bytes=4194304"]))
def member_json_of_4gb_sparse(root, env):
    replace_member(root, "000000.tar", 1, Raw(header("000000.json", FOUR_GB), FOUR_GB))


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000000.cls", "1048576 bytes", "not a class number"]))
def member_cls_of_a_megabyte(root, env):
    replace_member(root, "000000.tar", 2, ("000000.cls", b"1" * (1 << 20)))


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "tar header ending at byte 512", "4294967296 bytes",
                                   "max_record_bytes"]))
def pax_header_of_4gb(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    write_members(path, [Raw(header("././@PaxHeader", FOUR_GB, tarfile.XHDTYPE), FOUR_GB)] + read_members(path))


@case("wds", ("CutMixLimitError", ["shards/000001.tar", "tar header ending at byte 7680", "1073741824 bytes",
                                   "max_record_bytes"]))
def gnu_long_name_of_1gb(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    members = read_members(path)
    long_name = Raw(header("././@LongLink", 1 << 30, tarfile.GNUTYPE_LONGNAME, tarfile.GNU_FORMAT), 1 << 30)
    write_members(path, members[:3] + [long_name] + members[3:])


@case("wds", ("CutMixDataError", ["shards/000000.tar", "not a readable tar file", "recursion"]))
def pax_headers_nested_3000_deep(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    pax = Raw(header("././@PaxHeader", 0, tarfile.XHDTYPE))
    write_members(path, [pax] * 3000 + read_members(path))


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000000.json", "negative size"]))
def member_of_negative_size(root, env):
    # A base-256 size of -1024 would step tarfile back onto the member before it, again and again.
    buf = bytearray(header("000000.json", 0))
    buf[124:136] = b"\xff" + (256 ** 11 - 1024).to_bytes(11, "big")
    replace_member(root, "000000.tar", 1, Raw(with_checksum(buf)))


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000000.png", "not a regular file"]))
def member_is_a_symlink(root, env):
    info = tarfile.TarInfo("000000.png")
    info.type, info.linkname, info.mtime = tarfile.SYMTYPE, "/etc/passwd", 0
    replace_member(root, "000000.tar", 0, Raw(info.tobuf(format=tarfile.USTAR_FORMAT)))


@case("wds", ("CutMixDataError", ["shards/000001.tar", "000003.png", "not a PNG, JPEG or WebP"]))
def member_image_is_a_bmp(root, env):
    # OpenCV would decode a BMP (or TIFF, PPM, ...) of any size; only the three formats of export are read.
    import cv2
    replace_member(root, "000001.tar", 0, ("000003.png", cv2.imencode(".bmp", np.zeros((30, 40, 3), np.uint8))[1]
                                           .tobytes()))


@case("wds", ("CutMixDataError", ["shards/000001.tar", "000004.png", "without a frame header"]))
def member_jpeg_of_a_million_segments(root, env):
    # 4-byte comment segments, 1 MB of them: the header scan gives up after its bound.
    replace_member(root, "000001.tar", 3, ("000004.png", b"\xff\xd8" + b"\xff\xfe\x00\x02" * (1 << 18)))


@case("jpg", ("CutMixDataError", ["shards/000001.tar", "member 000004.jpg", "cut short", "end-of-image"]))
def member_jpeg_cut_short(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    members = read_members(path)
    assert members[3][0] == "000004.jpg"
    members[3] = (members[3][0], members[3][1][:len(members[3][1]) // 2])
    write_members(path, members)


@case("wds", ("CutMixLimitError", ["shards/000000.tar", "member 000001.png", "max_member_bytes"]), workers=2)
def limit_error_through_dataloader_workers(root, env):
    # The error keeps its type when a DataLoader worker hands it to the main process.
    replace_member(root, "000000.tar", 3, Raw(header("000001.png", FOUR_GB), FOUR_GB))


@case("stale", ("ok", [0, 1, 2, 3]), workers=2)
def stale_shard_through_dataloader_workers(root, env):
    pass


@case("wds", ("CutMixLimitError", ["manifest.jsonl line 1", "max_record_bytes=4194304"]))
def manifest_of_4gb_sparse(root, env):
    with open(os.path.join(root, "manifest.jsonl"), "wb") as f:
        f.truncate(FOUR_GB)


@case("files", ("CutMixLimitError", ["manifest.jsonl line 2", "images/000001.png", "4294967296 bytes",
                                     "max_member_bytes"]))
def folder_image_of_4gb_sparse(root, env):
    with open(os.path.join(root, "images", "000001.png"), "r+b") as f:
        f.truncate(FOUR_GB)


@case("files", ("CutMixLimitError", ["images/000003.png", "PNG of 20000 x 20000 pixels", "max_pixels"]))
def folder_png_of_400_megapixels(root, env):
    with open(os.path.join(root, "images", "000003.png"), "wb") as f:
        f.write(env["png400"])


# Malformed manifests and members.

@case("wds", ("CutMixDataError", ["manifest.jsonl line 2", "not JSON"]))
def manifest_line_not_json(root, env):
    edit_manifest(root, lambda lines: [lines[0], lines[1][:40]] + lines[2:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 3", "not UTF-8", "0xff"]))
def manifest_line_not_utf8(root, env):
    edit_manifest(root, lambda lines: lines[:2] + [lines[2].replace(b'{"a"', b'{"\xff\xfe"', 1)] + lines[3:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 4", "empty line"]))
def manifest_with_a_blank_line(root, env):
    edit_manifest(root, lambda lines: lines[:3] + [b""] + lines[3:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 2", "not a JSON object"]))
def manifest_line_is_a_list(root, env):
    edit_manifest(root, lambda lines: lines[:1] + [b"[1, 2]"] + lines[2:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 1", "not JSON", "recursion"]))
def manifest_line_nested_deeply(root, env):
    edit_manifest(root, lambda lines: [b"[" * 200000 + b"]" * 200000] + lines[1:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 5", '"label"', "2 values", "has 3"]))
def manifest_label_of_another_length(root, env):
    set_record(root, 4, "label", [0.5, 0.5])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 1", '"label"', "not a finite number"]))
def manifest_label_not_a_number(root, env):
    set_record(root, 0, "label", ["1", 0])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 3", '"label"', "1000000000", "not a finite number"]))
def manifest_label_of_400_digits(root, env):
    # A JSON integer beyond any float: math.isfinite would raise OverflowError on it.
    edit_manifest(root, lambda lines: lines[:2] + [lines[2].replace(b'"label":[', b'"label":[1' + b"0" * 400 + b",", 1)]
                  + lines[3:])


@case("wds", ("CutMixDataError", ["manifest.jsonl line 2", '"shard"', "not a file name"]))
def manifest_shard_not_a_string(root, env):
    set_record(root, 1, "shard", 7)


@case("files", ("CutMixDataError", ["manifest.jsonl line 2", '"file"', "missing"]))
def folder_manifest_without_file(root, env):
    edit_manifest(root, lambda lines: lines[:1] + [b'{"index": 1, "label": [1.0, 0.0, 0.0]}'] + lines[2:])


@case("wds", ("CutMixDataError", ["shards/000001.tar", "member 000004.json", "not UTF-8"]))
def member_json_not_utf8(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    members = read_members(path)
    members[4] = (members[4][0], members[4][1].replace(b'"a"', b'"\xc3\x28"', 1))
    write_members(path, members)


@case("wds", ("CutMixDataError", ["shards/000001.tar", "member 000003.json", "not JSON"]))
def member_json_cut(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    members = read_members(path)
    members[1] = (members[1][0], members[1][1][:50])
    write_members(path, members)


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member 000002.json", '"label"', "not a finite number"]))
def member_label_nan(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    record = json.loads(members[7][1])
    record["label"][0] = float("nan")
    members[7] = (members[7][0], json.dumps(record).encode())
    write_members(path, members)


@case("wds", ("CutMixDataError", ["shards/000000.tar", "000001.cls", "not a class number"]))
def member_cls_not_a_number(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    members[5] = (members[5][0], b"bee")
    write_members(path, members)


@case("wds", ("CutMixDataError", ["shards/000001.tar", "000005.png", "cannot be decoded"]))
def member_image_not_an_image(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    members = read_members(path)
    members[6] = (members[6][0], b"\x89PNG\r\n\x1a\n" + bytes(100))
    write_members(path, members)


@case("wds", ("CutMixDataError", ["shards/000000.tar", "member extra.txt", "not a sample's"]))
def member_of_another_kind(root, env):
    path = os.path.join(root, "shards", "000000.tar")
    members = read_members(path)
    write_members(path, members[:3] + [("extra.txt", b"hello")] + members[3:])


@case("wds", ("CutMixDataError", ["shards/000001.tar", "not a readable tar", "unexpected end of data"]))
def shard_cut_inside_a_member(root, env):
    path = os.path.join(root, "shards", "000001.tar")
    with open(path, "r+b") as f:
        f.truncate(512 + 1000)


# The child: loads each case under the memory limit and says how it ended.

def load(spec):
    sys.path.insert(0, PYTHON_DIR)
    import cutmix_dataset as cd
    workers = spec["kwargs"].pop("workers", 0)
    if spec["kind"] == "shards":
        dataset = cd.CutMixShards(spec["root"], with_record=True, **spec["kwargs"])
        if workers:
            from torch.utils.data import DataLoader
            samples = [s for batch in DataLoader(dataset, batch_size=2, num_workers=workers,
                                                  collate_fn=lambda batch: batch) for s in batch]
            samples.sort(key=lambda s: s[2]["index"])
        else:
            samples = list(dataset)
    else:
        index = spec["kwargs"].pop("index", None)
        dataset = cd.CutMixFolder(spec["root"], with_record=True, **spec["kwargs"])
        if index is not None:
            return [dataset[index][2]["index"]]
        samples = [dataset[i] for i in range(len(dataset))]
    assert len(samples) == len(dataset), "%d samples, len() says %d" % (len(samples), len(dataset))
    return [record["index"] for _, _, record in samples]


def child(specs_path):
    with open(specs_path) as f:
        specs = json.load(f)
    for spec in specs:
        print(json.dumps({"start": spec["name"]}), flush=True)
        try:
            result = {"ok": load(spec)}
        except Exception as e:
            result = {"error": type(e).__name__, "message": str(e)}
        result["name"] = spec["name"]
        print(json.dumps(result), flush=True)


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_child(script, specs, timeout, tmp):
    """The result of each case, from children that run them in turn. A case
    that gives no answer within `timeout` seconds, or kills its child, is
    reported as such and the next child goes on with the cases after it."""
    results = {}
    while True:
        todo = [spec for spec in specs if spec["name"] not in results]
        if not todo:
            return results
        specs_path = os.path.join(tmp, "cases.json")
        with open(specs_path, "w") as f:
            json.dump(todo, f)
        proc = subprocess.Popen([sys.executable, script, "--child", specs_path], stdout=subprocess.PIPE,
                                preexec_fn=limit_memory)
        buffer, running = b"", None
        try:
            while True:
                ready, _, _ = select.select([proc.stdout], [], [], timeout)
                if not ready:
                    results[running] = {"error": "no answer within %d s" % timeout, "message": ""}
                    break
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    message = json.loads(line)
                    if "start" in message:
                        running = message["start"]
                    else:
                        results[message.pop("name")] = message
                        running = None
        finally:
            proc.kill()
            code = proc.wait()
        if running is not None and running not in results:
            results[running] = {"error": "the child died (exit %s) under the %d GiB limit" % (code, MEMORY_LIMIT >> 30),
                                "message": ""}
        elif all(spec["name"] not in results for spec in todo):
            # The child ended without taking up a case (it could not start).
            return dict(results, **{spec["name"]: {"error": "the child exited with %s" % code, "message": ""}
                                    for spec in todo})


def check(results, cases):
    failures = []
    for c in cases:
        r = results.get(c["name"])
        what, detail = c["expect"]
        if r is None:
            failures.append("%s: no result" % c["name"])
        elif what == "ok":
            if r.get("ok") != detail:
                failures.append("%s: expected samples %s, got %s" % (c["name"], detail, r))
        elif r.get("error") != what or not all(w in r["message"] for w in detail):
            failures.append("%s: expected %s naming %s, got %s" % (c["name"], what, detail, r))
        else:
            print("%s: %s: %s" % (c["name"], r["error"], r["message"][:200]))
    return failures


def main():
    if sys.argv[1] == "--child":
        return child(sys.argv[2])
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        make_dataset(data)
        bases = {"wds": os.path.join(tmp, "wds"), "files": os.path.join(tmp, "files"),
                 "stale": os.path.join(tmp, "stale"), "jpg": os.path.join(tmp, "jpg")}
        export(cli, data, bases["wds"], 6, "webdataset")
        export(cli, data, bases["jpg"], 6, "webdataset", image_format="jpg")
        export(cli, data, bases["files"], 4, "files")
        export(cli, data, bases["stale"], 8, "webdataset", shard_samples=4)
        export(cli, data, bases["stale"], 4, "webdataset", seed=5, shard_samples=4, force=True)
        import cv2
        env = {"tmp": tmp, "data": data, "png400": png_of_zeros(20000, 20000),
               "png16": cv2.imencode(".png", np.zeros((5000, 6000), np.uint16))[1].tobytes()}
        specs = []
        for c in CASES:
            root = os.path.join(tmp, "cases", c["name"], "export")
            shutil.copytree(bases[c["base"]], root, symlinks=True)
            kwargs = dict(c["kwargs"], **(c["build"](root, env) or {}))
            if kwargs.pop("through_link", False):
                os.symlink(root, root + "-link")
                root += "-link"
            specs.append({"name": c["name"], "kind": c["kind"], "root": root, "kwargs": kwargs})
        failures = check(run_child(os.path.abspath(__file__), specs, CASE_TIMEOUT, tmp), CASES)
    for f in failures:
        print("FAIL", f)
    if failures:
        sys.exit(1)
    print("%d hostile exports: each loaded or refused as expected, under %d GiB" % (len(CASES), MEMORY_LIMIT >> 30))


if __name__ == "__main__":
    main()
