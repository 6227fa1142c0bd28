"""法人番号 check digits, postal codes and numbers typed on a Japanese IME (no database)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from approvals.identifiers import (
    POSTAL_CODE_PATTERN,
    corporate_number_check_digit,
    format_postal_code,
    is_valid_corporate_number,
    normalize_number,
    normalize_postal_code,
)


@pytest.mark.parametrize(
    ("twelve", "check_digit"),
    [
        # 国税庁's own number: 7000012050002. Σ = 2·1 + 5·1 + 2·1 + 1·2 = 11, 9 − 11 mod 9 = 7.
        ("000012050002", 7),
        # Σ = 72 ≡ 0 (mod 9), so the check digit is 9, never 0.
        ("234567890123", 9),
        # Only the odd positions from the right weigh 1: "1" in position 1 → 9 − 1 = 8 …
        ("000000000001", 8),
        # … and the even ones weigh 2: "1" in position 2 → 9 − 2 = 7.
        ("000000000010", 7),
    ],
)
def test_corporate_number_check_digit(twelve, check_digit):
    """The check digit is 9 − (Σ Pₙ·Qₙ mod 9), digits counted from the right, Qₙ = 1 / 2."""
    assert corporate_number_check_digit(twelve) == check_digit


@pytest.mark.parametrize(
    "twelve", ["00001205000", "0000120500021", "00001205000a", "００００１２０５０００２"]
)
def test_corporate_number_check_digit_needs_twelve_ascii_digits(twelve):
    """The base number is exactly twelve ASCII digits."""
    with pytest.raises(ValueError, match="12桁"):
        corporate_number_check_digit(twelve)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("7000012050002", True),  # 国税庁
        ("9234567890123", True),
        ("1234567890123", False),  # its check digit would be 9
        ("6000012050002", False),  # one off
        ("8000012050002", False),
        ("700001205000", False),  # 12 digits
        ("70000120500020", False),  # 14 digits
        ("７０００１２０５０００２", False),  # full width: normalise first, store ASCII
        ("7000-012-050002", False),
        ("", False),
        (None, False),
        (7000012050002, False),  # not a string
    ],
)
def test_is_valid_corporate_number(value, valid):
    """A 法人番号 is 13 ASCII digits whose first digit checks the other twelve."""
    assert is_valid_corporate_number(value) is valid


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        ("123-4567", "1234567"),
        ("1234567", "1234567"),
        ("１２３－４５６７", "1234567"),  # full-width digits and hyphen
        ("〒123-4567", "1234567"),
        ("〒１２３－４５６７", "1234567"),
        (" 〒 123-4567 ", "1234567"),
        ("123\u22124567", "1234567"),  # minus sign pasted from a word processor
        ("123\u20104567", "1234567"),  # hyphen
        ("123\u20154567", "1234567"),  # horizontal bar
        ("123-456", None),
        ("12345678", None),
        ("1234-567", None),
        ("123--4567", None),
        ("abc-defg", None),
        ("231ー0023", "2310023"),  # IMEs type the long-vowel mark for the hyphen
        ("231ｰ0023", "2310023"),  # half-width form, folded by NFKC
        ("2310ー023", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_postal_code(value, normalized):
    """Seven ASCII digits from the ways applicants write a postal code; None otherwise."""
    assert normalize_postal_code(value) == normalized


@pytest.mark.parametrize(
    ("value", "admitted"),
    [
        ("2310023", True),
        ("231-0023", True),
        ("〒２３１－００２３", True),
        ("231ー0023", True),
        ("231--0023", False),
        ("231-002", False),
        ("23100230", False),
        ("abcdefg", False),
    ],
)
def test_postal_code_pattern_of_the_schema(value, admitted):
    """The API schema names the usual forms of a postal code, and no other string."""
    assert bool(re.fullmatch(POSTAL_CODE_PATTERN.strip("^$"), value)) is admitted


@given(st.from_regex(POSTAL_CODE_PATTERN, fullmatch=True))
def test_every_postal_code_the_schema_admits_is_accepted(value):
    """The schema promises no form the server then refuses."""
    assert normalize_postal_code(value) is not None


@pytest.mark.parametrize("value", ["1234567", "123-4567", "〒１２３－４５６７"])
def test_format_postal_code(value):
    """Postal codes print as 〒123-4567."""
    assert format_postal_code(value) == "〒123-4567"


def test_format_postal_code_rejects_invalid():
    """An invalid code is not silently printed."""
    with pytest.raises(ValueError, match="郵便番号"):
        format_postal_code("123-456")


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("1234", "1234"),
        ("１２３４", "1234"),  # full-width digits
        ("１，２３４", "1234"),  # full-width comma
        ("1,234,567", "1234567"),
        ("1、234", "1234"),  # Japanese comma
        (" 1 234 ", "1234"),
        ("1\u3000234", "1234"),  # ideographic space
        ("－５", "-5"),  # full-width hyphen-minus
        ("\u22125", "-5"),  # minus sign
        ("\u20105", "-5"),  # hyphen
        ("\u20135", "-5"),  # en dash
        ("\u20145", "-5"),  # em dash
        ("\u20155", "-5"),  # horizontal bar
        ("ー5", "ー5"),  # katakana long vowel mark is left for the form to reject
        ("１２．５", "12.5"),
        ("abc", "abc"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_number(text, cleaned):
    """Width, dashes, spaces and thousands separators are folded; nothing else is guessed."""
    assert normalize_number(text) == cleaned
