"""Kanagawa's regions by municipality (DOMAIN.md §8)."""

import pytest

from approvals.regions import REGIONS, region_for, region_of


@pytest.mark.parametrize(
    ("municipality", "region"),
    [
        ("横浜市", "横浜"),
        ("横浜市中区", "横浜"),
        ("川崎市川崎区", "川崎"),
        ("相模原市緑区", "相模原"),
        ("横須賀市", "横須賀三浦"),
        ("葉山町", "横須賀三浦"),
        ("藤沢市", "湘南"),
        ("茅ヶ崎市", "湘南"),
        ("茅ケ崎市", "湘南"),
        ("清川村", "県央"),
        ("小田原市", "県西"),
        ("湯河原町", "県西"),
        (" 小田原市 ", "県西"),
        ("千代田区", ""),
        ("横浜", ""),
        ("", ""),
    ],
)
def test_region_for(municipality, region):
    assert region_for(municipality) == region


def test_every_kanagawa_municipality_has_exactly_one_region():
    towns = [t for towns in REGIONS.values() for t in towns]
    assert len(towns) == len(set(towns)) == 33


@pytest.mark.parametrize(
    ("prefecture", "municipality", "region"),
    [
        ("神奈川県", "茅が崎市", "湘南"),
        ("神奈川県", "横浜市 中区", "横浜"),
        ("東京都", "横浜市", ""),  # a name that happens to match is not in Kanagawa
        ("", "横浜市", ""),
    ],
)
def test_region_of_a_head_office(prefecture, municipality, region):
    assert region_of(prefecture, municipality) == region
