"""What python-feedparser (behind rss2email and many tools) reads from feed files.

usage: feedparser_entries.py FILES_JSON
FILES_JSON maps each feed file to the Content-Type it is served with. Prints JSON: for each file, whether
feedparser flagged it (bozo, with the reason) and each entry's link, category terms, summary (with its media
type) and contents, in feed order.
"""
import json, sys
import feedparser

result = {}
for path, content_type in json.load(open(sys.argv[1], encoding="utf-8")).items():
    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read(), response_headers={"content-type": content_type})
    result[path] = {
        "problem": str(parsed.get("bozo_exception")) if parsed.bozo else None,
        "entries": [{"link": e.get("link"), "categories": [t.term for t in e.get("tags", [])],
                     "summary": e.get("summary"), "summaryType": e.get("summary_detail", {}).get("type"),
                     "content": [c.value for c in e.get("content", [])]} for e in parsed.entries],
    }
json.dump(result, sys.stdout, ensure_ascii=False)
