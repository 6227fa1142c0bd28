"""One date style on every page (デジタル庁's style guide): 2026年12月2日 5時46分.

Documents add the 和暦 themselves (approvals/era.py); forms keep their own input formats.
"""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 G時i分"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
TIME_FORMAT = "G時i分"
