import pytest

from tsunagaru.legal.markup import render


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("本文です。", "<p>本文です。</p>"),
        ("一行目\n二行目", "<p>一行目<br>\n二行目</p>"),
        ("## 第1条 目的", "<h2>第1条 目的</h2>"),
        ("### 小見出し", "<h3>小見出し</h3>"),
        ("## 見出し\n本文", "<h2>見出し</h2>\n<p>本文</p>"),
        ("## 見出し\n- 項目", "<h2>見出し</h2>\n<ul><li>項目</li></ul>"),
        ("- 一つ目\n- 二つ目", "<ul><li>一つ目</li><li>二つ目</li></ul>"),
        ("1. 一つ目\n2. 二つ目", "<ol><li>一つ目</li><li>二つ目</li></ol>"),
        ("[お問い合わせ](/contact/)", '<p><a href="/contact/">お問い合わせ</a></p>'),
        (
            "[市のサイト](https://www.city.oshu.iwate.jp/)",
            '<p><a href="https://www.city.oshu.iwate.jp/">市のサイト</a></p>',
        ),
        ("段落1\n\n段落2", "<p>段落1</p>\n<p>段落2</p>"),
    ],
)
def test_the_few_shapes_become_html(text, html):
    assert render(text) == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("[x](//evil.example/)", "<p>[x](//evil.example/)</p>"),
        ('[x](/a"onmouseover="b)', '<p><a href="/a&quot;onmouseover=&quot;b">x</a></p>'),
        ("## <b>見出し</b>", "<h2>&lt;b&gt;見出し&lt;/b&gt;</h2>"),
        ("[<i>x</i>](/ok/)", '<p><a href="/ok/">&lt;i&gt;x&lt;/i&gt;</a></p>'),
    ],
)
def test_anything_else_is_shown_as_typed_never_as_markup(text, html):
    assert render(text) == html
