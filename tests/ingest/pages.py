"""Pages, feeds and archives the ingest tests read: written for the tests, not copied."""

from __future__ import annotations

PARAGRAPHS = (
    "عقدت وزارة الدفاع العراقية، الثلاثاء، اجتماعا موسعا مع ممثلي التحالف الدولي في بغداد، لبحث جدول انسحاب القوات القتالية من قاعدة عين الأسد غربي البلاد.",
    "وقال المتحدث باسم الوزارة، العميد سالم الجبوري، إن «الجانبين اتفقا على استكمال تسليم المعدات قبل نهاية الشهر المقبل، وفق الجدول الذي أقرته اللجنة الفنية المشتركة».",
    "وأضاف الجبوري أن فرقا فنية ستواصل العمل في القاعدة حتى منتصف العام، لتدريب القوات العراقية على صيانة أنظمة الرادار التي ستبقى في الخدمة.",
    "يشار إلى أن قوات التحالف تنتشر في العراق منذ صيف 2014، بطلب من الحكومة العراقية في ذلك الوقت، لمساندتها في الحرب على تنظيم داعش.",
)
TITLE = "بغداد والتحالف يبحثان جدول الانسحاب من عين الأسد"
RELATED = ("القوات الأميركية تبدأ تفكيك منشآت في قاعدة حرير", "البرلمان يستضيف وزير الدفاع لمناقشة الاتفاق الأمني", "الكاظمي يستقبل قائد التحالف")


def article_page(
    *,
    charset: str = "utf-8",
    published_meta: str | None = "2021-11-09T10:20:00+03:00",
    json_ld: str | None = None,
    time_tag: str | None = None,
    related: bool = True,
    inline_related: bool = False,
) -> str:
    """A news page: navigation, headline, share buttons, body, related links, sign-up, footer."""
    meta = f'<meta property="article:published_time" content="{published_meta}">' if published_meta else ""
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{json_ld}"}}</script>' if json_ld else ""
    time_html = f'<time datetime="{time_tag}">{time_tag}</time>' if time_tag else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    if related:
        links = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
        body += f'<div class="related"><p>اقرأ أيضا:</p><ul>{links}</ul></div>'
    if inline_related:
        body += f'<p>اقرأ أيضا: <a href="/news/9">{RELATED[0]}</a></p>'
    body += "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>{TITLE} | شبكة الرافدين</title>
{meta}{ld}
<meta property="og:site_name" content="شبكة الرافدين">
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li></ul></nav></header>
<main><article>
<h1>{TITLE}</h1>{time_html}
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
{body}
<div class="newsletter"><p>اشترك في نشرتنا البريدية ليصلك كل جديد إلى بريدك الإلكتروني</p><form><input type="email"><button>اشترك</button></form></div>
</article></main>
<footer><p>جميع الحقوق محفوظة © 2021 شبكة الرافدين</p></footer>
</body></html>
"""


def feed(items: list[dict[str, str]], *, title: str = "شبكة الرافدين - آخر الأخبار") -> str:
    """An RSS 2.0 feed; each item: title, link, pubDate, and description and/or content."""
    parts = []
    for item in items:
        content = f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>" if "content" in item else ""
        parts.append(
            f"<item><title>{item['title']}</title><link>{item['link']}</link><guid>{item['link']}</guid>"
            f"<pubDate>{item['pubDate']}</pubDate><description>{item.get('description', '')}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://rafidain.example/</link><description>أخبار</description>{''.join(parts)}"
        "</channel></rss>"
    )


def full_text_html() -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
