"""The approval notice PDF: render time against a bare page, size, and memory over 500 renders.

Measured: rendering the approval notice from its presenter to PDF/A-3b bytes (template, layout,
HarfBuzz font subsetting, PDF/A), for a typical notice (IPAex Mincho only) and for one with a
rare kanji in the representative's name (𠮷: IPAmj Mincho is embedded too). Baselines, in the
same process: a bare one-page ASCII HTML document rendered by WeasyPrint (a) with the shared
FontConfiguration, as the notices are, and (b) with WeasyPrint's defaults (`write_pdf()`
makes a new FontConfiguration per call).
A floor, also in the same process: the notice's own text (each piece of text of the rendered
template a paragraph of its own) in IPAex Mincho and no other style, through the notices' own
pipeline (documents.pdf.html_to_pdf: the same WeasyPrint, FontConfiguration, PDF/A-3b and
finisher). No rendering of the notice through that pipeline can be cheaper than typesetting
its text, so this shows how near to that the notice is, and what the 1.5× goal leaves.
Goals (issue 4): notice ≤ 1.5× the bare page; ≤ 100 KB; memory flat over 500 renders.
Last, what WeasyPrint's speed patches (documents.pdf_patches) buy: both notices again with the
patches on and with KAKUSHIN_PDF_PATCHES off, in the same process (after the memory figures,
which the unpatched renders' whole-font copies would otherwise weigh on); off, the installed
patch is idle and WeasyPrint's own code runs. benchmarks/README.md keeps the figures.
"""

import os
import time
from dataclasses import replace
from datetime import date
from html import escape
from html.parser import HTMLParser

from django.test.utils import override_settings

from benchmarks.timing import median_seconds, report

RENDERS = 500
GOAL_RATIO = 1.5
GOAL_BYTES = 100 * 1024
BARE = "<!DOCTYPE html><html><body><p>Hello, world.</p></body></html>"


def sample_notice(representative: str = "代表取締役　吉田 太郎"):
    from documents.issued.notices import ApprovalNotice, NoticeHead
    from documents.wording import plan_period

    head = NoticeHead(
        document_number="経革第128号",
        date_label="令和8年11月24日",
        company="株式会社テスト精工",
        representative=representative,
        issuer="神奈川県知事　神奈川 太郎",
        authority="神奈川県知事",
        applied_label="令和8年11月10日",
        reference="KK-2026-00128",
    )
    return ApprovalNotice(
        head=head,
        law="中小企業等経営強化法",
        article="第14条第1項",
        approval_number="経革第128号",
        theme="金属加工技術を応用した医療機器部品の製造と販路の開拓",
        period=plan_period(date(2027, 4, 1), 5),
        activities=("新商品の開発又は生産", "商品の新たな生産又は販売の方式の導入"),
    )


class _Text(HTMLParser):
    """The pieces of text inside <body>, whitespace-trimmed."""

    def __init__(self):
        super().__init__()
        self.in_body, self.pieces = False, []

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"

    def handle_data(self, data):
        if self.in_body and data.strip():
            self.pieces.append(data.strip())


def text_only_html(notice) -> str:
    """The notice's text, a paragraph per piece, in IPAex Mincho and no other style."""
    from documents import pdf

    parser = _Text()
    parser.feed(pdf.render_html(notice.template, {"notice": notice}))
    paragraphs = "".join(f"<p>{escape(piece)}</p>" for piece in parser.pieces)
    return (
        '<!DOCTYPE html><html lang="ja"><head><title>floor</title>'
        "<style>body { font-family: IPAexMincho }</style></head>"
        f"<body>{paragraphs}</body></html>"
    )


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _mb(value: int) -> str:
    return f"{value / 2**20:8.1f} MB"


def run() -> None:
    from documents import pdf
    from documents.issued import notices

    typical = sample_notice()
    rare = replace(typical, head=replace(typical.head, representative="代表取締役　𠮷田 太郎"))
    start = time.perf_counter()
    notices.render_notice(typical)
    cold = time.perf_counter() - start
    weasyprint, font_config, _fetcher = pdf._engine()

    shared = median_seconds(lambda: weasyprint.HTML(string=BARE).write_pdf(font_config=font_config))
    default = median_seconds(lambda: weasyprint.HTML(string=BARE).write_pdf(), repeat=30)
    text = text_only_html(typical)
    floor = median_seconds(lambda: pdf.html_to_pdf(text, page_numbers=False))
    times = {n: median_seconds(lambda n=n: notices.render_notice(n)) for n in (typical, rare)}
    sizes = {n: len(notices.render_notice(n)) for n in (typical, rare)}

    print("Approval notice PDF (PDF/A-3b), median of 50 after 5 warm-up runs")
    report("baseline (a): bare ASCII page, shared fonts", shared, shared)
    report("baseline (b): bare ASCII page, defaults", default, shared)
    report("floor: the typical notice's text, unstyled", floor, shared)
    for label, notice in (("typical (IPAex)", typical), ("with 𠮷 (IPAex + IPAmj)", rare)):
        ratio_a, ratio_b = times[notice] / shared, times[notice] / default
        verdict = "met" if ratio_a <= GOAL_RATIO else "NOT MET"
        report(f"notice, {label}", times[notice], shared)
        print(f"{'  against baseline (b)':<48} {'':11} {ratio_b:6.2f}× baseline (b)")
        print(f"{'  goal ≤ 1.5× baseline (a)':<48} {verdict:>8}")
        print(f"{'  against the floor':<48} {'':11} {times[notice] / floor:6.2f}× floor")
        size = sizes[notice]
        print(f"{'  size':<48} {size / 1024:8.1f} KB  {size / GOAL_BYTES:6.2f}× the 100 KB goal")
    print(f"{'first notice in a fresh process (import, fonts)':<48} {cold * 1000:8.2f} ms")

    first = rss_bytes()
    for n in range(1, RENDERS + 1):
        notices.render_notice(rare)
        if n == 50:
            after_50 = rss_bytes()
    last = rss_bytes()
    print(f"RSS over {RENDERS} renders of the notice with 𠮷 (/proc/self/statm)")
    print(f"{'  before':<48} {_mb(first)}")
    print(f"{'  after 50':<48} {_mb(after_50)}  {after_50 / first:6.2f}× before")
    print(f"{'  after 500':<48} {_mb(last)}  {last / first:6.2f}× before")
    print(f"{'  after 500 / after 50':<48} {last / after_50:8.3f}×")

    print("PDF patches on and off (KAKUSHIN_PDF_PATCHES=False), median of 50 after 5 warm-up")
    for label, notice in (("typical", typical), ("with 𠮷", rare)):
        on = median_seconds(lambda n=notice: notices.render_notice(n))
        with override_settings(KAKUSHIN_PDF_PATCHES=False):
            off = median_seconds(lambda n=notice: notices.render_notice(n))
            size_off = len(notices.render_notice(notice))
        report(f"notice, {label}, patches on", on, shared)
        report(f"notice, {label}, patches off", off, shared)
        print(f"{'  patches on / off':<48} {'':11} {on / off:6.2f}× off")
        print(
            f"{'  size on / off':<48} {sizes[notice] / 1024:8.1f} KB  "
            f"{sizes[notice] / size_off:6.2f}× off ({size_off / 1024:.1f} KB)"
        )
