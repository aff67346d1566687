#!/usr/bin/env python3
"""Builds the country outlines embedded in the HTML map (src/formats/map_world.txt and
src/formats/map_region.txt) from Natural Earth via the npm package `world-atlas` (TopoJSON).

    python3 tools/build_map.py                       # fetches world-atlas@2.0.2 with `npm pack`
    python3 tools/build_map.py --atlas DIR            # an unpacked world-atlas package

Natural Earth is public domain; world-atlas (the TopoJSON conversion) is ISC-licensed. Arcs are
simplified once (Douglas-Peucker, shared borders stay shared), rings are assembled, tiny islands
dropped, the region file is clipped to the region's box. Output: `#` header lines, then one ring
per line, `country<TAB>lon,lat lon,lat ...` with coordinates in hundredths of a degree.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VERSION = "2.0.2"
# The region most news here is about: North Africa, the Horn, the Middle East, Turkey, Iran,
# the Caucasus, Afghanistan and Pakistan (lon -20..80, lat -5..50).
REGION = (-20.0, -5.0, 80.0, 50.0)


def fetch(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", f"world-atlas@{VERSION}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("world-atlas-*.tgz"))
    with tarfile.open(tgz) as t:
        t.extractall(tmp, filter="data")
    return tmp / "package"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def dp(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps both ends."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm else math.hypot(px - x1, py - y1)
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep) if k]


def rings(topo: dict, arcs: list[list[tuple[float, float]]]):
    """(country name, ring) for every ring of every country."""
    def arc(i: int):
        return arcs[i] if i >= 0 else arcs[~i][::-1]

    for g in topo["objects"]["countries"]["geometries"]:
        name = (g.get("properties") or {}).get("name", "")
        polys = g.get("arcs", [])
        if g["type"] == "Polygon":
            polys = [polys]
        elif g["type"] != "MultiPolygon":
            continue
        for poly in polys:
            for ring_arcs in poly:
                ring: list[tuple[float, float]] = []
                for i in ring_arcs:
                    pts = arc(i)
                    ring.extend(pts if not ring else pts[1:])
                yield name, ring


def area(r: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]))) / 2


def clip(r: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    for inside, cut in edges:
        out: list[tuple[float, float]] = []
        for i, cur in enumerate(r):
            prev = r[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
        r = out
        if not r:
            break
    return r


def build(path: Path, tol: float, min_area: float, box, header: str) -> str:
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = [dp(a, tol) for a in decode_arcs(topo)]
    lines = [header]
    pieces = []
    for name, ring in rings(topo, arcs):
        # A ring that crosses the antimeridian (Russia, Fiji) jumps by ~360 degrees: unwrap it,
        # then keep its parts on each side of 180 degrees, each clipped to the map's lon range.
        un = [ring[0]]
        for x, y in ring[1:]:
            px = un[-1][0]
            while x - px > 180:
                x -= 360
            while x - px < -180:
                x += 360
            un.append((x, y))
        lo, hi = min(p[0] for p in un), max(p[0] for p in un)
        if lo >= -180 and hi <= 180:
            pieces.append((name, ring))
            continue
        for shift in (-360, 0, 360):
            moved = [(x + shift, y) for x, y in un]
            part = clip(moved, (-180.0, -90.0, 180.0, 90.0))
            if len(part) >= 3:
                pieces.append((name, part))
    for name, ring in pieces:
        if box:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) < box[0] or min(xs) > box[2] or max(ys) < box[1] or min(ys) > box[3]:
                continue
            ring = clip(ring, box)
        q = []
        for x, y in ring:
            p = (round(x * 100), round(y * 100))
            if not q or q[-1] != p:
                q.append(p)
        if len(q) > 1 and q[0] == q[-1]:
            q.pop()
        if len(q) < 3 or area([(x / 100, y / 100) for x, y in q]) < min_area:
            continue
        lines.append(name.replace("\t", " ") + "\t" + " ".join(f"{x},{y}" for x, y in q))
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--atlas", type=Path, help="unpacked world-atlas package (default: npm pack it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch(Path(tmp))
        common = (
            f"# Source: Natural Earth (public domain) via the npm package world-atlas {VERSION} (ISC licence),\n"
            "# built by tools/build_map.py. One ring per line: country<TAB>lon,lat ... in hundredths of a degree.\n"
        )
        world = build(atlas / "countries-110m.json", 0.15, 0.3, None,
                      "# Country outlines of the world for the HTML map (1:110m, simplified to 0.15 degrees).\n" + common.rstrip("\n"))
        region = build(atlas / "countries-50m.json", 0.03, 0.005, REGION,
                       f"# Country outlines of the region lon {REGION[0]}..{REGION[2]}, lat {REGION[1]}..{REGION[3]} for the HTML map\n"
                       "# (1:50m, simplified to 0.03 degrees, clipped to the region).\n" + common.rstrip("\n"))
    for name, content in (("map_world.txt", world), ("map_region.txt", region)):
        out = REPO / "src" / "formats" / name
        out.write_text(content, encoding="utf-8")
        print(f"{out.relative_to(REPO)}: {content.count(chr(10)) - 4} rings, {len(content.encode()) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
