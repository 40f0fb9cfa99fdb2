#!/usr/bin/env python3
"""Story images, StaticNews against Hugo, on the same photos in one run.

A corpus of 4000x3000 JPEGs drawn from seeds (tests/StaticNews.Benchmarks `scenes`: hills, sky, bushes, grain),
one story (StaticNews) or page bundle (Hugo) per photo, and the same files made by both tools from each: widths
480, 800, 1200 and 1600 in WebP and JPEG (Hugo's .Resize) plus the four JPEG crops StaticNews makes of a lead
image, 1200x630, 1200x675, 1200x900 and 1200x1200 (Hugo's .Fill), quality 80, Lanczos. Hugo 0.111 has no AVIF:
StaticNews with AVIF as well is timed beside them and reported on its own line. Clean builds are interleaved
(Hugo, StaticNews, StaticNews with AVIF, then again); then StaticNews builds
again with nothing changed and after its output was deleted, and says how many files it encoded. Wall time, peak
memory (RSS) and CPU time (user + system, what the work cost on a machine other programs load too) by /usr/bin/time.

  python3 bench/images-vs-hugo.py --work /tmp/bench-img-<you> [--photos 200] [--runs 2] [--sn path/to/native/StaticNews]
"""
import argparse, os, re, shutil, subprocess, sys, time
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
p = argparse.ArgumentParser()
p.add_argument("--work", required=True, help="a folder of your own (corpus, sites and outputs go there)")
p.add_argument("--photos", type=int, default=200)
p.add_argument("--runs", type=int, default=2)
p.add_argument("--sn", help="the StaticNews executable (default: the Release build, run with dotnet)")
p.add_argument("--hugo", default="hugo")
args = p.parse_args()
work = Path(args.work).resolve()
work.mkdir(parents=True, exist_ok=True)

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)

# The corpus: generated once, kept between runs of the bench.
photos = work / "photos"
if len(list(photos.glob("*.jpg"))) < args.photos:
    run(["dotnet", "run", "-c", "Release", "--project", str(repo / "tests/StaticNews.Benchmarks"), "--",
         "scenes", str(photos), str(args.photos), "4000", "3000"])
names = sorted(photos.glob("*.jpg"))[: args.photos]
corpus_mb = sum(f.stat().st_size for f in names) / 1e6

def link(src, dst):
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists(): os.link(src, dst)

# StaticNews: one story per photo, the photo its lead image.
def sn_site(name, formats):
    root = work / name / "input"
    if root.exists(): return root
    (root / "articles").mkdir(parents=True)
    (root / "site.yml").write_text(f"title: Bench\nbaseUrl: https://news.example.org/\ndefaultLanguage: id\n"
                                   f"languages:\n  id: {{ name: Bahasa Indonesia }}\nimageFormats: [{formats}]\n")
    for i, photo in enumerate(names):
        story = root / "articles" / f"foto-{i:04d}"
        link(photo, story / "foto.jpg")
        (story / "id.md").write_text(f"---\ntitle: Foto {i}\ndate: 2026-10-01T10:{i % 60:02d}:00+07:00\nimage: foto.jpg\nimage_alt: Foto {i}\n---\nBody.\n")
    return root

# Hugo: one page bundle per photo; its layout asks for the same files.
def hugo_site():
    root = work / f"hugo-{len(names)}"
    if root.exists(): return root
    (root / "layouts/_default").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://news.example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                                    '[imaging]\n  quality = 80\n  resampleFilter = "Lanczos"\n')
    (root / "layouts/_default/single.html").write_text(
        '{{ $img := .Resources.GetMatch "foto.jpg" }}\n'
        '{{ range slice 480 800 1200 1600 }}'
        '{{ ($img.Resize (printf "%dx webp q80" .)).RelPermalink }} {{ ($img.Resize (printf "%dx jpg q80" .)).RelPermalink }}\n'
        '{{ end }}'
        '{{ range slice "1200x630" "1200x675" "1200x900" "1200x1200" }}{{ ($img.Fill (printf "%s Center jpg q80" .)).RelPermalink }}\n{{ end }}\n')
    (root / "layouts/_default/list.html").write_text("{{ .Title }}\n")
    for i, photo in enumerate(names):
        bundle = root / "content/posts" / f"foto-{i:04d}"
        link(photo, bundle / "foto.jpg")
        (bundle / "index.md").write_text(f"---\ntitle: Foto {i}\ndate: 2026-10-01T10:{i % 60:02d}:00+07:00\n---\nBody.\n")
    return root

if args.sn:
    sn_cmd = [str(Path(args.sn).resolve())]
else:
    run(["dotnet", "build", "-c", "Release", str(repo / "src/StaticNews"), "-v", "q", "-nologo"], stdout=subprocess.DEVNULL)
    sn_cmd = ["dotnet", str(repo / "src/StaticNews/bin/Release/net10.0/StaticNews.dll")]

def timed(cmd, cwd=None):
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M %U %S"] + cmd, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    wall, rss, user, system = re.findall(r"TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)", out.stderr)[-1]
    return Timing(float(wall), int(rss) / 1024, float(user) + float(system)), out.stdout + out.stderr

class Timing:
    """Wall time, peak memory and CPU time (user + system: on a loaded machine, what the work itself cost)."""
    def __init__(self, wall, mb, cpu): self.wall, self.mb, self.cpu = wall, mb, cpu
    def __str__(self): return f"{self.wall:.1f} s {self.mb:.0f} MB (CPU {self.cpu:.1f} s)"

def clean(*paths):
    for path in paths:
        if path.is_dir(): shutil.rmtree(path)

sn_webp, sn_avif, hugo = sn_site(f"sn-webp-{len(names)}", "webp"), sn_site(f"sn-avif-{len(names)}", "avif, webp"), hugo_site()

def hugo_clean():
    clean(hugo / "public", hugo / "resources", work / "hugo-cache")
    return timed([args.hugo, "--quiet", "--cacheDir", str(work / "hugo-cache")], cwd=hugo)

def sn_clean(site):
    out = site.parent / "output"
    clean(out, site.parent / ".output.state")
    return timed(sn_cmd + ["build", "--quiet", "--input", str(site), "--output", str(out)])

def encoded(text):
    m = re.search(r"(\d+) images?, (\d+) files encoded", text)
    return m.group(2) if m else "?"

print(f"images-vs-hugo: {len(names)} photos 4000x3000 ({corpus_mb:.0f} MB of JPEG); per photo 12 files in both tools "
      f"(4 widths x WebP+JPEG, 4 crops), 16 in StaticNews with AVIF; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
hugo_files = None
for r in range(1, args.runs + 1):
    h, _ = hugo_clean()
    hugo_files = sum(1 for f in (hugo / "public").rglob("*") if f.suffix in (".webp", ".jpg"))
    s, _ = sn_clean(sn_webp)
    a, _ = sn_clean(sn_avif)
    sn_files = sum(1 for f in (sn_webp.parent / "output/images").rglob("*") if f.is_file())
    print(f"run {r}: hugo {h} {hugo_files} files | staticnews {s} {sn_files} files "
          f"| ratio wall {s.wall / h.wall:.2f} memory {s.mb / h.mb:.2f} CPU {s.cpu / h.cpu:.2f} | with AVIF: {a}", flush=True)

# Nothing changed: no file encoded, nothing rendered. Then the output deleted: the files come from .output.state/images.
out = sn_avif.parent / "output"
t, text = timed(sn_cmd + ["build", "--input", str(sn_avif), "--output", str(out)])
print(f"staticnews (AVIF) again, nothing changed: {t}, {encoded(text)} files encoded")
clean(out)
t, text = timed(sn_cmd + ["build", "--input", str(sn_avif), "--output", str(out)])
print(f"staticnews (AVIF) after deleting its output: {t}, {encoded(text)} files encoded")
