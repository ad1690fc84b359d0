#!/usr/bin/python3
"""Keeps the documentation true: README.md and every page under docs/.

    check_docs.py CUTMIX [--only examples|links|schema|tables] [-v]

1. Examples. Every command in a fenced code block (sh, bash, console or no
   language) is run with CUTMIX as `cutmix`: a line starting with `cutmix `
   in a block without prompts, or a line starting with `$ ` (any shell
   command; the lines after it, up to the next `$ `, are its standard output,
   compared with what it prints: a line `...` stands for any lines, `...`
   inside a line for any text). A trailing `\\` continues a command on the
   next line. It must exit 0, or the code a trailing comment `# exit N`
   states.
   Each block runs in a fresh folder holding the bundled images under the
   names the examples use (cat.png, cup.png, rocket.jpg, horse.png,
   coins.png, camera.png, a class-folder dataset data/) and the files the
   docs themselves define: a fenced block right after a line
   `<!-- file: NAME -->` is written as NAME into every folder.
2. Links. Every relative link and image in the docs exists; every anchor
   (#...) is a heading of its target (GitHub's rule); every image under
   docs/ is shown by some page.
3. The record schema. Real records, from `cutmix mix` for every method and
   convention the CLI offers, multi-source mixes, mixes with boxes,
   `grid --json`,
   `compare --json` and the manifests and shard members of exports in both
   layouts, validate against docs/record.schema.json (python3-jsonschema),
   and the schema is strict: a record without any one of its keys, with a
   key of the wrong type, or with a key more, is refused. Every key the
   schema names is described in docs/record.md.
4. The tables. The README's table of commands and the pages in
   docs/commands/ are exactly the commands `cutmix --commands` lists; the
   parameter table of docs/cli.md is exactly the keys of a preset, with the
   flags `cutmix export --help` offers; every option the docs mention (a
   word starting with --) is one that cutmix or cutmix-studio takes, or
   another program's (OTHER_FLAGS below).
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
RESOURCES = os.path.join(ROOT, "resources")

# The example folder: names the examples use -> bundled images.
FIXTURE_IMAGES = {
    "cat.png": "chelsea.png",
    "cup.png": "coffee.png",
    "rocket.jpg": "rocket.jpg",
    "horse.png": "horse.png",
    "coins.png": "coins.png",
    "camera.png": "camera.png",
    "data/cat/chelsea.png": "chelsea.png",
    "data/cat/horse.png": "horse.png",
    "data/cup/coffee.png": "coffee.png",
    "data/cup/coins.png": "coins.png",
    "data/space/rocket.jpg": "rocket.jpg",
    "data/space/camera.png": "camera.png",
}

# Flags of other programs that the docs mention (scripts, CMake, CTest,
# Slurm, the training scripts whose flags the recipes name).
OTHER_FLAGS = {
    "--sanitize", "--fuzz",                      # scripts/test.sh
    "--keys", "--click",                         # scripts/look.sh
    "--call-graph",                              # perf record
    "--tool",                                    # valgrind
    "--build", "--install", "--preset",          # cmake
    "--repeat", "--output-on-failure",           # ctest
    "--array", "--wait",                         # sbatch
    "--beta", "--cutmix_prob",                   # the official train.py
    "--mixup", "--cutmix",                       # timm's train.py
    "--quick", "--only",                         # tests/vectors scripts
    "--commands", "--version", "--help",         # cutmix itself
}

COMMAND_TIMEOUT = 300
failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


# ---- reading the docs


def doc_files():
    files = [os.path.join(ROOT, "README.md")]
    for folder, _, names in sorted(os.walk(os.path.join(ROOT, "docs"))):
        files += [os.path.join(folder, n) for n in sorted(names) if n.endswith(".md")]
    return files


def rel(path):
    return os.path.relpath(path, ROOT)


FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")


class Block:
    def __init__(self, path, line, lang, file_name):
        self.path, self.line, self.lang, self.file_name = path, line, lang, file_name
        self.lines = []


def parse(path):
    """The fenced blocks of a page, and its text outside them (for links)."""
    blocks, prose = [], []
    block, fence, pending_file = None, None, None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = FENCE.match(line)
            if block is None:
                if m:
                    fence = m.group(2)
                    block = Block(path, number, m.group(3).lower(), pending_file)
                    pending_file = None
                    prose.append((number, ""))
                    continue
                fm = re.match(r"^\s*<!--\s*file:\s*(\S+)\s*-->\s*$", line)
                pending_file = fm.group(1) if fm else None
                prose.append((number, line))
            else:
                if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence) and not m.group(3):
                    blocks.append(block)
                    block = None
                    prose.append((number, ""))
                else:
                    block.lines.append(line)
                    prose.append((number, ""))
    if block is not None:
        fail(f"{rel(path)}:{block.line}", "a code block that is never closed")
    return blocks, prose


# ---- 1. examples

SHELL_LANGS = {"", "sh", "bash", "shell", "console"}
EXIT_COMMENT = re.compile(r"#\s*exit\s+(\d+)\s*$")


class Example:
    def __init__(self, block, line, command):
        self.block, self.line, self.command = block, line, command
        self.expected = None  # lines of standard output, or None: not compared
        m = EXIT_COMMENT.search(command)
        self.exit_code = int(m.group(1)) if m else 0

    def where(self):
        return f"{rel(self.block.path)}:{self.line}"


def examples_of(block):
    if block.lang not in SHELL_LANGS or block.file_name:
        return []
    prompted = any(l.startswith("$ ") for l in block.lines)
    out, i = [], 0
    lines = block.lines
    while i < len(lines):
        line = lines[i]
        is_command = line.startswith("$ ") if prompted else re.match(r"^cutmix\s", line)
        if not is_command:
            if prompted and out and out[-1].expected is not None:
                out[-1].expected.append(line)
            i += 1
            continue
        start = i
        text = line[2:] if prompted else line
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i].strip()
        ex = Example(block, block.line + 1 + start, text)
        if prompted:
            ex.expected = []
        out.append(ex)
        i += 1
    for ex in out:
        if ex.expected is not None:
            while ex.expected and not ex.expected[-1].strip():
                ex.expected.pop()
            if not ex.expected:
                ex.expected = None
    return out


def output_matches(expected, actual):
    """Doctest-like: a line '...' matches any lines, '...' in a line any text."""
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = [re.escape(p) for p in line.rstrip().split("...")]
            parts.append("[^\n]*?".join(pieces) + r"\n")
    pattern = "".join(parts)
    text = "\n".join(l.rstrip() for l in actual.rstrip("\n").split("\n")) + "\n"
    return re.fullmatch(pattern, text, re.S) is not None


def make_fixture(folder, defined_files):
    for name, source in FIXTURE_IMAGES.items():
        target = os.path.join(folder, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(RESOURCES, source), target)
    for name, (text, _) in defined_files.items():
        target = os.path.join(folder, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)


def check_examples(cutmix, pages, work, verbose):
    defined = {}
    for path, (blocks, _) in pages.items():
        for b in blocks:
            if b.file_name:
                if b.file_name in defined:
                    fail(f"{rel(path)}:{b.line}", f"{b.file_name} is defined twice (also {defined[b.file_name][1]})")
                defined[b.file_name] = ("\n".join(b.lines) + "\n", f"{rel(path)}:{b.line}")
    template = os.path.join(work, "fixture")
    make_fixture(template, defined)
    bin_dir = os.path.join(work, "bin")
    os.makedirs(bin_dir)
    os.symlink(cutmix, os.path.join(bin_dir, "cutmix"))
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
               QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    runs = []
    for path, (blocks, _) in pages.items():
        for n, block in enumerate(blocks):
            examples = examples_of(block)
            if examples:
                runs.append((os.path.join(work, f"{rel(path).replace(os.sep, '-')}-{n}"), examples))

    def run_block(folder, examples):
        """Runs one block's commands in order in a fresh folder; returns (problems, notes)."""
        problems, notes = [], []
        # Hard links: no example writes into an input (cutmix never writes over its inputs).
        shutil.copytree(template, folder, copy_function=os.link)
        for ex in examples:
            started = time.monotonic()
            try:
                run = subprocess.run(["bash", "-o", "pipefail", "-c", ex.command], cwd=folder, env=env,
                                     stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                     timeout=COMMAND_TIMEOUT)
            except subprocess.TimeoutExpired:
                problems.append((ex.where(), f"did not finish in {COMMAND_TIMEOUT} s: {ex.command}"))
                continue
            notes.append(f"  {time.monotonic() - started:5.2f} s  {ex.where()}: {ex.command}")
            if run.returncode != ex.exit_code:
                problems.append((ex.where(), f"exit code {run.returncode}, the docs say {ex.exit_code}: {ex.command}\n"
                                 f"    stderr: {run.stderr.strip()[:600]}"))
            elif ex.expected is not None and not output_matches(ex.expected, run.stdout):
                problems.append((ex.where(), f"the output differs from the docs: {ex.command}\n--- the docs\n"
                                 + "\n".join(ex.expected) + "\n--- cutmix\n" + run.stdout.rstrip()[:3000]))
        return problems, notes

    # Blocks are independent (each its own folder): run them side by side,
    # report in the pages' order.
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 2)) as pool:
        results = list(pool.map(lambda r: run_block(*r), runs))
    count = sum(len(examples) for _, examples in runs)
    for problems, notes in results:
        if verbose:
            print("\n".join(notes), flush=True)
        for where, message in problems:
            fail(where, message)
    print(f"examples: {count} commands run")
    if count == 0:
        fail("docs", "no example found")


# ---- 2. links

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
IMAGE_EXT = (".png", ".gif", ".jpg", ".jpeg", ".webp", ".svg")


def slug(heading):
    """GitHub's anchor of a heading."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links and images: their text
    text = text.replace("`", "")
    text = re.sub(r"(\*\*|__|\*)", "", text)
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors_of(path, pages):
    if path not in pages:
        return set()
    found, seen = set(), {}
    for _, line in pages[path][1]:
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            base = slug(m.group(2))
            k = seen.get(base, 0)
            found.add(base if k == 0 else f"{base}-{k}")
            seen[base] = k + 1
        for a in re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", line):
            found.add(a)
    return found


def check_links(pages):
    shown = set()
    count = 0
    for path, (_, prose) in pages.items():
        for number, line in prose:
            for target in LINK.findall(CODE_SPAN.sub("", line)):
                count += 1
                where = f"{rel(path)}:{number}"
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue  # http(s), mailto: not checked (no network in tests)
                file_part, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
                if not os.path.exists(dest):
                    fail(where, f"link to a missing file: {target}")
                    continue
                shown.add(dest)
                if anchor:
                    if not dest.endswith(".md"):
                        fail(where, f"an anchor into a file that is not a page: {target}")
                    elif anchor not in anchors_of(dest, pages):
                        fail(where, f"no heading '#{anchor}' in {rel(dest)}: {target}")
    for folder, _, names in os.walk(os.path.join(ROOT, "docs")):
        for n in names:
            p = os.path.join(folder, n)
            if n.lower().endswith(IMAGE_EXT) and p not in shown:
                fail(rel(p), "an image that no page shows")
    print(f"links: {count} checked")


# ---- 3. the record schema


def cutmix_run(cutmix, args, cwd):
    run = subprocess.run([cutmix] + args, cwd=cwd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if run.returncode != 0:
        raise RuntimeError(f"cutmix {' '.join(args)} exited {run.returncode}: {run.stderr.strip()}")
    return run.stdout


def listed_names(help_text, option):
    """The names a --help lists under an option (' name: what it is' lines)."""
    names, inside = [], False
    for line in help_text.splitlines():
        if re.match(r"^\s{2}-", line):
            inside = re.match(rf"^\s{{2}}{re.escape(option)}\b", line) is not None
            continue
        m = re.match(r"^\s+([a-z][a-z0-9-]*): ", line)
        if inside and m:
            names.append(m.group(1))
    return names


def collect_records(cutmix, folder):
    """(kind, where, record) for every kind of record the tool writes."""
    mix_help = cutmix_run(cutmix, ["mix", "--help"], folder)
    methods = listed_names(mix_help, "--method")
    conventions = listed_names(mix_help, "--convention")
    if "cutmix" not in methods or "official" not in conventions:
        fail("cutmix mix --help", f"cannot read the methods ({methods}) or conventions ({conventions})")
    compare_help = cutmix_run(cutmix, ["compare", "--help"], folder)
    m = re.search(r"panels from:\s*([a-z, \n-]+?)\s*\(default", compare_help)
    panels = [p.strip() for p in m.group(1).replace("\n", " ").split(",")] if m else []
    if "original" not in panels:
        fail("cutmix compare --help", f"cannot read the panels ({panels})")

    # (what, kind, the command, the file of records: None for standard output)
    jobs = []
    mixes = [[f"--method={m}"] for m in methods] + [[f"--convention={c}"] for c in conventions]
    mixes += [["--method=cutout", "--fill=noise", "--smoothing=0.1", "--classes=5"]]
    for i, extra in enumerate(mixes):
        # Mosaic mixes four images; every other method two.
        mosaic = ["rocket.jpg", "horse.png", "--mosaic-size", "64"] if extra == ["--method=mosaic"] else []
        jobs.append((f"cutmix mix {' '.join(extra)}", "mixRecord",
                     ["mix", "cat.png", "cup.png"] + mosaic + ["-o", f"mix{i}.png", "--seed", str(i)] + extra, None))
    for i, more in enumerate((["rocket.jpg"], ["rocket.jpg", "horse.png", "coins.png", "camera.png", "cat.png",
                                               "cup.png"])):
        jobs.append((f"cutmix mix with {2 + len(more)} sources", "mixRecord",
                     ["mix", "cat.png", "cup.png"] + more + ["-o", f"multi{i}.png", "--json", f"multi{i}.json"],
                     f"multi{i}.json"))
    for i, rule in enumerate(("ultralytics", "all")):
        jobs.append((f"cutmix mix --boxes --box-rule {rule}", "mixRecord",
                     ["mix", "cat.png", "cup.png", "-o", f"objects{i}.png", "--seed", "7", "--boxes", "cat.txt",
                      "cup.txt", "--box-rule", rule, "--json", f"objects{i}.json"], f"objects{i}.json"))
    # Ultralytics' CutMix, pasting (seed 3) and not (seed 0: every candidate
    # meets the rocket), and Mosaic, with boxes.
    for seed in (0, 3):
        jobs.append((f"cutmix mix --method cutmix-ultralytics --boxes --seed {seed}", "mixRecord",
                     ["mix", "rocket.jpg", "cat.png", "-o", f"ultralytics{seed}.png", "--seed", str(seed), "--method",
                      "cutmix-ultralytics", "--boxes", "rocket.txt", "cat.txt", "--box-rule", "ultralytics", "--json",
                      f"ultralytics{seed}.json"], f"ultralytics{seed}.json"))
    jobs.append(("cutmix mix --method mosaic --boxes", "mixRecord",
                 ["mix", "cat.png", "cup.png", "rocket.jpg", "horse.png", "-o", "mosaic.png", "--method", "mosaic",
                  "--mosaic-size", "64", "--boxes", "cat.txt", "cup.txt", "rocket.txt", "horse.txt", "--json",
                  "mosaic.json"], "mosaic.json"))
    grids = [["cat.png", "cup.png"], ["--dataset", "data/", "--sources", "3"], ["--dataset", "data/", "--method",
                                                                                "resizemix"]]
    for i, extra in enumerate(grids):
        jobs.append((f"cutmix grid {' '.join(extra)} --json", "gridRecord",
                     ["grid"] + extra + ["-o", f"grid{i}.png", "--rows", "1", "--cols", "3", "--tile", "48", "--json",
                                         f"grid{i}.jsonl"], f"grid{i}.jsonl"))
    jobs.append(("cutmix compare --json", "mixRecord",
                 ["compare", "cat.png", "cup.png", "-o", "compare.png", "--panel", "64", "--methods", ",".join(panels),
                  "--json", "compare.jsonl"], "compare.jsonl"))
    jobs.append(("cutmix compare --boxes --json", "mixRecord",
                 ["compare", "cat.png", "cup.png", "-o", "compare-boxes.png", "--panel", "64", "--methods",
                  ",".join(panels), "--boxes", "cat.txt", "cup.txt", "--box-rule", "albumentations", "--json",
                  "compare-boxes.jsonl"], "compare-boxes.jsonl"))
    exports = [["--layout", "files"], ["--layout", "files", "--method", "cutout"],
               ["--layout", "webdataset", "--shard-samples", "3", "--sources", "3"],
               ["--layout", "webdataset", "--method", "fmix"]]
    for i, extra in enumerate(exports):
        kind = "shardRecord" if "webdataset" in extra else "manifestRecord"
        jobs.append((f"cutmix export {' '.join(extra)}: manifest.jsonl", kind,
                     ["export", "data/", "-o", f"export{i}", "--count", "6", "--size", "32x32", "--quiet", "--seed",
                      "5"] + extra, f"export{i}/manifest.jsonl"))

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outputs = list(pool.map(lambda job: cutmix_run(cutmix, job[2], folder), jobs))

    def lines(name):
        with open(os.path.join(folder, name)) as f:
            return [json.loads(l) for l in f if l.strip()]

    records = []
    for (what, kind, args, name), out in zip(jobs, outputs):
        if name is None:
            found = [json.loads(out)]
        elif name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                found = [json.load(f)]
        else:
            found = lines(name)
        if not found:
            fail(what, "wrote no record")
        records += [(kind, what, r) for r in found]
        if kind == "shardRecord":
            # Each sample's .json member in its shard is its manifest line.
            folder_of = os.path.dirname(os.path.join(folder, name))
            by_file = {r["file"]: r for r in found}
            for shard in sorted({r["shard"] for r in found}):
                with tarfile.open(os.path.join(folder_of, shard)) as tar:
                    for member in tar.getmembers():
                        if member.name.endswith(".json"):
                            r = json.loads(tar.extractfile(member).read())
                            records.append((kind, f"{what[:-len('manifest.jsonl')]}{shard} {member.name}", r))
                            if by_file.get(r.get("file")) != r:
                                fail(f"{what}: {shard} {member.name}", "the member's record is not its manifest line")
    with open(os.path.join(folder, "export0", "run.json")) as f:
        run_json = json.load(f)
    return records, run_json


def schema_keys(schema):
    keys = set()
    for name in ("draw", "sample", "gridRecord", "shardRecord"):
        keys |= {k for k, v in schema["$defs"][name].get("properties", {}).items() if v is not False}
    return keys


def check_schema(cutmix, work):
    try:
        import jsonschema
    except ImportError:
        fail("schema", "python3-jsonschema is not installed (scripts/test.sh installs it)")
        return None
    with open(os.path.join(ROOT, "docs", "record.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validators = {}

    def validator(kind):
        if kind not in validators:
            validators[kind] = jsonschema.Draft202012Validator(
                {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})
        return validators[kind]

    def errors(kind, record):
        return list(validator(kind).iter_errors(record))

    def refused(kind, record):
        return not validator(kind).is_valid(record)

    folder = os.path.join(work, "records")
    make_fixture(folder, {})
    # The bundled boxes of the cat and the cup, for records with objects.
    for name, source in (("cat.txt", "chelsea.txt"), ("cup.txt", "coffee.txt"), ("rocket.txt", "rocket.txt"),
                         ("horse.txt", "horse.txt")):
        shutil.copyfile(os.path.join(RESOURCES, "labels", source), os.path.join(folder, name))
    try:
        records, run_json = collect_records(cutmix, folder)
    except (RuntimeError, ValueError, OSError) as e:
        fail("records", str(e))
        return None
    top = jsonschema.Draft202012Validator(schema)
    for kind, where, record in records:
        for e in errors(kind, record)[:3]:
            fail(f"record of {where}", f"does not fit docs/record.schema.json ({kind}): "
                 f"{'/'.join(map(str, e.absolute_path)) or 'the record'}: {e.message[:300]}")
        if not top.is_valid(record):
            fail(f"record of {where}", "does not fit docs/record.schema.json as a whole")
    # Strictness: one record of each kind and method, each key taken away,
    # given a value of another type, and a key added.
    probes, seen = [], set()
    for kind, where, record in records:
        sig = (kind, record.get("method"), "boxes" in record, "objects" in record, record.get("skipped") is None)
        if sig not in seen:
            seen.add(sig)
            probes.append((kind, where, record))
    for kind, where, record in probes:
        for key in record:
            taken = {k: v for k, v in record.items() if k != key}
            if not refused(kind, taken):
                fail("docs/record.schema.json", f"accepts the record of {where} without '{key}'")
            wrong = dict(record, **{key: 12345 if isinstance(record[key], str) else "x"})
            if not refused(kind, wrong):
                fail("docs/record.schema.json", f"accepts '{key}' of the wrong type in the record of {where}")
        if not refused(kind, dict(record, unknown_key=1)):
            fail("docs/record.schema.json", f"accepts a key more in the record of {where}")
    # Every key the schema names is described in docs/record.md.
    with open(os.path.join(ROOT, "docs", "record.md"), encoding="utf-8") as f:
        described = set(re.findall(r"`([a-z_0-9]+)`", f.read()))
    for key in sorted(schema_keys(schema) - described):
        fail("docs/record.md", f"does not describe the record's key '{key}'")
    print(f"schema: {len(records)} records of {len(seen)} kinds validated, {len(probes)} probed for strictness")
    return run_json


# ---- 4. the tables


def table_rows(lines, header_first_cell):
    """The rows (lists of cells) of the first table whose header starts with the given cell."""
    rows, inside = [], False
    for _, line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.strip().startswith("|") else None
        if cells is None:
            if inside:
                break
            continue
        if not inside:
            if cells[0] == header_first_cell:
                inside = True
            continue
        if not set(cells[0]) <= set("-: "):
            rows.append(cells)
    return rows


def flags_of(text):
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9_-]*)", text))


def check_tables(cutmix, pages, run_json, work):
    listed = cutmix_run(cutmix, ["--commands"], work)
    commands = [l.split("\t")[0] for l in listed.splitlines() if l.strip()]
    readme = os.path.join(ROOT, "README.md")
    rows = table_rows(pages[readme][1], "command")
    in_readme = []
    for cells in rows:
        m = re.match(r"^\[`cutmix ([a-z]+)`\]\(docs/commands/([a-z]+)\.md\)$", cells[0])
        if not m or m.group(1) != m.group(2):
            fail("README.md", f"a row of the command table is not [`cutmix X`](docs/commands/X.md): {cells[0]}")
        else:
            in_readme.append(m.group(1))
    if in_readme != commands:
        fail("README.md", f"the command table lists {in_readme}; `cutmix --commands` lists {commands} (same order)")
    pages_dir = os.path.join(ROOT, "docs", "commands")
    on_disk = sorted(n[:-3] for n in os.listdir(pages_dir) if n.endswith(".md"))
    if on_disk != sorted(commands):
        fail("docs/commands/", f"has pages for {on_disk}; the commands are {sorted(commands)}")

    all_flags = set()
    for c in commands:
        all_flags |= flags_of(cutmix_run(cutmix, [c, "--help"], work))
    studio_main = os.path.join(ROOT, "app", "studio", "main.cpp")
    with open(studio_main, encoding="utf-8") as f:
        studio = set("--" + n for n in re.findall(r"QCommandLineOption\s*\w*\s*[({]\s*(?:QStringList\s*\{\s*)?"
                                                  r"(?:\"[a-z]\"\s*,\s*)?\"([a-z][a-z-]+)\"", f.read()))
    if len(studio) < 3:
        fail(rel(studio_main), f"cannot read cutmix-studio's options ({sorted(studio)})")
    known = all_flags | studio | OTHER_FLAGS
    for path, (blocks, prose) in pages.items():
        text = "\n".join(l for _, l in prose) + "\n" + "\n".join(
            "\n".join(b.lines) for b in blocks if b.lang not in ("python", "json"))
        for flag in sorted(flags_of(text) - known):
            fail(rel(path), f"mentions {flag}, which neither cutmix nor cutmix-studio takes "
                            "(another program's flag: add it to OTHER_FLAGS in tests/docs/check_docs.py)")

    # The parameter table: the keys of a preset (run.json's params), each
    # with the flag the CLI offers for it.
    cli = os.path.join(ROOT, "docs", "cli.md")
    rows = table_rows(pages[cli][1], "key")
    documented = {}
    for cells in rows:
        key, flag = cells[0].strip("`"), cells[1].strip("`")
        documented[key] = flag
    if run_json is not None:
        keys = set(run_json.get("params", {})) - {"cutmix_preset"}
        if set(documented) != keys:
            fail("docs/cli.md", f"the parameter table has {sorted(set(documented) - keys)} more and "
                                f"{sorted(keys - set(documented))} less than a preset's keys")
    export_flags = flags_of(cutmix_run(cutmix, ["export", "--help"], work))
    for key, flag in documented.items():
        if flag not in export_flags:
            fail("docs/cli.md", f"the parameter '{key}' is given as {flag}, which cutmix export does not take")
    print(f"tables: {len(commands)} commands, {len(documented)} parameters, {len(all_flags | studio)} flags known")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cutmix", help="the cutmix executable to run the examples with")
    parser.add_argument("--only", choices=["examples", "links", "schema", "tables"])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    cutmix = os.path.abspath(args.cutmix)
    pages = {p: parse(p) for p in doc_files()}
    with tempfile.TemporaryDirectory(prefix="check_docs-") as work:
        if args.only in (None, "links"):
            check_links(pages)
        run_json = None
        if args.only in (None, "schema", "tables"):
            run_json = check_schema(cutmix, work)
        if args.only in (None, "tables"):
            check_tables(cutmix, pages, run_json, work)
        if args.only in (None, "examples"):
            check_examples(cutmix, pages, os.path.join(work, "examples"), args.verbose)
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    print(f"docs: {len(failures)} problems" if failures else "docs: all true")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
