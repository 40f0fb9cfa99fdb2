"""What newsboat stores for feed files: it fetches them (file:// URLs) into its cache, read back here.

usage: newsboat_entries.py WORK_DIR FILE...
Prints JSON: for each file, each entry's link in the order newsboat lists them (newest first);
newsboat keeps no categories.
"""
import json, os, sqlite3, subprocess, sys

work, files = sys.argv[1], sys.argv[2:]
result = {}
# One cache per feed: newsboat keeps an item once by its guid, under the first feed that had it.
for n, path in enumerate(files):
    urls, cache, config = (os.path.join(work, f"{name}-{n}") for name in ("urls", "cache.db", "config"))
    with open(urls, "w", encoding="utf-8") as f:
        f.write("file://" + os.path.abspath(path) + "\n")
    open(config, "w").close()
    subprocess.run(["newsboat", "-u", urls, "-c", cache, "-C", config, "-x", "reload"], check=True,
                   env=dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work), stdin=subprocess.DEVNULL)
    db = sqlite3.connect(cache)
    links = [row[0] for row in db.execute("SELECT url FROM rss_item ORDER BY pubDate DESC, id")]
    db.close()
    result[path] = {"problem": None, "entries": [{"link": link, "categories": None} for link in links]}
json.dump(result, sys.stdout, ensure_ascii=False)
