#!/usr/bin/python3
"""How even the planned dots are, region by region, measured independently of the planner.

For every bundled example (or the design folders given), runs `smp design` and reads
dots.csv and design.json. For each fully treated region (all of it treated, at the final
density: treated area = area and mean target = the case's final density, within 1 %) it
prints, for the final dots and for session 1 alone:
  rho        shortest nearest-neighbour distance / d_max
  mean_nn    mean nearest-neighbour distance / d_max
  psi6       global bond-orientational order of the 6 nearest neighbours, in the local
             tangent plane (1 for a hexagonal lattice, near 0 for blue noise)
  density    achieved / target density
with d_max = sqrt(2 / (sqrt(3) N / A)), the hexagonal-packing spacing of N dots on the
region's treated area A, distances on the 3D head positions (KD-tree: scipy).

Usage: bench/spacing-quality.py [--smp build/release/apps/smp/smp] [DESIGN_DIR ...]
Needs Debian's python3-scipy.
"""
import argparse
import csv
import json
import math
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
from scipy.spatial import cKDTree

ROOT = pathlib.Path(__file__).resolve().parent.parent


def read_dots(folder):
    with open(folder / "dots.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    xyz = np.array([[float(r["x_mm"]), float(r["y_mm"]), float(r["z_mm"])] for r in rows])
    session = np.array([int(r["session"]) for r in rows])
    region = np.array([r["region"] for r in rows])
    return xyz, session, region


def psi6(points, all_points, tree):
    """|<psi_6>| with each point's 6 nearest neighbours projected on its tangent plane."""
    _, idx = tree.query(points, k=7)
    total = 0j
    for i, nb in enumerate(idx):
        d = all_points[nb[1:]] - points[i]
        # Tangent plane from the neighbourhood: the two largest principal directions.
        _, _, vt = np.linalg.svd(d - d.mean(axis=0), full_matrices=False)
        e1, e2 = vt[0], vt[1]
        angles = np.arctan2(d @ e2, d @ e1)
        total += np.exp(6j * angles).mean()
    return abs(total) / len(points)


def measure(points, area_mm2, all_points):
    """rho, mean NN / d_max, psi6 of `points` (a region's dots) among `all_points`."""
    tree = cKDTree(all_points)
    dist, _ = tree.query(points, k=2)
    nn = dist[:, 1]
    d_max = math.sqrt(2 / (math.sqrt(3) * len(points) / area_mm2))
    return nn.min() / d_max, nn.mean() / d_max, psi6(points, all_points, tree)


def report(folder, name):
    design = json.loads((folder / "design.json").read_text())
    final_density = design["parameters"]["final_density_per_cm2"]
    xyz, session, region = read_dots(folder)
    first = session == 1
    rows = []
    for r in design["regions"]:
        area, treated = r["area_cm2"], r["treated_area_cm2"]
        if area <= 0 or treated < 0.99 * area:
            continue
        if abs(r["target_density_per_cm2"] - final_density) > 0.01 * final_density:
            continue
        here = region == r["name"]
        if here.sum() < 200:
            continue
        a_mm2 = treated * 100
        rho, mean_nn, order = measure(xyz[here], a_mm2, xyz)
        s1 = here & first
        rho1, mean1, order1 = measure(xyz[s1], a_mm2, xyz[first])
        rows.append((name, r["name"], int(here.sum()), rho, mean_nn, order, rho1, mean1, order1,
                     r["achieved_density_per_cm2"] / r["target_density_per_cm2"]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smp", default=str(ROOT / "build/release/apps/smp/smp"))
    ap.add_argument("designs", nargs="*", type=pathlib.Path)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = [(d, d.name) for d in args.designs]
        if not folders:
            for case in sorted((ROOT / "examples").glob("*.toml")):
                if case.name == "price-book.toml":
                    continue
                out = pathlib.Path(tmp) / case.stem
                subprocess.run([args.smp, "design", str(case), "--out", str(out)], check=True,
                               stdout=subprocess.DEVNULL)
                folders.append((out, case.stem))
        for folder, name in folders:
            rows += report(folder, name)
    print(f"{'example':26} {'region':22} {'dots':>6} {'rho':>6} {'meanNN':>7} {'psi6':>6}"
          f" {'rho_s1':>7} {'mean_s1':>8} {'psi6_s1':>8} {'density':>8}")
    for r in rows:
        print(f"{r[0]:26} {r[1]:22} {r[2]:6d} {r[3]:6.3f} {r[4]:7.3f} {r[5]:6.3f}"
              f" {r[6]:7.3f} {r[7]:8.3f} {r[8]:8.3f} {r[9]:8.3f}")
    if not rows:
        print("no fully treated region", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
