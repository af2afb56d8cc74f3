from generator.slugs import is_slug, slugify


def test_lowercase_ascii_words() -> None:
    assert slugify("Jaga Kondusifitas Pilpres-Pileg, Pemkot Rakor") == \
        "jaga-kondusifitas-pilpres-pileg-pemkot-rakor"


def test_accents_are_transliterated() -> None:
    assert slugify("Café & Kuliner Ñoño Straße") == "cafe-dan-kuliner-nono-strasse"


def test_an_apostrophe_within_a_word_is_left_out_typed_either_way() -> None:
    # (as WordPress and Hugo slug them; `’` from a word processor always was, `'` gave
    # `jum-at`: two spellings of one tag were two pages)
    assert slugify("Jum'at Berkah") == slugify("Jum\u2019at Berkah") == "jumat-berkah"
    assert slugify("Ma'ruf Amin di Qur'an") == "maruf-amin-di-quran"
    assert slugify("'Kutipan' dan Rock 'n' Roll") == "kutipan-dan-rock-n-roll"


def test_nothing_dangerous_survives() -> None:
    for text in ("../../etc/passwd", "a/b\\c", "<script>alert(1)</script>", "x y\tz"):
        slug = slugify(text)
        assert "/" not in slug and "." not in slug and " " not in slug and "<" not in slug


def test_text_without_letters_gives_empty_slug() -> None:
    assert slugify("!!! ??? …") == ""
    assert slugify("💥🔥") == ""


def test_long_slugs_are_cut_at_a_word() -> None:
    slug = slugify("kata " * 40, max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-") and slug.endswith("kata")


def test_is_slug() -> None:
    assert is_slug("banjir-2024")
    assert not is_slug("Banjir 2024")
    assert not is_slug("")
