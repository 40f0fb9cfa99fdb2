#!/usr/bin/env python3
"""Time what a newsroom waits for on a built archive: a breaking story added and the site rebuilt (the CLI, and
`serve`), and a build with nothing changed.

On the corpus of ../shared/bench/make-corpus.py (the one vs-hugo.py uses, in the same --work folder), built once into
out-sn if it is not built yet (a full build, timed). Then, --runs times: a new story folder (a copy of the corpus's
newest story, retitled and dated now, in every language it has) is moved into articles/ and the site built; then built
again with nothing changed. With --serve, the same in a running `staticnews serve`: from the story moved in to the
rebuild reported. Each line says the wall time, the time the build reports, the memory (the CLI's peak; what `serve`
holds once it reported the build) and the files written. At the end the added stories are removed and the site built
once more, so the output matches the corpus again. Run from the repository root, beside ../shared, after a Release
build (or with --sn naming the native executable).

With --against naming another build of StaticNews (as --sn does), it compares the two instead: the built site and its
state folder are copied (the site's files as hard links: publishing in place renames new files in, so the copies part
file by file), and each breaking story is built by both, --sn into out-sn and the other into the copy, the one that goes
first alternating (the other build's first build of the copy renders it whole: another build of the tool is another
build key). Each pair is printed, then the median of the differences in wall time and in CPU time (user and system): on
a machine whose speed drifts by a second within an hour, a change of a few tenths shows only pair by pair.

usage: breaking-story.py [--stories 2000] [--runs 3] [--serve | --against OTHER] [--work DIR] [--sn "dotnet src/StaticNews/bin/Release/net10.0/StaticNews.dll"]
needs: /usr/bin/time (Debian package `time`)
"""
import argparse, datetime, os, re, shlex, shutil, statistics, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench", "make-corpus.py"))
PREFIX = "bench-breaking-"
BUILT = re.compile(r"Built .* in ([0-9.]+) s\. (.*)")
WRITTEN = re.compile(r"([0-9]+) written")


def build(cmd):
    """Runs one build: (wall s, peak MiB, seconds the build reports, files written, CPU s: user and system)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf.name] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall, kb, user, system = tf.read().split()[-4:]
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    reported, written = closing(p.stdout)
    return float(wall), int(kb) / 1024, reported, written, float(user) + float(system)


def closing(output):
    """The build's own time and how many files it wrote, from its closing line."""
    lines = [m for m in map(BUILT.search, output.splitlines()) if m]
    if not lines:
        sys.exit("no closing line (Built ...) in the build's output:\n" + output[-2000:])
    last = lines[-1]
    written = WRITTEN.search(last.group(2))
    return float(last.group(1)), int(written.group(1)) if written else 0


def add_story(articles, template, n, scratch):
    """A copy of the story folder `template`, retitled and dated now, moved into articles/ whole."""
    key = f"{PREFIX}{os.getpid()}-{n}"
    staging = os.path.join(scratch, key)
    os.makedirs(staging)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    for name in sorted(os.listdir(os.path.join(articles, template))):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(articles, template, name), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?m)^title: .*$", f'title: "Breaking {n}: a storm reaches the coast ({name[:-3]})"', text, count=1)
        text = re.sub(r"(?m)^date: .*$", f"date: {now}", text, count=1)
        text = re.sub(r"(?m)^slug: .*\n", "", text)  # its address from its own folder, not the template's
        with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.rename(staging, os.path.join(articles, key))
    return key


def newest_story(articles):
    """The story folder with the most languages, the latest date line among those: what a breaking story is copied from."""
    best = (0, "", None)
    for key in os.listdir(articles):
        if key.startswith(PREFIX):
            continue
        files = sorted(n for n in os.listdir(os.path.join(articles, key)) if n.endswith(".md"))
        if not files:
            continue
        with open(os.path.join(articles, key, files[0]), encoding="utf-8") as f:
            date = next((line for line in f if line.startswith("date: ")), "")
        best = max(best, (len(files), date, key))
    return best[2]


def compare(runs, sn, other, sn_in, out, articles, template, scratch):
    """Each breaking story built by `sn` into out and by `other` into a copy of it, in alternating order; the differences."""
    state = os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.state")
    twin = out + "-against"
    twin_state = os.path.join(os.path.dirname(twin), f".{os.path.basename(twin)}.state")
    for folder in (twin, twin_state):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(out, twin, symlinks=True, copy_function=os.link)
    shutil.copytree(state, twin_state, symlinks=True)
    builds = {"--sn": (sn, out), "--against": (other, twin)}
    differences = []
    try:
        # Another build of the tool is another build key: its first build renders the copy again, whole.
        wall, mib, reported, written, cpu = build(other + ["build", "--input", sn_in, "--output", twin])
        print(f"--against on the copy, first: wall {wall:.2f} s, written {written}", flush=True)
        for i in range(1, runs + 1):
            add_story(articles, template, i, scratch)
            time.sleep(1)
            order = ["--sn", "--against"] if i % 2 else ["--against", "--sn"]
            results = {name: build(builds[name][0] + ["build", "--input", sn_in, "--output", builds[name][1]]) for name in order}
            for name in order:
                wall, mib, reported, written, cpu = results[name]
                print(f"pair {i} {name:10s} wall {wall:7.2f} s  cpu {cpu:6.2f} s  build {reported:6.2f} s  memory {mib:8.1f} MiB  written {written}", flush=True)
            differences.append((results["--against"][0] - results["--sn"][0], results["--against"][4] - results["--sn"][4]))
    finally:
        for folder in (twin, twin_state):
            shutil.rmtree(folder, ignore_errors=True)
    better = sum(1 for wall, _ in differences if wall > 0)
    print(f"--against minus --sn, median of {len(differences)} pairs: wall {statistics.median(d[0] for d in differences):+.2f} s, "
          f"cpu {statistics.median(d[1] for d in differences):+.2f} s; --sn faster in {better} of {len(differences)}")


class Serve:
    """A running `staticnews serve`, its output read line by line."""

    def __init__(self, cmd):
        self.lines, self.cond = [], threading.Condition()
        self.p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def next_build(self, after, timeout=600):
        """Waits for a closing line after the first `after` lines: (its index, the build's time, files written)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i in range(after, len(self.lines)):
                    if BUILT.search(self.lines[i]):
                        return (i + 1,) + closing(self.lines[i])
                if self.p.poll() is not None or time.monotonic() > deadline:
                    sys.exit("serve stopped or never reported a build:\n" + "".join(self.lines[-40:]))
                self.cond.wait(1)

    def rss_mib(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024

    def stop(self):
        self.p.terminate()
        self.p.wait(30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", action="store_true", help="also time breaking stories in a running `staticnews serve`")
    ap.add_argument("--port", type=int, default=5099)
    ap.add_argument("--sn", default="dotnet src/StaticNews/bin/Release/net10.0/StaticNews.dll")
    ap.add_argument("--against", help="another build of StaticNews to compare --sn with, story by story (see above)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "staticnews-bench"))
    a = ap.parse_args()
    if a.against and a.serve:
        ap.error("--against compares CLI builds: give it without --serve")
    corpus = os.path.join(a.work, f"corpus-{a.stories}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, MAKE_CORPUS, corpus, "--stories", str(a.stories)], check=True)
    sn_in = os.path.join(corpus, "staticnews", "input")
    articles = os.path.join(sn_in, "articles")
    out = os.path.join(a.work, "out-sn")
    sn = shlex.split(a.sn)
    cmd = sn + ["build", "--input", sn_in, "--output", out]
    scratch = tempfile.mkdtemp(prefix="breaking-", dir=a.work)
    template = newest_story(articles)
    rows = {"breaking story (CLI)": [], "nothing changed": [], "breaking story (serve)": []}

    def show(label, wall, mib, reported, written, cpu=None):
        print(f"{label:24s} wall {wall:7.2f} s  build {reported:6.2f} s  memory {mib:8.1f} MiB  written {written}", flush=True)

    def cli_and_serve():
        """The breaking stories built with the CLI (each followed by a build with nothing changed), then in `serve`."""
        for i in range(1, a.runs + 1):
            add_story(articles, template, i, scratch)
            time.sleep(1)
            for label in ("breaking story (CLI)", "nothing changed"):
                result = build(cmd)
                rows[label].append(result)
                show(label, *result)
        if a.serve:
            serve = Serve(sn + ["serve", "--input", sn_in, "--output", out, "--port", str(a.port)])
            try:
                seen, reported, written = serve.next_build(0)
                print(f"serve started: its first build {reported:.2f} s, {written} written, {serve.rss_mib():.0f} MiB resident", flush=True)
                for i in range(a.runs + 1, 2 * a.runs + 1):
                    time.sleep(5)  # the preview settles (and reads ahead) between saves, as between an editor's
                    start = time.monotonic()
                    add_story(articles, template, i, scratch)
                    seen, reported, written = serve.next_build(seen)
                    result = (time.monotonic() - start, serve.rss_mib(), reported, written)
                    rows["breaking story (serve)"].append(result)
                    show("breaking story (serve)", *result)
            finally:
                serve.stop()

    try:
        if not os.path.isdir(out):
            show("full build", *build(cmd))
        show("warm-up (nothing new)", *build(cmd))
        if a.against:
            compare(a.runs, sn, shlex.split(a.against), sn_in, out, articles, template, scratch)
        else:
            cli_and_serve()
    finally:
        for key in os.listdir(articles):
            if key.startswith(f"{PREFIX}{os.getpid()}-"):
                shutil.rmtree(os.path.join(articles, key))
        shutil.rmtree(scratch, ignore_errors=True)
    show("stories removed again", *build(cmd))
    for label, results in rows.items():
        if results:
            print(f"median {label:24s} wall {statistics.median(r[0] for r in results):7.2f} s  build {statistics.median(r[2] for r in results):6.2f} s"
                  f"  memory {statistics.median(r[1] for r in results):8.1f} MiB  written {statistics.median(r[3] for r in results):g}")


if __name__ == "__main__":
    main()
