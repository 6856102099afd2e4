"""The exports: safe to open (CSV formulas, Markdown structure, control characters) and usable by
data users (typed CSV columns, a JSON Schema that a real export validates against, Markdown that
renders in CommonMark exactly as intended, with its sources)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import jsonschema
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from hustings.compare.comparison import NOTHING_SAID, ROWS, Comparison, compare
from hustings.compare.flags import FlagKind
from hustings.output.csv_writer import COLUMNS, NUMERIC_COLUMNS, neutralise, render_csv, text_cell
from hustings.output.export_schema import FLAG_CODES, ROW_KEYS, Export, export_schema
from hustings.output.json_writer import render_json
from hustings.output.markdown import escape, render_markdown
from hustings.policy.policy_set import LoadedPolicy, PolicySet
from hustings.policy.sanitize import UNSAFE, safe
from hustings.proof.load import load_paths

from .conftest import POLICIES
from .crafted import CONTROL, crafted_comparison, texts

# --- building comparisons ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Comparison:
    return compare(load_paths())


def all_exports(comparison: Comparison) -> dict[str, str]:
    return {
        "csv": render_csv(comparison),
        "markdown": render_markdown(comparison),
        "json": render_json(comparison),
    }


# --- CSV: formulas ------------------------------------------------------------------------------


QUOTES = "'\"‘’“”"


def undo_neutralise(cell: str) -> str:
    """The rule policies/README.md gives a data user, written here independently of the writer:
    drop the first ' when what follows has a tab or CR in its leading run of whitespace and
    quotes, or has = + - @ right after that run."""
    if not cell.startswith("'"):
        return cell
    rest = cell[1:]
    run = 0
    while run < len(rest) and (rest[run].isspace() or rest[run] in QUOTES):
        run += 1
    formula_like = any(c in "\t\r" for c in rest[:run]) or rest[run : run + 1] in tuple("=+-@")
    return rest if formula_like else cell


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),  # after leading whitespace
        ("\u00a0-1", "'\u00a0-1"),  # Unicode whitespace too
        ('"=1+1', "'\"=1+1"),  # after a quote
        ("'=1+1", "''=1+1"),  # already quoted: still one more, so the rule reverses exactly
        ("“ @x", "'“ @x"),
        ("Ordered = fine", "Ordered = fine"),  # a trigger later in the cell is harmless
        ("1-2", "1-2"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_a_quote_to_formula_cells(cell: str, written: str) -> None:
    assert neutralise(cell) == written
    assert undo_neutralise(written) == cell


def test_text_cells_make_tab_and_cr_visible_before_neutralising() -> None:
    assert text_cell("\t=1") == "\\t=1"  # a visible escape: no longer a formula or a tab
    assert text_cell("\r@x") == "\\r@x"
    assert text_cell(" \x1b]52;c;aGk=\x07") == " \\x1b]52;c;aGk=\\x07"  # no longer an escape
    assert text_cell(" \n=1") == "' \n=1"  # a newline is kept (multi-line text), and skipped


@settings(max_examples=300, deadline=None)
@given(texts)
def test_neutralise_reverses_exactly_by_the_documented_rule(cell: str) -> None:
    assert undo_neutralise(neutralise(cell)) == cell


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def assert_spreadsheet_safe(csv_text: str) -> None:
    """No text cell starts with a trigger, even past whitespace or quotes, unless behind a '."""
    for line in read_csv(csv_text):
        for column, cell in line.items():
            if column in NUMERIC_COLUMNS:
                assert cell == "" or cell.isdigit(), (column, cell)
            else:
                assert cell[:1] not in tuple("=+-@\t\r"), (column, cell)
                assert neutralise(cell) == cell or cell.startswith("'"), (column, cell)


def test_formula_text_in_a_policy_is_neutralised_in_every_text_cell() -> None:
    hostile = ["=1+1", "+cmd|' /C calc'!A0", " -1", "@SUM(A1)", '"=2', "\t=3"]
    out = render_csv(crafted_comparison(hostile))
    assert_spreadsheet_safe(out)
    from_policy = ("policy_name", "summary", "quote", "speaker", "source_headline", "scope")
    for line in read_csv(out):
        for column in from_policy:
            cell = line[column]
            if column == "scope" and not line["headline"]:
                continue  # a claim with no figure has no scope
            assert cell in {text_cell(h) for h in hostile}, cell
            # neutralised, or (the tab) already harmless as a visible escape
            assert cell.startswith("'") or cell == "\\t=3", cell


def test_numeric_columns_are_bare_integers_and_text_is_quoted(bundled: Comparison) -> None:
    out = render_csv(bundled)
    typed = list(csv.reader(io.StringIO(out), quoting=csv.QUOTE_NONNUMERIC))
    header, rows = typed[0], typed[1:]
    number, amount = header.index("number"), header.index("amount")
    officers = next(r for r in rows if r[header.index("claim_id")] == "officers-1300")
    assert officers[number] == 1300.0  # unquoted in the file: a number to a spreadsheet
    savings = next(r for r in rows if r[header.index("claim_id")] == "savings-360m")
    assert savings[amount] == 360_000_000.0 and savings[number] == ""
    assert all(isinstance(r[header.index("summary")], str) for r in rows)


def test_a_negative_figure_is_never_written_as_a_number(bad_dir) -> None:
    """A negative figure (built directly: `check` may refuse it) stays out of the typed column;
    its text column, the headline, is neutralised like any other cell."""
    (bad_dir / "valid.toml").write_text((bad_dir / "_valid.toml.txt").read_text("utf-8"), "utf-8")
    item = load_paths([bad_dir / "valid.toml"]).policies[0]
    claim = item.policy.claims[0]
    assert claim.officers is not None
    negative = msgspec.structs.replace(
        claim, officers=msgspec.structs.replace(claim.officers, number=-5)
    )
    policy = msgspec.structs.replace(item.policy, claims=[negative])
    comparison = compare(PolicySet((LoadedPolicy(policy, item.path, item.context),), ()))
    lines = read_csv(render_csv(comparison))
    assert [(line["number"], line["headline"]) for line in lines] == [("", "'-5")]


# --- CSV: typed columns -------------------------------------------------------------------------


def test_csv_has_the_typed_columns_beside_the_text_ones(bundled: Comparison) -> None:
    every = read_csv(render_csv(bundled))
    lines = {line["claim_id"]: line for line in every if line["claim_id"]}
    assert len(lines) == 28
    # Each candidate the articles say nothing about: one line, the one sentence, nothing else.
    silent = [line for line in every if not line["claim_id"]]
    assert len(silent) == 11
    assert {line["summary"] for line in silent} == {NOTHING_SAID}
    khan = lines["officers-1300"]
    assert khan["headline"] == "≈1,300"  # the text column, as before
    assert (khan["number"], khan["approximate"], khan["qualifier"]) == ("1300", "true", "")
    assert khan["kinds"] == "police officers; PCSOs; special constables"
    assert (khan["scope"], khan["period"], khan["amount"]) == ("London", "not stated", "")
    assert khan["source_date"] == "2024-03-27"
    assert khan["source_url"].startswith("https://walthamforestecho.co.uk/2024/03/27/")
    assert khan["flag_codes"].split("; ")[0] == "conditional"
    labour = lines["officers-13000"]
    assert (labour["number"], labour["approximate"], labour["kinds"]) == (
        "13000",
        "false",
        "not stated",
    )
    savings = lines["savings-360m"]
    assert (savings["amount"], savings["money_kind"], savings["number"]) == (
        "360000000",
        "savings",
        "",
    )
    assert savings["comes_from"] == "savings that can be made within policing budgets"
    assert savings["scope"] == "national" and savings["period"] == "not stated"
    pledge = lines["labour-government"]
    assert all(pledge[c] == "" for c in ("number", "amount", "approximate", "kinds", "scope"))


def test_a_not_stated_figure_leaves_its_typed_column_empty(bundled: Comparison) -> None:
    lines = {line["claim_id"]: line for line in read_csv(render_csv(bundled))}
    scan = lines["scan-and-search"]
    assert scan["headline"] == "not stated" and scan["amount"] == ""


# --- JSON ---------------------------------------------------------------------------------------


def test_a_real_export_validates_against_the_printed_schema(cli) -> None:
    schema = json.loads(cli("schema", "--export").out)
    export = json.loads(cli("export", "--format", "json").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(export)
    # and a data user can decode it into the Structs the schema was made from
    decoded = msgspec.json.decode(json.dumps(export), type=Export)
    assert decoded.rows[0].cells["khan"][0].flags[0].symbol == "◆"


@pytest.mark.parametrize(
    "break_it",
    [
        lambda e: e["rows"][0]["cells"]["khan"][0]["flags"][0].update(code="made-up"),
        lambda e: e["rows"][0].update(key="made-up"),
        lambda e: e["rows"][0]["cells"]["khan"][0].update(extra=1),
        lambda e: e["policies"][0].pop("path"),
        lambda e: e.update(export_format=2),
    ],
    ids=["unknown flag code", "unknown row key", "unknown key", "missing path", "format"],
)
def test_the_schema_rejects_what_the_export_never_holds(cli, break_it) -> None:
    schema = export_schema()
    export = json.loads(cli("export", "--format", "json").out)
    break_it(export)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(export)


def test_schema_lists_every_flag_code_and_row_key() -> None:
    defs = export_schema()["$defs"]
    codes = defs["ExportFlag"]["properties"]["code"]["enum"]
    assert codes == sorted(k.code for k in FlagKind) == sorted(FLAG_CODES)
    assert defs["ExportRow"]["properties"]["key"]["enum"] == sorted(spec.key for spec in ROWS)
    assert "conditional (◆)" in defs["ExportFlag"]["properties"]["code"]["description"]


def test_json_keeps_policy_text_exactly_but_writes_no_raw_unsafe_character() -> None:
    hostile = "A\x1b]52;c;aGk=\x07\x7f\x85\u202eB\U000e0041"
    out = render_json(crafted_comparison([hostile]))
    assert UNSAFE.search(out) is None and CONTROL.search(out) is None
    assert "\\u202e" in out and "\\udb40\\udc41" in out
    data = json.loads(out)
    assert data["policies"][0]["who"]["name"] == hostile


# --- Markdown -----------------------------------------------------------------------------------

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # GFM's two extras too


def tokens(markdown: str) -> list[Token]:
    return PARSER.parse(markdown)


def walk(items: list[Token]) -> Iterator[Token]:
    for token in items:
        yield token
        yield from walk(token.children or [])


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token (emphasis markers dropped)."""
    return "".join(child.content for child in token.children or [] if child.type == "text")


def headings(items: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, inline_text(items[index + 1]))
        for index, token in enumerate(items)
        if token.type == "heading_open"
    ]


def list_items(items: list[Token]) -> list[str]:
    """The first paragraph's text of every list item, in order."""
    found = []
    for index, token in enumerate(items):
        if token.type == "list_item_open":
            following = items[index + 1 : index + 4]
            inline = next((t for t in following if t.type == "inline"), None)
            found.append(inline_text(inline) if inline else "")
    return found


ALLOWED_TYPES = {
    "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "text",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    "strong_open", "strong_close", "em_open", "em_close",
}  # fmt: skip


def flat(text: str) -> str:
    """Policy text as the markdown shows it: escapes visible, one line, no surrounding space."""
    return safe(text).replace("\n", " ").strip()


def expected_headings(comparison: Comparison) -> list[tuple[str, str]]:
    expected = [("h1", "hustings comparison"), ("h2", "Who stands")]
    quoted = [policy for policy in comparison.policies if not policy.nothing_said]
    for spec in ROWS:
        expected.append(("h2", spec.label))
        expected += [("h3", flat(policy.name)) for policy in quoted]
    expected.append(("h2", "Sources"))
    if comparison.problems:
        expected.append(("h2", "Problems"))
    return expected


def assert_renders_as_intended(comparison: Comparison) -> list[Token]:
    items = tokens(render_markdown(comparison))
    assert {t.type for t in walk(items)} <= ALLOWED_TYPES  # no HTML, links, code, tables...
    assert headings(items) == expected_headings(comparison)
    assert not [text for text in list_items(items) if not text.strip()]  # no empty bullet
    return items


def test_bundled_markdown_renders_as_intended(bundled: Comparison) -> None:
    items = assert_renders_as_intended(bundled)
    bullets = list_items(items)
    includes = "+ INCLUDES PCSOs AND SPECIAL CONSTABLES: the source counts PCSOs and special "
    alone = "constables in this figure: it is not a count of police officers alone"
    assert includes + alone in bullets
    derived = "= 1,089 below the target of 4,557 (our arithmetic): 4,557 − 3,468 = 1,089."
    assert [b for b in bullets if b.startswith(derived)]
    # Every candidate stands, named once with the one sentence; the notes and readings show.
    amin = "Femy Amin (Animal Welfare Party - People, Animals, Environment): "
    assert amin + NOTHING_SAID in bullets
    assert [b for b in bullets if b.startswith("Our reading of the scope: London.")]
    assert [b for b in bullets if b.startswith("Note (ours): The article says ")]
    assert (
        "? PERIOD: THE ARTICLE DOES NOT SAY: the article does not say by when, or over what period"
    ) in bullets


def test_each_claim_names_its_source_and_the_sources_section_lists_them(
    bundled: Comparison,
) -> None:
    items = tokens(render_markdown(bundled))
    bullets = list_items(items)
    headline = "Extra cops promised by Khan – but only under a Labour government"
    assert (
        "Sadiq Khan, London mayor (reported) in source 1: "
        f"{headline}, Waltham Forest Echo (a Local Democracy Reporting Service story), 2024-03-27"
    ) in bullets
    start = next(i for i, t in enumerate(items) if t.type == "ordered_list_open")
    sources = list_items(items[start:])
    assert sources[0] == (
        f"{headline}, by Noah Vickers, Local Democracy Reporter; Waltham Forest Echo (a Local "
        "Democracy Reporting Service story); 2024-03-27 (Date from the URL: 27 March 2024 is in "
        "its path. The article text itself prints no date.); "
        "URL: https://walthamforestecho.co.uk/2024/03/27/"
        "extra-cops-promised-by-khan-but-only-under-a-labour-government/; archived as "
        "sources/ldrs-extra-cops-labour-government.txt"
    )
    assert len(sources) == 2  # the article cited by three files is listed once
    # The list of candidates is not an archived source: it is cited where who stands is said.
    assert "londonworld.com" in inline_text(
        next(t for t in items if t.type == "inline" and "candidates stand" in t.content)
    )
    attributions = [b for b in bullets if " in source 1: " in b or " in source 2: " in b]
    assert len(attributions) == 28


def test_a_source_url_author_and_date_are_shown() -> None:
    comparison = crafted_comparison(["https://example.org/a_b?x=1&y=2"])
    sources = list_items(tokens(render_markdown(comparison)))
    assert any("URL: https://example.org/a_b?x=1&y=2" in s for s in sources)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "# Heading",
        "Title\n===",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "[click](javascript:alert(1))",
        "![img](http://x/y.png)",
        "<http://evil.example>",
        "```\ncode\n```",
        "    indented code",
        "+ INCLUDES PCSOs",
        "1. ordered",
        "2) ordered",
        "> quoted",
        "***",
        "*em* __strong__ ~~gone~~ `code`",
        "&lt;b&gt; &amp; &#65;",
        "trailing backslash\\",
        "two spaces  \nline break",
        "\x1b[2J\x1b]0;title\x07 ok: 3 policies",
    ],
)
def test_no_markdown_structure_can_be_injected_through_any_field(hostile: str) -> None:
    comparison = crafted_comparison([hostile])
    items = assert_renders_as_intended(comparison)
    claim_id = flat(hostile.replace(":", "") + "-cond")
    assert f"{flat(hostile)} (claim {claim_id})" in list_items(items)


@pytest.mark.parametrize(
    "text", ["+ a", "- a", "* a", "= a", "# a", "> a", "1. a", "12) a", "  + a", "\\", "a\nb"]
)
def test_escaped_text_is_one_bullet_with_the_text_literally(text: str) -> None:
    items = tokens(f"- {escape(text)}\n  - {escape(text)}\n")
    assert list_items(items) == [flat(text), flat(text)]
    assert [t.type for t in items].count("bullet_list_open") == 2


# --- Every export, any text ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=8), st.booleans())
def test_any_text_in_any_field_leaves_every_export_safe(values: list[str], proven: bool) -> None:
    comparison = crafted_comparison(values, proven)
    for name, out in all_exports(comparison).items():
        assert CONTROL.search(out) is None, name
        assert UNSAFE.search(out) is None, name
    csv_text = render_csv(comparison)
    assert_spreadsheet_safe(csv_text)
    for line in read_csv(csv_text):
        policy = next(
            p for p in comparison.policies if safe(p.id) == undo_neutralise(line["policy_id"])
        )
        assert undo_neutralise(line["policy_name"]) == safe(policy.name)
    assert_renders_as_intended(comparison)
    assert json.loads(render_json(comparison))["policies"][0]["who"]["sort_as"] == "s"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_escape_renders_any_text_literally_as_one_bullet(text: str) -> None:
    items = tokens(f"- {escape(text)}\n")
    assert {t.type for t in walk(items)} <= ALLOWED_TYPES - {"heading_open", "heading_close"}
    assert list_items(items) == [flat(text)]


# --- Documentation ------------------------------------------------------------------------------


def export_formats_section() -> str:
    readme = (POLICIES / "README.md").read_text(encoding="utf-8")
    return readme.split("## Export formats", 1)[1].split("\n## ", 1)[0]


def test_readme_documents_every_csv_column_flag_code_and_row_key() -> None:
    section = export_formats_section()
    for name in (*COLUMNS, *ROW_KEYS):
        assert f"`{name}`" in section, name
    readme = (POLICIES / "README.md").read_text("utf-8")
    for code in FLAG_CODES:  # in the flag table the export section points to
        assert f"`{code}`" in readme, code
    assert "hustings schema --export" in section
