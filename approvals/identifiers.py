"""Identifiers and numbers as Japanese applicants type them.

法人番号 (corporate number) is 13 digits whose *first* digit is a check digit over the other
twelve (国税庁's scheme, see DOMAIN.md §9); sole proprietors have none. Postal codes are seven
digits, printed 〒123-4567.

Applicants type on Japanese IMEs, so full-width digits (１２３), full-width or typographic
hyphens and Japanese thousands separators (１，２３４ / 1、234) are routine. The helpers here turn
such input into the ASCII form the rest of the system stores; they never guess beyond that.
"""

import re
import unicodedata

# NFKC folds full-width forms to ASCII but leaves these dashes alone; applicants paste them from
# word processors, where "-" is routinely autocorrected to a typographic dash or minus sign.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d", "-"))
# "、" is the Japanese comma some IMEs insert while typing numbers; NFKC keeps it.
_THOUSANDS_SEPARATORS = str.maketrans("", "", ",，、")
_POSTAL_CODE = re.compile(r"(\d{3})-?(\d{4})", re.ASCII)
# What normalize_postal_code accepts, as a schema can say it (ECMA regex, for the OpenAPI
# schema): the digits ASCII or full-width, an optional 〒 and hyphen of the forms IMEs give.
# The function folds more (any NFKC digit, spaces anywhere), which no client needs to know.
POSTAL_CODE_PATTERN = "^〒?[0-9０-９]{3}[-－‐−ーｰ]?[0-9０-９]{4}$"


def _ascii_digits(value: str, length: int) -> bool:
    # str.isdigit() alone would also accept "１" or "³"; the stored form is ASCII only.
    return len(value) == length and value.isascii() and value.isdigit()


def corporate_number_check_digit(twelve: str) -> int:
    """Check digit for the 12 base digits of a 法人番号.

    9 − (Σ Pₙ × Qₙ mod 9), Pₙ being the n-th digit counted from the right and Qₙ 1 for odd n,
    2 for even n.
    """
    if not _ascii_digits(twelve, 12):
        raise ValueError("法人番号の基礎番号は半角数字12桁です。")
    total = sum(
        int(digit) * (2 if n % 2 == 0 else 1) for n, digit in enumerate(reversed(twelve), 1)
    )
    return 9 - total % 9


def is_valid_corporate_number(value: str) -> bool:
    """True for 13 ASCII digits whose first digit is the check digit of the other twelve."""
    if not isinstance(value, str) or not _ascii_digits(value, 13):
        return False
    return int(value[0]) == corporate_number_check_digit(value[1:])


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def normalize_postal_code(value: str | None) -> str | None:
    """Seven ASCII digits from "123-4567", "1234567", "〒１２３－４５６７" …; None if invalid."""
    if not isinstance(value, str):
        return None
    # IMEs often give the long-vowel mark ー (or its half-width ｰ) for the hyphen in 231ー0023.
    text = "".join(_fold(value).split()).removeprefix("〒").replace("\u30fc", "-")
    match = _POSTAL_CODE.fullmatch(text)
    return match[1] + match[2] if match else None


def format_postal_code(value: str) -> str:
    """The printed form, "〒123-4567"; accepts anything normalize_postal_code accepts."""
    digits = normalize_postal_code(value)
    if digits is None:
        raise ValueError(f"郵便番号の形式が正しくありません: {value!r}")
    return f"〒{digits[:3]}-{digits[3:]}"


def normalize_number(text: str | None) -> str:
    """Clean a typed number for int()/Decimal(): "１，２３４" → "1234", "－５" → "-5".

    Only folds width, dashes, spaces and thousands separators; whether the result is a number is
    the caller's (the form's) decision, so it can say so in its own error message.
    """
    if text is None:
        return ""
    folded = _fold(text).translate(_THOUSANDS_SEPARATORS)
    return "".join(folded.split())
