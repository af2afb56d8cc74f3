import pytest

from generator.config import SiteConfig, parse_config
from generator.errors import ConfigError


def test_defaults() -> None:
    config = parse_config("")
    assert config.language == "id"
    assert config.timezone == "Asia/Jakarta"
    assert config.theme == "default"
    assert config.home_size == 20 and config.page_size == 20
    assert config.article_url == "/{year}/{month}/{slug}/"


def test_full_settings() -> None:
    config = parse_config(
        """
title = "Kabar Kota"
base_url = "https://kabar.example"
language = "en"
page_size = 5
favourite = "kept"

[authors]
Hmz = "Hamid Zulkarnain"
[authors.Ulm]
name = "Ulya Maharani"
bio = "Redaktur."

[tag_aliases]
Pemkot = "Pemkot Kota"

[import]
known_tags = ["KPU"]

[outputs]
feeds = false
"""
    )
    assert config.base_url == "https://kabar.example/"
    assert config.absolute("/a/") == "https://kabar.example/a/"
    assert config.author("Hmz").name == "Hamid Zulkarnain"
    assert config.author("Ulm").bio == "Redaktur."
    assert config.author("Xyz").name == "Xyz"
    assert config.canonical_tag("pemkot") == "Pemkot Kota"
    assert config.known_tags == ("KPU",)
    assert not config.outputs.feeds and config.outputs.sitemaps
    assert config.extra == {"favourite": "kept"}


@pytest.mark.parametrize(("written", "meant"), [
    ("WIB", "Asia/Jakarta"), ("wita", "Asia/Makassar"), ("WIT", "Asia/Jayapura"),
    ("Asia/Makasar", "Asia/Makassar"), ("asia/jakarta", "Asia/Jakarta"),
    ("Jakarta", "Asia/Jakarta"), ("Mars/Olympus", None),
    # (Etc/GMT+7 is seven hours behind UTC; Asia/Bali would have offered Asia/Dubai)
    ("GMT+7", "Asia/Jakarta"), ("UTC+8", "Asia/Makassar"), ("Asia/Bali", "Asia/Makassar"),
    ("Denpasar", "Asia/Makassar"), ("Surabaya", "Asia/Jakarta"), ("Ambon", "Asia/Jayapura"),
    # (with the region compared, `Asia/Batam` was close to Asia/Qatar, `Asia/Kediri` to Dili)
    ("Asia/Batam", "Asia/Jakarta"), ("Asia/Kediri", "Asia/Jakarta"),
    ("Asia/Lombok", "Asia/Makassar"), ("Asia/Tanjung_Pinang", "Asia/Jakarta"),
    ("Asia/Riau", "Asia/Jakarta"), ("Asia/Maluku", "Asia/Jayapura"), ("Makasar", "Asia/Makassar"),
    ("UTC+07", "Asia/Jakarta"), ("GMT +7", "Asia/Jakarta"), ("UTC+7:00", "Asia/Jakarta"),
    ("Asia/Kuta", "Asia/Makassar"), ("Asia/Tangerang", "Asia/Jakarta"), ("Asia/Ambom", None)])
def test_an_unknown_time_zone_offers_the_one_most_likely_meant(written: str,
                                                               meant: str | None) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(f'timezone = "{written}"\n')
    hint = str(caught.value.problems[0]).split(" \u2014 ", 1)[1]
    assert hint == (f'did you mean timezone = "{meant}"?' if meant else
                    'use an IANA name such as "Asia/Jakarta", "Asia/Makassar" or '
                    '"Asia/Jayapura"')


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('title = "x"\npage_size = 0\n', 2, "`page_size` must be a whole number"),
        ('timezone = "Mars/Olympus"\n', 1, "unknown time zone"),
        ('base_url = "kabar.example"\n', 1, "`base_url` must be an absolute http(s) URL"),
        # (the pages link from the root: under a folder, out of the site)
        ('title = "x"\nbase_url = "https://kabar.example/arsip/"\n', 2,
         "`base_url` 'https://kabar.example/arsip/' is not the root of its domain"),
        ('base_url = "https://kabar.example/index.html"\n', 1, "is not the root of its domain"),
        ('base_url = "https://kabar.example/?"\n', 1, "is not the root of its domain"),
        ('language = "zz-not-a-locale-at-all"\n', 1, "language"),
        ('[urls]\narticle = "/{year}/{title}/"\n', 2, "invalid `urls.article` pattern"),
        ('title = 3\n', 1, "`title` must be a string"),
        ('base_url = "https://kabar.example/"\ntitle = " "\n', 2, "`title` is empty"),
        ('title = "x\n', 1, "invalid TOML"),
        ('[outputs]\nfeeds = "yes"\n', 2, "`outputs.feeds` must be true or false"),
        ('[authors]\nHmz = 3\n', 2, "`authors.Hmz` must be a name"),
        # (Case does not count: the second line won without a word.)
        ('[tag_aliases]\n"KPU" = "Komisi Pemilihan Umum"\n"kpu" = "KPU Kota"\n', 3,
         "the tag aliases 'KPU' and 'kpu' are one name, mapped to two tags"),
        # (A loop swapped two tags' stories.)
        ('[tag_aliases]\n"Banjir" = "Bencana"\n"bencana" = "Banjir"\n', 2,
         "the tag aliases 'banjir' -> 'bencana' -> 'banjir' lead to one another"),
        ('[authors]\nHmz = "Hamid"\nHamid = "Hmz"\n', 2,
         "the names of [authors] 'Hmz' -> 'Hamid' -> 'Hmz' lead to one another"),
    ],
)
def test_invalid_settings_name_the_key_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "site.toml")
    problem = caught.value.problems[0]
    assert problem.path == "site.toml"
    assert problem.line == line
    assert fragment in problem.message


@pytest.mark.parametrize(("written", "hint"), [
    ("Indonesia", 'write language = "id"'), ("Bahasa  Indonesia", 'write language = "id"'),
    ("English", 'write language = "en"'), ("Klingon", 'e.g. language = "id"'),
])
def test_a_language_written_by_its_name_is_offered_its_code(written: str, hint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(f'language = "{written}"\n', "site.toml")
    assert str(caught.value.problems[0].hint) == hint


@pytest.mark.parametrize(("written", "kept"), [("id-ID", "id-ID"), ("id_ID", "id-ID"),
                                               ("en-US", "en-US")])
def test_a_language_with_its_region_is_kept_as_bcp_47(written: str, kept: str) -> None:
    # (the page's `lang`; dates are Babel's for it: tests/test_date_format.py)
    assert parse_config(f'language = "{written}"\n').language == kept


def test_a_chain_of_tag_aliases_leads_to_its_end() -> None:
    # (`"banjir" = "Banjir"`: the spelling every story's tag takes, whatever its case.)
    config = parse_config('[tag_aliases]\n"banjir" = "Banjir"\n"bjr" = "Banjir"\n')
    assert config.canonical_tag("BANJIR") == config.canonical_tag("bjr") == "Banjir"
    # (An old name mapped to another spelling of a tag mapped in turn, or a tag renamed
    # again, leads to the end of the chain: one step stopped half-way before.)
    config = parse_config('[tag_aliases]\n"kpu" = "KPU"\n"komisi pemilihan umum" = "kpu"\n'
                          '"tour" = "Wisata"\n"wisata" = "Pariwisata"\n')
    assert config.canonical_tag("Komisi Pemilihan Umum") == config.canonical_tag("kpu") == "KPU"
    assert config.canonical_tag("tour") == config.canonical_tag("Wisata") == "Pariwisata"
    # (A loop is said once.)
    with pytest.raises(ConfigError) as caught:
        parse_config('[tag_aliases]\n"Banjir" = "Bencana"\n"bencana" = "Banjir"\n')
    assert len(caught.value.problems) == 1


def test_a_name_corrected_in_authors_leads_every_key_to_the_new_name() -> None:
    # (Hmz still gives the old spelling: one reporter's stories on two pages before.)
    config = parse_config('[authors]\nHmz = "Hamid Zulkarnaen"\n'
                          '"Hamid Zulkarnaen" = { name = "Hamid Zulkarnain", bio = "Redaktur." }\n')
    assert config.author("Hmz").name == config.author("Hamid Zulkarnaen").name == \
        "Hamid Zulkarnain"
    assert config.author("Hmz").bio == "Redaktur." and config.author("Hmz").key == "Hmz"
    # (The bio and photo of the name's own table, at the chain's end, count too.)
    config = parse_config('[authors]\nHmz = "Hamid Zulkarnaen"\n'
                          '"Hamid Zulkarnaen" = "Hamid Zulkarnain"\n'
                          '[authors."Hamid Zulkarnain"]\nname = "Hamid Zulkarnain"\n'
                          'bio = "Redaktur."\nphoto = "media/hmz.jpg"\n')
    assert (config.author("Hmz").bio, config.author("Hmz").photo) == ("Redaktur.",
                                                                        "media/hmz.jpg")


@pytest.mark.parametrize(("table", "line", "members"), [
    ('[authors]\nA = "B"\nB = "A"\n', 2, "'A' -> 'B' -> 'A'"),
    # (a chain into a loop: the loop's members, at the first's line)
    ('[authors]\nX = "A"\nA = "B"\nB = "A"\n', 3, "'A' -> 'B' -> 'A'"),
    ('[tag_aliases]\n"x" = "a"\n"a" = "b"\n"b" = "a"\n', 3, "'a' -> 'b' -> 'a'")])
def test_a_loop_of_names_is_said_once_naming_its_members(table: str, line: int,
                                                          members: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(table)
    assert [(p.line, members in p.message.render()) for p in caught.value.problems] == [
        (line, True)]


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config('page_size = -1\nhome_size = "a"\ntimezone = "Nowhere"\n')
    assert len(caught.value.problems) == 3


def test_content_key_ignores_the_title() -> None:
    a, b = parse_config('title = "A"'), parse_config('title = "B"')
    assert a.content_key == b.content_key
    assert parse_config('timezone = "Asia/Makassar"').content_key != a.content_key
    assert SiteConfig().content_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title = "x"\nhome_sise = 20\n',
         "site.toml:2: unknown key `home_sise` \u2014 did you mean `home_size`?"),
        ('title = "x"\n[outptus]\nfeeds = false\n',
         "site.toml:2: unknown table `[outptus]` \u2014 did you mean `[outputs]`?"),
        ('[outputs]\nfeedz = false\n',
         "site.toml:2: unknown key `feedz` in [outputs] \u2014 did you mean `feeds`?"),
        ('[urls]\narticle = "/{slug}/"\narticel = "/{slug}/"\n',
         "site.toml:3: unknown key `articel` in [urls] \u2014 did you mean `article`?"),
        ('[import]\nkown_tags = []\n',
         "site.toml:2: unknown key `kown_tags` in [import] \u2014 did you mean `known_tags`?"),
        ('[outputs]\nrss = false\n',
         "site.toml:2: unknown key `rss` in [outputs] \u2014 Warta reads only `feeds`, "
         "`tag_feeds`, `sitemaps`, `search`, `date_archives`, `author_pages`"),
        ('[authors.Ulm]\nname = "Ulya"\nphoot = "x.jpg"\n',
         "site.toml:3: unknown key `phoot` in [authors.Ulm] \u2014 did you mean `photo`?"),
    ],
)
def test_misspelt_keys_and_tables_are_warnings_with_a_suggestion(text: str,
                                                                 expected: str) -> None:
    config = parse_config(text)
    assert [str(w) for w in config.warnings] == [expected]
    assert all(not w.is_error for w in config.warnings)


def test_the_sites_own_keys_and_tables_are_kept_without_a_word() -> None:
    config = parse_config('favourite = "x"\n[social]\ntwitter = "@kabar"\n')
    assert config.warnings == ()
    assert config.extra == {"favourite": "x", "social": {"twitter": "@kabar"}}


def test_warnings_come_with_the_errors() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config('page_size = 0\nhome_sise = 20\n')
    assert [(p.line, p.severity) for p in caught.value.problems] == [
        (1, "error"), (2, "warning")]
