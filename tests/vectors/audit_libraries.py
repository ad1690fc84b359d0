#!/usr/bin/python3
"""`cutmix audit` against batches mixed the way timm and torchvision mix them
(tests/vectors/audit_cases.py): generates every case into a temporary folder,
checks the generated files against tests/data/audit_cases.sums, runs
`cutmix audit DUMP --json REPORT` for each run of each case and compares
every element's verdict and cause with expected.json. Prints a table of the
mismatches; exit 1 when there is one, 0 when everything matches.

usage: audit_libraries.py CUTMIX [--only SUBSTRING ...] [--keep DIR]
  --only   run the cases whose name contains one of the substrings (e.g. uint8)
  --keep   generate into DIR (new or empty) and leave it there
"""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import audit_cases  # noqa: E402

SUMS = os.path.join(here, "..", "data", "audit_cases.sums")


def parse(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__)
        sys.exit(2)
    cli, only, keep = argv[1], [], None
    rest = argv[2:]
    while rest:
        flag = rest.pop(0)
        if flag == "--only" and rest:
            only.append(rest.pop(0))
        elif flag == "--keep" and rest:
            keep = rest.pop(0)
        else:
            print(__doc__)
            sys.exit(2)
    return cli, only, keep


def check_sums(out):
    """The generated files against the committed digests: a difference means
    this NumPy/OpenCV does not reproduce the committed vectors."""
    if not os.path.exists(SUMS):
        return ["no %s to compare with" % os.path.relpath(SUMS)]
    want = {}
    with open(SUMS) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                digest, path = line.rstrip("\n").split("  ", 1)
                want[path] = digest
    got = {}
    for line in audit_cases.digest(out):
        digest, path = line.split("  ", 1)
        got[path] = digest
    problems = ["%s: differs from the committed digest" % p for p in sorted(want) if p in got and got[p] != want[p]]
    problems += ["%s: not generated" % p for p in sorted(set(want) - set(got))
                 if p.split("/")[0] in {k.split("/")[0] for k in got}]
    problems += ["%s: generated, not in the sums" % p for p in sorted(set(got) - set(want))]
    return problems


def run_audit(cli, dump, args, report):
    if os.path.exists(report):
        os.remove(report)
    p = subprocess.run([cli, "audit", dump, "--json", report] + args, capture_output=True, text=True)
    data = None
    if os.path.exists(report):
        with open(report) as f:
            data = json.load(f)
    return p.returncode, (p.stderr + p.stdout).strip(), data


def short(text, n=90):
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 3] + "..."


def main(argv):
    cli, only, keep = parse(argv)
    if keep:
        os.makedirs(keep, exist_ok=True)
        out, tmp = keep, None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="cutmix-audit-cases-")
        out = tmp.name
    if os.listdir(out):
        print("%s is not empty" % out)
        return 2
    audit_cases.generate(out, quiet=True)
    problems = check_sums(out)
    for p in problems:
        print("vectors:", p)
    rows = []  # case, run, element, expected, got, said
    counted = {"cases": 0, "runs": 0, "elements": 0}
    for case in sorted(os.listdir(out)):
        if only and not any(s in case for s in only):
            continue
        with open(os.path.join(out, case, "expected.json")) as f:
            expected = json.load(f)
        counted["cases"] += 1
        for r, run in enumerate(expected["runs"]):
            counted["runs"] += 1
            label = "%s %s" % (run["lam_rule"], " ".join(run["args"])) if run["args"] else run["lam_rule"]
            report = os.path.join(out, case, "report-%d.json" % r)
            code, said, data = run_audit(cli, os.path.join(out, case, "dump"), run["args"], report)
            want_code = 0 if all(e["verdict"] == "agree" for e in run["elements"]) else 1
            if data is None or code not in (0, 1):
                rows.append((case, label, "-", "exit %d" % want_code, "exit %d, no report" % code, short(said)))
                continue
            got = {e["index"]: e for e in data.get("elements", [])}
            for e in run["elements"]:
                counted["elements"] += 1
                g = got.get(e["index"])
                want = "%s/%s" % (e["verdict"], e["cause"] or "-")
                if g is None:
                    rows.append((case, label, e["index"], want, "missing", ""))
                    continue
                have = "%s/%s" % (g.get("verdict"), g.get("cause") or "-")
                if have != want:
                    rows.append((case, label, e["index"], want, have, short(g.get("explanation", ""))))
            if code != want_code:
                rows.append((case, label, "-", "exit %d" % want_code, "exit %d" % code, ""))
    if rows:
        widths = [max(len(str(row[k])) for row in rows + [("case", "run", "elem", "expected", "got", "")])
                  for k in range(5)]
        head = ("case", "run", "elem", "expected", "got", "explanation")
        print("  ".join(str(h).ljust(w) for h, w in zip(head, widths + [0])).rstrip())
        for row in rows:
            print("  ".join(str(v).ljust(w) for v, w in zip(row, widths + [0])).rstrip())
    mismatched = len({(r[0], r[1], r[2]) for r in rows if r[2] != "-"})
    print("%d cases, %d runs, %d elements: %d element mismatches, %d run failures%s" % (
        counted["cases"], counted["runs"], counted["elements"], mismatched,
        sum(1 for r in rows if r[2] == "-"), ", %d vector problems" % len(problems) if problems else ""))
    if keep:
        print("cases kept in", keep)
    if tmp:
        tmp.cleanup()
    return 1 if rows or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
