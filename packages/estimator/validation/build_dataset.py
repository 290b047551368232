#!/usr/bin/env python3
"""Build measured-runs.csv and sources.csv from scan_codecarbon.py output plus paper tables.

Usage: python3 build_dataset.py CC_ROWS_JSONL MIRROR_ROOT OUT_DIR
       python3 build_dataset.py --holdout2 CC_ROWS_JSONL MIRROR_ROOT OUT_DIR
Standard library only. Deterministic: same input -> same output.

--holdout2 (added 2026-12-08, after the power model and its intervals were fitted): a second,
evaluation-only set. It applies the same CodeCarbon inclusion rules (codecarbon_rows) to the
scanned rows, skips every source already in OUT_DIR/sources.csv (split calibration or holdout),
drops runs already in OUT_DIR/measured-runs.csv (same run_id, or same timestamp, project_name,
duration and energy), labels every new source split "holdout2", writes
OUT_DIR/measured-runs-holdout2.csv (same columns as measured-runs.csv) and appends the new sources
to OUT_DIR/sources.csv with split "holdout2" (rows of an earlier --holdout2 run are replaced; the
calibration and holdout rows are rewritten unchanged). measured-runs.csv is not touched; no paper
rows are added; nothing is re-split.
"""
import csv, hashlib, json, os, subprocess, sys, collections

LICENSES = {  # from the LICENSE file at the mirrored HEAD (first identifying line)
    "Akialess/nnLandmark": "Apache-2.0", "AlejandroDopico2/FedHENet": "MIT",
    "AlessandroPieragostini/HRNet-Human-Pose-Estimation-EigenCAM": "MIT",
    "Ambroise012/Unstructured-pruning-Llama": "MIT", "AmymahMiftah/Model-Compression": "GPL-3.0",
    "ArkNightmaster/AIRA": "MIT", "SmirtiParajuli/green-ai-lifecycle-tracker": "MIT",
    "TheQuantScientist/ChanFormer": "MIT", "eileenpaula/Achieving-Carbon-Efficient-AI": "MIT",
    "ramizouari/BNN": "MIT", "urvog/NLP-Bert-Sentiment-Analysis": "Apache-2.0",
    "sjhuskey/dll-hybrid": "AGPL-3.0", "Xannadoo/carbon-cost-kaggle": "MIT",
}
NO_LICENSE = "no license: only derived figures cited"
SOURCE_FIELDS = ["source_id", "kind", "repository_or_citation", "path", "commit_or_doi", "url", "license", "split", "rows", "notes"]

def f(x):
    try:
        v = float(x)
        return v if v == v else None
    except (TypeError, ValueError):
        return None

PREFER = ["bigscience-workshop/carbon-footprint"]  # originals win over copies of the same log

def rank(r):
    """Lower is preferred when the same run appears twice: original repo, then non-checkpoint path."""
    return (0 if r["_repo"] in PREFER else 1, ".ipynb_checkpoints" in r["_path"], "example" in r["_path"], r["_repo"], r["_path"])

def sid(repo):
    return "gh:" + repo

def cpu_method(r, const_groups):
    cp, ce = f(r.get("cpu_power")), f(r.get("cpu_energy"))
    if not cp or not ce:
        return "not_tracked"
    key = (r["_repo"], r.get("cpu_model", ""))
    vals = const_groups.get(key, set())
    roundish = abs(cp * 4 - round(cp * 4)) < 1e-6
    if roundish or (len(vals) == 1 and const_groups.get(("n",) + key, 0) >= 3):
        return "tdp_constant_likely"
    return "rapl_or_load_model"

def workload(r):
    t = (r.get("project_name", "") + " " + r["_path"] + " " + r.get("task_name", "")).lower()
    if "dl_energy_estimator" in t:
        return "layer micro-benchmark"
    for k, v in (("finetun", "fine-tuning"), ("fine-tun", "fine-tuning"), ("lora", "fine-tuning"), ("train", "training"),
                 ("infer", "inference"), ("eval", "evaluation"), ("bench", "benchmark")):
        if k in t:
            return v
    return ""

common = ["source_id", "source_kind", "gpu_model_raw", "gpu_count", "duration_hours", "energy_kwh", "energy_scope",
          "gpu_energy_kwh", "cpu_energy_kwh", "ram_energy_kwh", "gpu_power_w", "cpu_power_w", "ram_power_w",
          "gpu_utilization_fraction", "cpu_utilization_fraction", "gpu_energy_method", "cpu_energy_method",
          "ram_energy_method", "cpu_model", "cpu_count", "ram_total_size_gb", "country_iso_code", "region",
          "cloud_provider", "cloud_region", "on_cloud", "tracking_mode", "timestamp", "codecarbon_version",
          "project_name", "run_id", "source_path", "source_commit", "workload", "split", "notes"]

def codecarbon_rows(rows):
    """Apply the inclusion rules to scanned CodeCarbon rows; return one output row per kept run."""
    # keep GPU rows; collapse CodeCarbon's cumulative flush rows: one row per run_id (+task_name), max duration
    best, dup_repos = {}, collections.defaultdict(set)
    for r in rows:
        gm = (r.get("gpu_model") or "").strip()
        if not gm or gm.lower() in ("nan", "none"):
            continue
        rid = r.get("run_id") or (r["_path"] + "|" + r.get("timestamp", "") + "|" + r.get("project_name", ""))
        key = (rid, r.get("task_name", ""))
        dup_repos[key].add(r["_repo"])
        d = f(r.get("duration")) or 0
        cur = best.get(key)
        if cur is None or d > (f(cur.get("duration")) or 0) or (
                d == (f(cur.get("duration")) or 0) and rank(r) < rank(cur)):
            best[key] = r
    kept = []
    for key, r in best.items():
        d, e = f(r.get("duration")) or 0, f(r.get("energy_consumed")) or 0
        gc = f(r.get("gpu_count"))
        gm = r["gpu_model"]
        if gc is None and gm[:1].isdigit() and " x " in gm:
            gc = float(gm.split(" x ")[0])
        if gc is None and gm.startswith("Apple"):
            gc = 1.0
        if d > 300 and e > 0 and gc and gc >= 1:
            r["_gc"] = gc
            r["_dups"] = sorted(dup_repos[key] - {r["_repo"]})
            kept.append(r)
    seen2, uniq = {}, []
    for r in sorted(kept, key=rank):
        k2 = (r.get("timestamp", ""), r.get("project_name", ""), round(f(r["duration"]), 1), r.get("energy_consumed"))
        if k2 in seen2:
            seen2[k2]["_dups"] = sorted(set(seen2[k2]["_dups"]) | ({r["_repo"] + ":" + r["_path"]} if r["_repo"] != seen2[k2]["_repo"] else {"copy at " + r["_path"]}))
            continue
        seen2[k2] = r
        uniq.append(r)
    kept = uniq
    # cpu_power constancy per (repo, cpu_model)
    groups = {}
    for r in kept:
        k = (r["_repo"], r.get("cpu_model", ""))
        groups.setdefault(k, set()).add(r.get("cpu_power"))
        groups[("n",) + k] = groups.get(("n",) + k, 0) + 1
    out_rows = []
    for r in sorted(kept, key=lambda r: (r["_repo"], r.get("timestamp", ""), r.get("run_id", ""))):
        gu, cu = f(r.get("gpu_utilization_percent")), f(r.get("cpu_utilization_percent"))
        gm = r["gpu_model"]
        notes = []
        if gm.count(" x ") > 1:
            notes.append("mixed GPUs on host (CodeCarbon concatenates names)")
        if gm.startswith("Apple"):
            notes.append("Apple SoC: not an NVML measurement")
        if r["_gc"] >= 2 and r.get("tracking_mode", "machine") == "machine":
            notes.append("machine mode: all GPUs on host counted, used or idle")
        if r["_dups"]:
            notes.append("same run_id also in: " + ";".join(r["_dups"]))
        if r.get("task_name"):
            notes.append("task_name=" + r["task_name"])
        pue = f(r.get("pue"))
        if pue and pue != 1.0:
            notes.append(f"pue={pue}")
        out_rows.append({
            "source_id": sid(r["_repo"]), "source_kind": "codecarbon-log",
            "gpu_model_raw": gm, "gpu_count": int(r["_gc"]),
            "duration_hours": round(f(r["duration"]) / 3600, 6),
            "energy_kwh": r["energy_consumed"], "energy_scope": "gpu+cpu+ram",
            "gpu_energy_kwh": r.get("gpu_energy", ""), "cpu_energy_kwh": r.get("cpu_energy", ""),
            "ram_energy_kwh": r.get("ram_energy", ""),
            "gpu_power_w": r.get("gpu_power", ""), "cpu_power_w": r.get("cpu_power", ""), "ram_power_w": r.get("ram_power", ""),
            "gpu_utilization_fraction": "" if gu is None else round(gu / 100, 4),
            "cpu_utilization_fraction": "" if cu is None else round(cu / 100, 4),
            "cpu_energy_method": cpu_method(r, groups), "ram_energy_method": "model_w_per_gb",
            "gpu_energy_method": "nvml" if not gm.startswith("Apple") else "apple_powermetrics",
            "cpu_model": r.get("cpu_model", ""), "cpu_count": r.get("cpu_count", ""),
            "ram_total_size_gb": r.get("ram_total_size", ""),
            "country_iso_code": r.get("country_iso_code", ""), "region": r.get("region", ""),
            "cloud_provider": r.get("cloud_provider", ""), "cloud_region": r.get("cloud_region", ""),
            "on_cloud": r.get("on_cloud", ""), "tracking_mode": r.get("tracking_mode", ""),
            "timestamp": r.get("timestamp", ""), "codecarbon_version": r.get("codecarbon_version", ""),
            "project_name": r.get("project_name", ""), "run_id": r.get("run_id", ""),
            "source_path": r["_path"], "source_commit": r["_commit"],
            "workload": workload(r), "notes": "; ".join(notes),
        })
    return out_rows


def main():
    src, mirror, out = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = [json.loads(l) for l in open(src)]
    out_rows = codecarbon_rows(rows)
    # ---- paper / notebook tables (derived figures, attributed) ----
    paper = []
    dodge = [("BERT finetune", 4, "V100", 6, 3.1), ("BERT pretrain", 8, "V100", 36, 37.3),
             ("6B transformer (partial, ~13% of full run)", 256, "A100", 192, 13812.4),
             ("DenseNet121", 1, "P40", 0.3, 0.02), ("DenseNet169", 1, "P40", 0.3, 0.03),
             ("DenseNet201", 1, "P40", 0.4, 0.04), ("ViT Tiny", 1, "V100", 19, 1.7),
             ("ViT Small", 1, "V100", 19, 2.2), ("ViT Base", 1, "V100", 21, 4.7),
             ("ViT Large", 4, "V100", 90, 93.3), ("ViT Huge", 4, "V100", 216, 237.6)]
    for name, n, g, h, e in dodge:
        paper.append({"source_id": "paper:dodge2022", "source_kind": "paper-table", "gpu_model_raw": g,
                      "gpu_count": n, "duration_hours": h, "energy_kwh": e, "energy_scope": "gpu",
                      "gpu_energy_kwh": e, "gpu_energy_method": "azure_gpu_power_telemetry",
                      "cloud_provider": "azure", "workload": "training" if "finetune" not in name else "fine-tuning",
                      "project_name": name,
                      "notes": "Dodge et al. 2022 Table (GPU energy only, measured per GPU on Azure); 'Training Time (H)' is wall-clock hours; duration rounded as published"})
    paper.append({"source_id": "gh:bigscience-workshop/carbon-footprint#bloom-api", "source_kind": "codecarbon-log",
                  "gpu_model_raw": "16 x NVIDIA A100-SXM4-40GB", "gpu_count": 16, "duration_hours": 411.97,
                  "energy_kwh": 864.249121, "energy_scope": "gpu+cpu+ram", "gpu_energy_kwh": 650.817364,
                  "cpu_energy_kwh": 17.508077, "ram_energy_kwh": 195.92368, "gpu_energy_method": "nvml",
                  "cpu_energy_method": "tdp_constant_likely", "ram_energy_method": "model_w_per_gb",
                  "cpu_model": "Intel(R) Xeon(R) CPU @ 2.20GHz", "cpu_count": 96, "ram_total_size_gb": 1338.633,
                  "cloud_provider": "gcp", "timestamp": "2022-10-09T19:09:50", "workload": "inference-serving (BLOOM-176B API)",
                  "source_path": "bloom_api_carbon.ipynb (outputs) + API-logs/info.log", "project_name": "BLOOM API deployment",
                  "notes": "cumulative CodeCarbon totals read from the notebook's printed output (2022-09-22T15:11 to 2022-10-09T19:09); raw log API-logs/19days_carbon.csv not in snapshot; CodeCarbon logged 'CPU constant mode'. Luccioni et al. 2022 report this deployment in the paper; the paper figure was not re-checked here"})
    allrows = out_rows + paper
    # ---- split by source: deterministic hash order, holdout until >= 28% of rows ----
    per = collections.Counter(r["source_id"] for r in allrows)
    order = sorted(per, key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    # walk sources in hash order; put one in holdout while the holdout stays <= 33% of rows,
    # until it holds >= 30% of sources and >= 25% of rows (no source is on both sides)
    total, hold, holdset = sum(per.values()), 0, set()
    for s in order:
        if len(holdset) >= 0.30 * len(per) and hold >= 0.25 * total:
            break
        if hold + per[s] <= 0.33 * total:
            holdset.add(s); hold += per[s]
    for r in allrows:
        r["split"] = "holdout" if r["source_id"] in holdset else "calibration"
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "measured-runs.csv"), "w", newline="") as fo:
        w = csv.DictWriter(fo, fieldnames=common, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in allrows:
            w.writerow({k: r.get(k, "") for k in common})
    # ---- sources ----
    heads = {}
    for r in rows:
        heads[r["_repo"]] = r["_head"]
    srows = []
    for s in sorted(per):
        if s == "paper:dodge2022":
            srows.append({"source_id": s, "kind": "paper-table",
                          "repository_or_citation": "Dodge, Prewitt, Tachet des Combes, Odmark, Schwartz, Strubell, Luccioni, Smith, DeCario, Buchanan. Measuring the Carbon Intensity of AI in Cloud Instances. FAccT 2022",
                          "path": "Table of GPU energy per model (reproduced on docs.codecarbon.io 'Model Comparisons')",
                          "commit_or_doi": "doi:10.1145/3531146.3533234 (arXiv:2206.05229)",
                          "url": "https://arxiv.org/abs/2206.05229 ; https://docs.codecarbon.io/latest/introduction/model_examples",
                          "license": "paper: figures cited as facts with attribution", "rows": per[s],
                          "notes": "GPU-only energy from Azure per-GPU power telemetry; no CPU/RAM/PUE"})
        elif s.startswith("gh:bigscience-workshop/carbon-footprint#"):
            srows.append({"source_id": s, "kind": "codecarbon-log (notebook output)",
                          "repository_or_citation": "bigscience-workshop/carbon-footprint; Luccioni, Viguier, Ligozat 2022/JMLR 2023 'Estimating the Carbon Footprint of BLOOM'",
                          "path": "bloom_api_carbon.ipynb; API-logs/info.log",
                          "commit_or_doi": heads.get("bigscience-workshop/carbon-footprint", ""),
                          "url": "https://github.com/bigscience-workshop/carbon-footprint", "license": NO_LICENSE,
                          "rows": per[s], "notes": "BLOOM-176B API inference deployment on GCP, 16 x A100-SXM4-40GB, ~17.2 days"})
        else:
            repo = s[3:]
            paths = sorted({r["source_path"] for r in out_rows if r["source_id"] == s})
            srows.append({"source_id": s, "kind": "codecarbon-log", "repository_or_citation": repo,
                          "path": ";".join(paths[:5]) + (f";(+{len(paths)-5} more files)" if len(paths) > 5 else ""),
                          "commit_or_doi": heads.get(repo, ""), "url": "https://github.com/" + repo,
                          "license": LICENSES.get(repo, NO_LICENSE), "rows": per[s],
                          "notes": "commit = mirrored HEAD; per-row source_commit in measured-runs.csv (rows from deleted files carry the parent of the deleting commit)"})
    with open(os.path.join(out, "sources.csv"), "w", newline="") as fo:
        w = csv.DictWriter(fo, fieldnames=["source_id", "kind", "repository_or_citation", "path", "commit_or_doi", "url", "license", "split", "rows", "notes"], lineterminator="\n")
        w.writeheader()
        for sr in srows:
            sr["split"] = "holdout" if sr["source_id"] in holdset else "calibration"
            w.writerow(sr)
    print(f"rows={len(allrows)} sources={len(per)} holdout_rows={hold} holdout_sources={len(holdset)}", file=sys.stderr)

def license_found(mirror, repo):
    """SPDX-like id of the LICENSE / LICENCE / COPYING file at the mirrored HEAD's root, else NO_LICENSE."""
    gd = os.path.join(mirror, repo.replace("/", "+", 1), "repo")
    names = subprocess.run(["git", "-C", gd, "ls-tree", "--name-only", "HEAD"], capture_output=True).stdout.decode(errors="replace").splitlines()
    cands = sorted(n for n in names if n.upper().startswith(("LICENSE", "LICENCE", "COPYING")))
    for n in cands:
        t = subprocess.run(["git", "-C", gd, "show", "HEAD:" + n], capture_output=True).stdout.decode(errors="replace")
        u = " ".join(t.split()).upper()
        for key, spdx in (("GNU AFFERO GENERAL PUBLIC LICENSE", "AGPL-3.0"), ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
                          ("GNU GENERAL PUBLIC LICENSE VERSION 3", "GPL-3.0"), ("GNU GENERAL PUBLIC LICENSE VERSION 2", "GPL-2.0"),
                          ("APACHE LICENSE VERSION 2.0", "Apache-2.0"), ("MOZILLA PUBLIC LICENSE", "MPL-2.0"),
                          ("PERMISSION IS HEREBY GRANTED, FREE OF CHARGE", "MIT"), ("THIS IS FREE AND UNENCUMBERED", "Unlicense"),
                          ("NEITHER THE NAME", "BSD-3-Clause"), ("REDISTRIBUTION AND USE IN SOURCE AND BINARY", "BSD-2-Clause"),
                          ("CREATIVE COMMONS", "CC (see " + n + ")")):
            if key in u:
                return spdx
    return "license file not recognized: " + ";".join(cands) if cands else NO_LICENSE

def holdout2(src, mirror, out):
    """Second, evaluation-only holdout: new sources only, split "holdout2" (see the module docstring)."""
    with open(os.path.join(out, "sources.csv"), newline="") as fi:
        old_sources = [r for r in csv.DictReader(fi) if r["split"] != "holdout2"]
    known = {r["source_id"].split("#")[0] for r in old_sources}
    with open(os.path.join(out, "measured-runs.csv"), newline="") as fi:
        old_runs = list(csv.DictReader(fi))
    old_ids = {r["run_id"] for r in old_runs if r["run_id"]}
    old_keys = {(r["timestamp"], r["project_name"], round(float(r["duration_hours"]) * 3600, 1), f(r["energy_kwh"])) for r in old_runs}
    rows = [json.loads(l) for l in open(src)]
    skipped = sorted({r["_repo"] for r in rows if sid(r["_repo"]) in known})
    rows = [r for r in rows if sid(r["_repo"]) not in known]
    kept, dropped = [], collections.Counter()
    for r in codecarbon_rows(rows):
        key = (r["timestamp"], r["project_name"], round(r["duration_hours"] * 3600, 1), f(r["energy_kwh"]))
        if (r["run_id"] and r["run_id"] in old_ids) or key in old_keys:
            dropped[r["source_id"]] += 1
            continue
        r["split"] = "holdout2"
        kept.append(r)
    with open(os.path.join(out, "measured-runs-holdout2.csv"), "w", newline="") as fo:
        w = csv.DictWriter(fo, fieldnames=common, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in kept:
            w.writerow({k: r.get(k, "") for k in common})
    heads = {r["_repo"]: r["_head"] for r in rows}
    per = collections.Counter(r["source_id"] for r in kept)
    with open(os.path.join(out, "sources.csv"), "w", newline="") as fo:
        w = csv.DictWriter(fo, fieldnames=SOURCE_FIELDS, lineterminator="\n")
        w.writeheader()
        for sr in old_sources:
            w.writerow(sr)
        for s in sorted(per):
            repo = s[3:]
            paths = sorted({r["source_path"] for r in kept if r["source_id"] == s})
            commits = sorted({r["source_commit"] for r in kept if r["source_id"] == s})
            w.writerow({"source_id": s, "kind": "codecarbon-log", "repository_or_citation": repo,
                        "path": ";".join(paths[:5]) + (f";(+{len(paths)-5} more files)" if len(paths) > 5 else ""),
                        "commit_or_doi": heads.get(repo, ""), "url": "https://github.com/" + repo,
                        "license": license_found(mirror, repo), "split": "holdout2", "rows": per[s],
                        "notes": "gathered 2026-12-08, after the fit: evaluation only; commit = mirrored HEAD; per-row source_commit in measured-runs-holdout2.csv"
                                 + ("" if commits == [heads.get(repo, "")] else " (some rows read at an earlier or other-branch commit: a deleted, moved or since-changed file)")})
    print(f"holdout2: rows={len(kept)} sources={len(per)} skipped_known_sources={skipped} "
          f"dropped_as_in_measured_runs={dict(sorted(dropped.items()))}", file=sys.stderr)

if __name__ == "__main__":
    if sys.argv[1:2] == ["--holdout2"]:
        holdout2(*sys.argv[2:5])
    else:
        main()
