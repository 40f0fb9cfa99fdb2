#!/usr/bin/env python3
"""The size of a built site, part by part: how many files, their bytes (apparent size, and what they take on disk),
each part's share of the whole, and the median, 95th percentile and largest file of each part.

Parts follow the output layout the README describes: story pages, listing pages (language homes, categories, tags,
authors), feeds by kind (live per language, per category, tag and author, RFC 5005 archive pages), sitemaps, and the
rest. A page at an address no story has any more (the redirect page of an old address) counts as a story page.
Folders are counted apart: every story page is an index.html in a folder of its own, which a file system charges for.

  python3 bench/output-size.py path/to/output
"""
import os, statistics, sys
from collections import defaultdict
from pathlib import Path

FEEDS = ("rss.xml", "atom.xml", "feed.json")
LISTINGS = {"category": "category", "tag": "tag", "author": "author"}


def part(relative: str, languages: set) -> str:
    """The part of the site a file belongs to, from its path in the output ('/'-separated)."""
    segments = relative.split("/")
    name = segments[-1]
    if len(segments) == 1:
        if name.startswith(("sitemap", "news-sitemap")):
            return "sitemaps (index, per language, news)"
        return "site files (chooser, 404, robots.txt, _headers, _redirects, OPML)"
    top = segments[0]
    if top not in languages:
        return {"assets": "theme assets", "images": "images", "pagefind": "search index"}.get(top, "other files (input/static, author photos)")
    rest = segments[1:]
    if rest[0] == "archive":
        return f"feeds: archive pages, {name}"
    if len(rest) == 1 and name in FEEDS:
        return f"feeds: live per language, {name}"
    if rest[0] in LISTINGS:
        kind = LISTINGS[rest[0]]
        return f"feeds: per {kind}, {name}" if name in FEEDS and len(rest) == 3 else f"pages: {kind} listings"
    if name != "index.html" and not name.endswith(".html"):
        return "story files (PDF documents)"
    if rest == ["index.html"] or rest[0] == "page":
        return "pages: language homes"
    if rest[0] in ("feeds", "corrections", "search") or name == "404.html":
        return "pages: feeds, corrections, search, 404"
    return "pages: stories"


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    # A language's folder is the one with its live feed.
    languages = {d.name for d in root.iterdir() if (d / "rss.xml").is_file()}
    sizes, disk = defaultdict(list), defaultdict(int)
    folders = folder_disk = 0
    for directory, subfolders, files in os.walk(root):
        for sub in subfolders:
            folders += 1
            folder_disk += os.lstat(os.path.join(directory, sub)).st_blocks * 512
        for file in files:
            path = os.path.join(directory, file)
            stat = os.lstat(path)
            kind = part(os.path.relpath(path, root).replace(os.sep, "/"), languages)
            sizes[kind].append(stat.st_size)
            disk[kind] += stat.st_blocks * 512
    total = sum(sum(v) for v in sizes.values())
    total_disk = sum(disk.values())

    def percentile(values, p):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    print("| part | files | MB | share | MB on disk | share | median bytes | p95 bytes | largest |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in sorted(sizes, key=lambda k: -sum(sizes[k])):
        v = sizes[kind]
        print(f"| {kind} | {len(v):,} | {sum(v) / 1e6:,.1f} | {100 * sum(v) / total:.1f}% | {disk[kind] / 1e6:,.1f} | "
              f"{100 * disk[kind] / total_disk:.1f}% | {int(statistics.median(v)):,} | {percentile(v, .95):,} | {max(v):,} |")
    print(f"| all files | {sum(len(v) for v in sizes.values()):,} | {total / 1e6:,.1f} | | {total_disk / 1e6:,.1f} | | | | |")
    print(f"| folders | {folders:,} | | | {folder_disk / 1e6:,.1f} | | | | |")


main()
