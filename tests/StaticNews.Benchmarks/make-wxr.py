#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2, as WordPress 6 writes it) of a newsroom for measuring `staticnews import wordpress`.

    python3 tests/StaticNews.Benchmarks/make-wxr.py --posts 10000 --out /tmp/wxr-10000.xml --uploads /tmp/wxr-uploads
    /usr/bin/time -v staticnews import wordpress /tmp/wxr-10000.xml --input SITE/input --uploads /tmp/wxr-uploads

Posts come in Polylang translation groups (id original, most with en, some with fr), with Gutenberg and classic
bodies of ~500 words (headings, lists, images, captions, embeds, galleries, a table), categories, tags, a featured
image each, authors, and the other items an export holds (attachments, pages, menu items, comments, drafts,
private posts). Deterministic for a given --seed. --words sets the body length (a 1 GB export: --posts 150000
--words 900).
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

WORDS = ("presiden kunjungan kerja sama negara pemerintah ekonomi rakyat menteri keamanan pasar harga petani "
         "ekspor kopi banjir hujan warga kota desa sekolah guru jalan kereta listrik laut nelayan pulau").split()
LANGS = ["id", "en", "fr"]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng, words):
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 20))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def blocks_body(rng, words, image_url, attachment):
    parts = []
    per = max(20, words // 6)
    for i in range(6):
        parts.append(f"<!-- wp:paragraph -->\n<p>{paragraph(rng, per)} <strong>{rng.choice(WORDS)}</strong> "
                     f"<a href=\"https://kabar.example.org/2019/01/{rng.choice(WORDS)}/\">{rng.choice(WORDS)}</a>.</p>\n<!-- /wp:paragraph -->")
        if i == 1:
            parts.append(f"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">{sentence(rng, 5)}</h2>\n<!-- /wp:heading -->")
        if i == 2:
            parts.append(f"<!-- wp:image {{\"id\":{attachment}}} -->\n<figure class=\"wp-block-image size-large\"><img src=\"{image_url}\" "
                         f"alt=\"{sentence(rng, 4)}\" class=\"wp-image-{attachment}\"/><figcaption class=\"wp-element-caption\">{sentence(rng, 6)}"
                         f"</figcaption></figure>\n<!-- /wp:image -->")
        if i == 3 and rng.random() < 0.3:
            parts.append("<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n"
                         "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
                         "</div></figure>\n<!-- /wp:embed -->")
        if i == 4:
            items = "".join(f"<li>{sentence(rng, 4)}</li>" for _ in range(3))
            parts.append(f"<!-- wp:list -->\n<ul>{items}</ul>\n<!-- /wp:list -->")
        if i == 5 and rng.random() < 0.2:
            parts.append("<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><tbody><tr><td>2018</td><td>12</td></tr>"
                         "<tr><td>2019</td><td>40</td></tr></tbody></table></figure>\n<!-- /wp:table -->")
    return "\n\n".join(parts)


def classic_body(rng, words, image_url, attachment):
    per = max(20, words // 5)
    paras = [paragraph(rng, per) for _ in range(5)]
    paras.insert(2, f"[caption id=\"attachment_{attachment}\" align=\"aligncenter\" width=\"1024\"]<img class=\"size-large wp-image-{attachment}\" "
                    f"src=\"{image_url}\" alt=\"{sentence(rng, 3)}\" width=\"1024\" height=\"683\" /> {sentence(rng, 5)}[/caption]")
    if rng.random() < 0.2:
        paras.append("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    if rng.random() < 0.1:
        paras.append('[contact-form-7 id="5" title="Kontak"]')
    return "\n\n".join(paras)


def item(fields, terms=(), meta=(), comments=0):
    out = ["\t<item>"]
    for key, value in fields:
        out.append(f"\t\t<{key}>{value}</{key.split()[0]}>")
    for domain, nicename, name in terms:
        out.append(f"\t\t<category domain=\"{domain}\" nicename=\"{nicename}\">{cdata(name)}</category>")
    for key, value in meta:
        out.append(f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>")
    for c in range(comments):
        out.append(f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{c}</wp:comment_id>\n\t\t\t<wp:comment_author>{cdata('Pembaca')}</wp:comment_author>\n"
                   f"\t\t\t<wp:comment_content>{cdata('Terima kasih.')}</wp:comment_content>\n\t\t\t<wp:comment_approved>{cdata('1')}</wp:comment_approved>\n\t\t</wp:comment>")
    out.append("\t</item>")
    return "\n".join(out) + "\n"


def post_fields(pid, title, link, creator, content, excerpt, date, post_name, status, post_type, password="", parent=0, attachment_url=None):
    gmt = f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d} {date[3]:02d}:{date[4]:02d}:00"
    local = f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d} {(date[3] + 7) % 24:02d}:{date[4]:02d}:00"
    fields = [
        ("title", cdata(title)), ("link", escape(link)), ("pubDate", "Mon, 01 Jan 2024 00:00:00 +0000"),
        ("dc:creator", cdata(creator)), ("guid isPermaLink=\"false\"", f"https://kabar.example.org/?p={pid}"), ("description", ""),
        ("content:encoded", cdata(content)), ("excerpt:encoded", cdata(excerpt)), ("wp:post_id", str(pid)),
        ("wp:post_date", cdata(local)), ("wp:post_date_gmt", cdata(gmt if status != "draft" else "0000-00-00 00:00:00")),
        ("wp:post_modified", cdata(local)), ("wp:post_modified_gmt", cdata(gmt)),
        ("wp:comment_status", cdata("open")), ("wp:ping_status", cdata("open")), ("wp:post_name", cdata(post_name)),
        ("wp:status", cdata(status)), ("wp:post_parent", str(parent)), ("wp:menu_order", "0"), ("wp:post_type", cdata(post_type)),
        ("wp:post_password", cdata(password)), ("wp:is_sticky", "0"),
    ]
    if attachment_url:
        fields.append(("wp:attachment_url", cdata(attachment_url)))
    return fields


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10000, help="posts (versions of stories) to write")
    parser.add_argument("--words", type=int, default=500, help="words per body")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--out", required=True)
    parser.add_argument("--uploads", help="also write a wp-content/uploads folder with each featured image here (a copy of --image)")
    parser.add_argument("--image", default="tests/StaticNews.Tests/Import/Fixtures/uploads/2019/05/foto-kopi.jpg")
    args = parser.parse_args()
    image = open(args.image, "rb").read() if args.uploads else None
    rng = random.Random(args.seed)
    categories = [("ekonomi", "Ekonomi &amp; Bisnis"), ("politik", "Politik"), ("daerah", "Daerah"), ("olahraga", "Olahraga"), ("budaya", "Budaya")]
    authors = [("rahmat", "Rahmat Hidayat"), ("dewi", "Dewi Lestari"), ("budi", "Budi Santoso"), ("siti", "Siti Aminah")]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<!-- generator="WordPress/6.4.2" -->\n<rss version="2.0"\n'
                  '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
                  '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
                  '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n\t<title>Kabar Nusantara</title>\n'
                  '\t<link>https://kabar.example.org</link>\n\t<language>id-ID</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n'
                  '\t<wp:base_site_url>https://kabar.example.org</wp:base_site_url>\n\t<wp:base_blog_url>https://kabar.example.org</wp:base_blog_url>\n')
        for i, (login, name) in enumerate(authors):
            out.write(f"\t<wp:author><wp:author_id>{i + 2}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
                      f"<wp:author_email>{cdata(login + '@kabar.example.org')}</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n")
        for i, (slug, name) in enumerate(categories):
            out.write(f"\t<wp:category><wp:term_id>{i + 5}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                      f"<wp:category_parent>{cdata('')}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n")
        for lang in LANGS:
            out.write(f"\t<wp:term><wp:term_id>{LANGS.index(lang) + 30}</wp:term_id><wp:term_taxonomy>{cdata('language')}</wp:term_taxonomy>"
                      f"<wp:term_slug>{cdata(lang)}</wp:term_slug><wp:term_name>{cdata(lang)}</wp:term_name></wp:term>\n")
        pid, written, story = 100, 0, 0
        while written < args.posts:
            story += 1
            group = f"pll_{story:08x}"
            month = 1 + story % 12
            date = (2015 + (story // 2000) % 9, month, 1 + story % 28, story % 17, story % 60)
            slug = f"berita-{story}-{rng.choice(WORDS)}"
            attachment = pid
            image_url = f"https://kabar.example.org/wp-content/uploads/{date[0]}/{month:02d}/foto-{story}-1024x683.jpg"
            out.write(item(post_fields(attachment, f"foto-{story}", f"https://kabar.example.org/?attachment_id={attachment}", "rahmat", "",
                                       sentence(rng, 6), date, f"foto-{story}", "inherit", "attachment", parent=attachment + 1,
                                       attachment_url=image_url.replace("-1024x683", "")),
                           meta=[("_wp_attached_file", f"{date[0]}/{month:02d}/foto-{story}.jpg"), ("_wp_attachment_image_alt", sentence(rng, 4))]))
            pid += 1
            if image is not None:
                folder = os.path.join(args.uploads, str(date[0]), f"{month:02d}")
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, f"foto-{story}.jpg"), "wb") as f:
                    f.write(image)
            languages = ["id"] + (["en"] if rng.random() < 0.7 else []) + (["fr"] if rng.random() < 0.3 else [])
            category = rng.choice(categories)
            tags = rng.sample(WORDS, 3)
            status = rng.choices(["publish", "draft", "private", "future"], [0.95, 0.02, 0.02, 0.01])[0]
            for lang in languages:
                if written >= args.posts:
                    break
                blocks = rng.random() < 0.6
                body = (blocks_body if blocks else classic_body)(rng, args.words, image_url, attachment)
                title = sentence(rng, 7)[:-1]
                prefix = "" if lang == "id" else f"/{lang}"
                name = slug if lang == "id" else f"{slug}-{lang}"
                creator = rng.choice(authors)[0]
                post_date = date if status != "future" else (2031, month, 1, 2, 0)
                terms = [("category", category[0] if lang == "id" else f"{category[0]}-{lang}", category[1]),
                         ("language", lang, lang), ("post_translations", group, group)] + [("post_tag", t, t) for t in tags]
                out.write(item(post_fields(pid, title, f"https://kabar.example.org{prefix}/{post_date[0]}/{post_date[1]:02d}/{name}/", creator, body,
                                           sentence(rng, 12), post_date, name, status, "post"),
                               terms=terms, meta=[("_thumbnail_id", str(attachment)), ("_edit_last", "2")], comments=rng.randint(0, 2)))
                pid += 1
                written += 1
            if story % 500 == 0:
                out.write(item(post_fields(pid, "Menu", f"https://kabar.example.org/?p={pid}", "rahmat", "", "", date, str(pid), "publish", "nav_menu_item")))
                pid += 1
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
