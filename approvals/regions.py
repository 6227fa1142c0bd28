"""Kanagawa's regions (地域) by municipality, for drill-down and consultation windows.

Municipalities of the 政令指定都市 are often written with their ward (横浜市中区), so a city
name also matches as a prefix.
"""

import unicodedata

# The prefecture whose municipalities REGIONS lists: a head office there must be in the list;
# elsewhere the municipality is free text and has no region.
PREFECTURE = "神奈川県"

REGIONS: dict[str, tuple[str, ...]] = {
    "横浜": ("横浜市",),
    "川崎": ("川崎市",),
    "相模原": ("相模原市",),
    "横須賀三浦": ("横須賀市", "鎌倉市", "逗子市", "三浦市", "葉山町"),
    "湘南": ("平塚市", "藤沢市", "茅ヶ崎市", "秦野市", "伊勢原市", "寒川町", "大磯町", "二宮町"),
    "県央": ("厚木市", "大和市", "海老名市", "座間市", "綾瀬市", "愛川町", "清川村"),
    "県西": (
        "小田原市",
        "南足柄市",
        "中井町",
        "大井町",
        "松田町",
        "山北町",
        "開成町",
        "箱根町",
        "真鶴町",
        "湯河原町",
    ),
}

_BY_MUNICIPALITY = {m: region for region, towns in REGIONS.items() for m in towns}
# 茅ヶ崎 is also written 茅ケ崎 (official) and 茅が崎.
_ALIASES = {"茅ケ崎市": "茅ヶ崎市", "茅が崎市": "茅ヶ崎市"}


def has_municipality_list(prefecture: str) -> bool:
    """Whether the municipalities of `prefecture` are known here (only Kanagawa's are)."""
    return prefecture == PREFECTURE


def region_for(municipality: str) -> str:
    """The region of a Kanagawa municipality, or "" when it is not one (outside the prefecture)."""
    # Equivalent mutant (`or "XXXX"`): no municipality has that name either, so still "".
    typed = municipality or ""  # pragma: no mutate
    name = unicodedata.normalize("NFKC", typed).strip().replace(" ", "")
    for alias, canonical in _ALIASES.items():
        name = name.replace(alias, canonical)
    if name in _BY_MUNICIPALITY:
        return _BY_MUNICIPALITY[name]
    for town, region in _BY_MUNICIPALITY.items():
        if town.endswith("市") and name.startswith(town):
            return region
    return ""


def region_of(prefecture: str, municipality: str) -> str:
    """The region of a head office: "" outside Kanagawa, even for a name like 横浜市."""
    return region_for(municipality) if has_municipality_list(prefecture) else ""
