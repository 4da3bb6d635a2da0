#!/usr/bin/env python3
"""Parse throughput per drafting style, beside `wc -w` on the same input, at several sizes.

For each style, a real text from ../shared/corpus is read once by billdiff (`outline --format json`) to get its
normalized body text (one paragraph per line); that text is repeated to 50 KB, 1 MB and 5 MB and written as
plain text. Each size is then read with `billdiff outline FILE --style ID --format json` (ingest, parse,
JSON) and counted with `wc -w`, five times each; the medians and their ratio are printed. Growth from 1 MB to
5 MB should stay near 5x (n log n allows a little more).

Usage: cargo build --release && python3 benches/styles.py [path/to/billdiff]
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
SAMPLES = [
    ("ca", "ca/sb1047-2024-enrolled.txt"),
    ("us", "formats/us-gpo-xhtml-119hr6028-eh.html"),
    ("tx", "tx/tx-89r-hb101-filed.pdf"),
    ("ny", "ny/ny-lbdc-s434-2015-gbl-new-section.html"),
    ("co", None),  # our fixture in the Colorado style: tests/fixtures/styles/co-consumer-ai-act.txt
    ("wa", "formats/wa-htm-hb1320-s2-2021-session-law.htm"),
    ("eu", "formats/eu-ai-act-2024-1689-markdown-derived.md"),
]
SIZES = [50_000, 1_000_000, 5_000_000]
RUNS = 5


def median_time(cmd):
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "billdiff")
    tmp = tempfile.mkdtemp(prefix="billdiff-styles-")
    print(f"{'style':6} {'size':>9} {'billdiff s':>11} {'wc -w s':>9} {'ratio':>7} {'MB/s':>7}")
    for style, rel in SAMPLES:
        if rel is None:
            src = os.path.join(ROOT, "tests", "fixtures", "styles", "co-consumer-ai-act.txt")
        else:
            src = os.path.normpath(os.path.join(CORPUS, rel))
        out = subprocess.run([exe, "outline", src, "--format", "json"], capture_output=True, check=True).stdout
        doc = json.loads(out)
        body = (doc["bill"] if "bill" in doc else doc)["body"]["text"]
        prev = None
        for size in SIZES:
            text = (body + "\n") * (size // (len(body.encode()) + 1) + 1)
            text = text.encode()[:size].decode(errors="ignore").rsplit("\n", 1)[0] + "\n"
            path = os.path.join(tmp, f"{style}-{size}.txt")
            with open(path, "w") as f:
                f.write(text)
            t_b = median_time([exe, "outline", path, "--style", style, "--format", "json"])
            t_w = median_time(["wc", "-w", path])
            growth = f"  x{t_b / prev:.1f} from the size before" if prev else ""
            prev = t_b
            print(f"{style:6} {size:>9} {t_b:>11.4f} {t_w:>9.4f} {t_b / t_w:>7.1f} {size / t_b / 1e6:>7.2f}{growth}")
    print(f"(inputs in {tmp}; medians of {RUNS} runs)")


if __name__ == "__main__":
    main()
