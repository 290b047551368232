#!/usr/bin/env python3
"""Scan fetched git mirrors for CodeCarbon emissions CSVs and extract GPU runs.

Usage: python3 scan_codecarbon.py MIRROR_ROOT OUT_JSONL [--extra MANIFEST_TSV]
Reads every *.csv blob at HEAD plus CSVs deleted in history (read at the parent of the
deleting commit). Standard library only. Emits one JSON object per CSV row (raw fields
plus repo/path/commit), without filtering; filtering is done in build_dataset.py.

--extra MANIFEST_TSV (added for the second holdout, 2026-12-08): a tab-separated file with a
header and the columns repo, path, commit (others ignored). Each (commit, path) of a scanned
repo that the HEAD / deleted-file walk did not already read is read too. The walk misses files
that were renamed or moved away (git log pairs them as renames, not deletions) and files that
exist only on another branch. Without --extra the output is as before.
"""
import csv, io, json, os, subprocess, sys
csv.field_size_limit(10**9)

def git(repo, *args, inp=None):
    return subprocess.run(["git", "-C", repo, *args], input=inp, capture_output=True).stdout

def cat_batch(repo, specs):
    """Return {spec: bytes} via git cat-file --batch."""
    out = {}
    if not specs:
        return out
    p = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    data, _ = p.communicate(("\n".join(specs) + "\n").encode())
    pos = 0
    for spec in specs:
        nl = data.index(b"\n", pos)
        line = data[pos:nl]
        pos = nl + 1
        if line.endswith(b" missing") or line.endswith(b" ambiguous"):
            continue
        hdr = line.rsplit(b" ", 2)
        size = int(hdr[2])
        out[spec] = data[pos:pos + size]
        pos += size + 1
    return out

def is_cc(header):
    h = [c.strip().lower() for c in header]
    return "duration" in h and "emissions" in h and ("project_name" in h) and ("energy_consumed" in h)

def read_extra(path):
    """{repo: [(commit, path), ...]} from a MANIFEST-style TSV (columns repo, path, commit)."""
    out = {}
    with open(path, newline="") as fi:
        for rec in csv.DictReader(fi, delimiter="\t"):
            out.setdefault(rec["repo"], []).append((rec["commit"], rec["path"]))
    return out

def main():
    args = sys.argv[1:]
    extra = {}
    if "--extra" in args:
        i = args.index("--extra")
        extra = read_extra(args[i + 1])
        del args[i:i + 2]
    root, outp = args[0], args[1]
    n_files = 0
    with open(outp, "w") as fo:
        for d in sorted(os.listdir(root)):
            repo = os.path.join(root, d, "repo")
            if not os.path.isdir(repo):
                continue
            name = d.replace("+", "/", 1)
            head = git(repo, "rev-parse", "HEAD").decode().strip()
            files = [f for f in git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode(errors="replace").splitlines() if f.lower().endswith(".csv")]
            specs = [(head, f) for f in files]
            # deleted csv files
            log = git(repo, "log", "--all", "--diff-filter=D", "--name-only", "--pretty=format:@@%H").decode(errors="replace")
            cur = None
            seen = set(files)
            for line in log.splitlines():
                if line.startswith("@@"):
                    cur = line[2:]
                elif line.lower().endswith(".csv") and line not in seen:
                    seen.add(line)
                    parent = git(repo, "rev-parse", cur + "^").decode().strip()
                    if parent:
                        specs.append((parent, line))
            # cap asr-llm-like repos: only files whose name mentions emission when > 3000
            if len(specs) > 3000:
                specs = [s for s in specs if "emission" in s[1].lower()]
            have = set(specs)
            for c, p in extra.get(name, []):
                if (c, p) not in have:
                    have.add((c, p))
                    specs.append((c, p))
            blobs = cat_batch(repo, [f"{c}:{p}" for c, p in specs])
            for c, p in specs:
                b = blobs.get(f"{c}:{p}")
                if not b:
                    continue
                text = b.decode("utf-8", errors="replace")
                first = text.split("\n", 1)[0]
                try:
                    header = next(csv.reader([first]))
                except Exception:
                    continue
                if not is_cc(header):
                    continue
                n_files += 1
                rd = csv.reader(io.StringIO(text))
                hdr = [h.strip() for h in next(rd)]
                for i, row in enumerate(rd):
                    if not row:
                        continue
                    rec = {hdr[j]: row[j].strip() for j in range(min(len(hdr), len(row))) if hdr[j]}
                    rec["_repo"], rec["_path"], rec["_commit"], rec["_line"], rec["_head"] = name, p, c, i + 2, head
                    fo.write(json.dumps(rec) + "\n")
    print("codecarbon files:", n_files, file=sys.stderr)

if __name__ == "__main__":
    main()
