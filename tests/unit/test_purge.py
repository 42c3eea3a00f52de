"""Leaving out theme style rules no page can use: what goes, what stays, and that purging twice changes nothing."""

from __future__ import annotations

from jeugddomein.sphinxext.purge import (
    Words,
    custom_properties_named,
    custom_properties_read,
    for_screen,
    purge,
    selector_can_match,
    without_unread_custom_properties,
)

WORDS = Words.of(
    pages=['<div class="card used">', "<p>tekst</p>"],
    scripts=['el.classList.add("show"); tip.className = `bs-tooltip-${placement}`; x = "mode-" + y'],
)


def test_a_rule_stays_when_one_of_its_selectors_can_match():
    css = ".unused{color:red}.card .used,.nowhere{color:blue}p{margin:0}"
    assert purge(css, WORDS) == ".card .used,.nowhere{color:blue}\np{margin:0}"


def test_classes_scripts_add_or_put_together_stay():
    assert selector_can_match(".card.show", WORDS)
    assert selector_can_match(".bs-tooltip-top .tooltip-arrow", WORDS) is False  # tooltip-arrow is in no word
    assert selector_can_match(".bs-tooltip-top", WORDS) and selector_can_match(".mode-dark", WORDS)
    assert not selector_can_match(".bs-popover-top", WORDS)


def test_not_attributes_escapes_and_functional_pseudo_classes_do_not_count_against_a_rule():
    assert selector_can_match(".card:not(.gone)", WORDS)
    assert selector_can_match('[data-x=".gone"] .card', WORDS)
    assert selector_can_match(".md\\:gone", WORDS)
    assert selector_can_match(":is(.gone, .card) p", WORDS)
    assert not selector_can_match(".gone:hover", WORDS)


def test_groups_are_purged_inside_and_dropped_when_empty_other_at_rules_stay():
    css = (
        "@media (min-width:960px){.gone{top:0}.card{top:1px}}"
        "@media print{.gone{top:0}}"
        "@font-face{font-family:x;src:url(a.woff2)}"
        "@keyframes spin{from{transform:none}to{transform:rotate(1turn)}}"
        '@import url("x.css");'
    )
    assert purge(css, WORDS) == (
        "@media (min-width:960px){.card{top:1px}}\n"
        "@font-face{font-family:x;src:url(a.woff2)}\n"
        "@keyframes spin{from{transform:none}to{transform:rotate(1turn)}}\n"
        '@import url("x.css");'
    )


def test_strings_and_comments_with_braces_do_not_confuse_the_reader():
    css = '/* } .card { */ .card::before{content:"}{"}.gone::after{content:"{"}'
    assert purge(css, WORDS) == '.card::before{content:"}{"}'


def test_purging_twice_changes_nothing():
    css = ".unused{a:b}@media screen{.card{a:b}.gone{a:b}}.used,.x{a:b}"
    once = purge(css, WORDS)
    assert purge(once, WORDS) == once and ".gone" not in once and ".unused" not in once


def test_for_the_screen_print_blocks_go_and_everything_else_stays_in_order():
    css = (
        'p{margin:0}@media print{.x{display:none}}@charset "utf-8";'
        "@media only print{p{color:#000}}@media (min-width:992px),print{.y{float:left}}"
        "@media PRINT {.z{color:red}}@supports (display:grid){.g{display:grid}}"
    )
    assert for_screen(css) == (
        'p{margin:0}\n@charset "utf-8";\n@media (min-width:992px),print{.y{float:left}}\n'
        "@supports (display:grid){.g{display:grid}}"
    )
    assert for_screen(for_screen(css)) == for_screen(css)


def test_a_custom_property_nothing_reads_goes_and_what_only_it_read_follows():
    css = ":root{--unread:var(--only-for-unread);--only-for-unread:1px;--read:red;--named:0}a{color:var(--read)}"
    assert (
        without_unread_custom_properties(css, frozenset({"--named"}))
        == ":root{--read:red;--named:0}\na{color:var(--read)}"
    )


def test_a_rule_left_without_declarations_goes_groups_too_and_other_at_rules_stay():
    css = (
        "a{--x:1}@media (min-width:10px){b{--y:2}c{margin:var(--z)}}"
        "@font-face{--w:1}@property --v{syntax:'*'}d{--u:1;&:hover{color:var(--u)}}:root{--z:0}"
    )
    assert without_unread_custom_properties(css, frozenset()) == (
        "@media (min-width:10px){c{margin:var(--z)}}\n@font-face{--w:1}\n@property --v{syntax:'*'}\n"
        "d{--u:1;&:hover{color:var(--u)}}\n:root{--z:0}"
    )


def test_selectors_strings_and_values_with_dashes_or_semicolons_are_not_declarations():
    css = '.card--wide:hover{--gone:1;content:"a;--b:c";margin:0}.x{background:url("a;b.svg")}'
    assert without_unread_custom_properties(css, frozenset()) == (
        '.card--wide:hover{content:"a;--b:c";margin:0}\n.x{background:url("a;b.svg")}'
    )


def test_what_pages_and_scripts_name_and_other_stylesheets_read_counts_as_read():
    named = custom_properties_named(['<svg style="fill: var(--from-page)">', 'el.style.setProperty("--from-js", 1)'])
    assert named == {"--from-page", "--from-js"}
    assert custom_properties_read(".w{color:var( --widget-colour, var(--fallback))}") == {
        "--widget-colour",
        "--fallback",
    }
    css = ":root{--from-page:1;--from-js:2;--widget-colour:3;--fallback:4;--none:5}"
    read = named | custom_properties_read(".w{color:var( --widget-colour, var(--fallback))}")
    assert (
        without_unread_custom_properties(css, read) == ":root{--from-page:1;--from-js:2;--widget-colour:3;--fallback:4}"
    )


def test_leaving_out_unread_custom_properties_twice_changes_nothing():
    css = ":root{--a:var(--b);--b:1;--c:2}p{color:var(--c)}"
    once = without_unread_custom_properties(css, frozenset())
    assert without_unread_custom_properties(once, frozenset()) == once == ":root{--c:2}\np{color:var(--c)}"
