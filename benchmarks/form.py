"""The application form PDF (様式第1 with 別表1–4 and 6): typical texts and the longest ones.

Measured: rendering the form from its presenter to PDF/A-3b bytes, for a typical plan and for
one whose three texts are at the editor's maximum (TEXT_MAX_LENGTH characters each) with ten
schedule items of 180 characters, against the bare one-page ASCII document of the notice
benchmark (shared FontConfiguration), in the same process. The form is issued when an
applicant, or staff, first downloads it: the longest plan must come out in a request's time.
No goal in the issue beyond that; the figures show how the time follows the text.
"""

from dataclasses import replace

from benchmarks.timing import median_seconds, report

# A paragraph of ten sentences, as applicants write them (about 340 characters).
PARAGRAPH = "当社は金属加工の技術を活かし、医療機器部品の製造に新たに取り組む。" * 10 + "\n"


def _text(length: int) -> str:
    return (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]


def sample_form():
    from documents.issued.form import ApplicationForm, Table

    figures = Table(
        ("項目", "基準年度", "1年目", "2年目", "3年目"), (("売上高", "1", "2", "3", "4"),)
    )
    return ApplicationForm(
        reference="KK-2026-00128",
        version=1,
        date_label="令和8年11月24日",
        addressee="神奈川県知事　殿",
        address="〒231-0023　神奈川県横浜市中区山下町1-1",
        company="株式会社テスト精工",
        representative="代表取締役　吉田 太郎",
        law="中小企業等経営強化法",
        article="第14条第1項",
        theme="金属加工技術を応用した医療機器部品の製造と販路の開拓",
        activities=((True, "新商品の開発又は生産"), (False, "新役務の開発又は提供")),
        existing_business=_text(200),
        content=_text(400),
        novelty=_text(200),
        period="令和9年4月から令和12年3月まで（3年間）",
        targets=Table(
            ("指標", "基準年度", "最終年度", "伸び率"), (("付加価値額", "1", "2", "9.0%"),)
        ),
        schedule=Table(
            ("番号", "実施項目", "実施時期"),
            (("1", "設備導入", "1年目第1四半期～1年目第2四半期"),),
        ),
        figures=figures,
        investment=Table(("項目", "1年目"), (("設備投資", "1,000"),)),
        funding=Table(("調達先", "金額"), (("民間金融機関借入", "1,000"),)),
        support=((True, "日本政策金融公庫"),),
    )


def longest_form():
    from approvals.constants import TEXT_MAX_LENGTH
    from documents.issued.form import Table

    typical = sample_form()
    item = "試作と検証を重ね品質管理体制を整える。" * 9 + "以上"
    return replace(
        typical,
        existing_business=_text(TEXT_MAX_LENGTH),
        content=_text(TEXT_MAX_LENGTH),
        novelty=_text(TEXT_MAX_LENGTH),
        schedule=Table(
            typical.schedule.head,
            tuple((str(n), item, "1年目第1四半期～3年目第4四半期") for n in range(1, 11)),
        ),
    )


def run() -> None:
    from benchmarks.notice import BARE
    from documents import pdf
    from documents.issued.form import render_form

    typical, longest = sample_form(), longest_form()
    render_form(typical)  # the process's first render (imports, fonts) is not measured
    weasyprint, font_config, _fetcher = pdf._engine()
    bare = median_seconds(lambda: weasyprint.HTML(string=BARE).write_pdf(font_config=font_config))
    times = {
        "typical": median_seconds(lambda: render_form(typical), repeat=10, warmup=1),
        "longest": median_seconds(lambda: render_form(longest), repeat=5, warmup=1),
    }
    print("Application form PDF (PDF/A-3b), median of 10 (typical) and 5 (longest) runs")
    report("baseline: bare ASCII page, shared fonts", bare, bare)
    report("form, typical texts", times["typical"], bare)
    report("form, longest texts (3 × 4,000 chars, 10 items)", times["longest"], bare)
    for name, form in (("typical", typical), ("longest", longest)):
        print(f"{'  size, ' + name:<48} {len(render_form(form)) / 1024:8.1f} KB")
