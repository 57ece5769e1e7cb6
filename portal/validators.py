"""Validators and helpers for personal identifiers: resident ID numbers and mobile numbers.

The resident ID number (居民身份证号码) follows GB 11643-1999: a 6-digit region code,
the birth date as YYYYMMDD (positions 7–14), a 3-digit sequence whose last digit is
odd for men and even for women (position 17), and a check character computed with
ISO 7064 MOD 11-2 (a digit or X).

Values typed by people are normalised with `normalise_id_number` before they are
validated or stored: spaces go, a lower-case x becomes X, full-width digits become
ASCII. `validate_id_number` validates the normalised value, so it accepts "x"; a form
should store `normalise_id_number(value)`.

ID numbers are never shown on public pages; `mask_id_number` and `mask_mobile` are
for the operators' own screens.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

ID_NUMBER_LENGTH = 18
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum) mod 11
ID_MIN_BIRTH_YEAR = 1900

# Full-width digits and X that Chinese input methods produce, and the spaces people
# type to group the digits (ASCII, full-width, no-break).
_ID_TRANSLATION = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "Ｘ": "X",
        "ｘ": "X",
    }
)
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def normalise_id_number(value: str) -> str:
    """The canonical form of a typed ID number: no spaces, upper-case X, ASCII digits.

    " 11010519491231002x " → "11010519491231002X". Nothing else is changed, so an
    invalid value stays invalid.
    """
    return _SPACES.sub("", str(value)).translate(_ID_TRANSLATION).upper()


def id_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("expected the 17 digits before the check character")
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def _today() -> datetime.date:
    return timezone.localdate() if settings.USE_TZ else datetime.date.today()


def validate_id_number(value: str) -> None:
    """Django validator for an 18-character resident ID number (GB 11643-1999).

    Checks, in this order, each with its own message and code: the length
    (`id_length`), the characters (`id_characters`), the birth date at positions
    7–14 (`id_birth_date`: a real date, from 1900 on, not after today) and the
    check character (`id_check_digit`). The value is normalised first.
    """
    number = normalise_id_number(value)
    if len(number) != ID_NUMBER_LENGTH:
        raise ValidationError(
            "身份证号码应为18位，当前为%(length)d位。",
            code="id_length",
            params={"length": len(number)},
        )
    if not _ID_SHAPE.fullmatch(number):
        raise ValidationError(
            "身份证号码格式不正确：前17位应为数字，最后一位为数字或X。",
            code="id_characters",
        )
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None:
        raise ValidationError(
            "身份证号码中的出生日期（第7–14位）不是有效日期。",
            code="id_birth_date",
        )
    if birth.year < ID_MIN_BIRTH_YEAR:
        raise ValidationError(
            "身份证号码中的出生日期（第7–14位）早于1900年，请核对。",
            code="id_birth_date",
        )
    if birth > _today():
        raise ValidationError(
            "身份证号码中的出生日期（第7–14位）晚于今天，请核对。",
            code="id_birth_date",
        )
    if id_check_character(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新输入。", code="id_check_digit")


def validate_mobile(value: str) -> None:
    """Django validator for a mainland mobile number: 11 digits, starting 13–19."""
    if not _MOBILE.fullmatch(str(value).strip()):
        raise ValidationError(
            "手机号码格式不正确，应为以13～19开头的11位数字。",
            code="mobile",
        )


def mask_id_number(value: str) -> str:
    """Mask an ID number for operators' own screens: 611002199001011234 → 6110**********1234.

    Keeps the first 4 and the last 4 characters (the birth date is hidden). A value
    too short for that (under 12 characters) is masked completely; "" stays "".
    """
    number = normalise_id_number(value)
    if len(number) < 12:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(value: str) -> str:
    """Mask a mobile number: 13812345678 → 138****5678; under 8 characters, masked completely."""
    number = _SPACES.sub("", str(value))
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def id_number_gender(value: str) -> str:
    """The gender an ID number records, "male" or "female" (17th character odd: male).

    Only the shape is checked (raises ValueError if the normalised value is not 18
    characters with a digit at position 17); call `validate_id_number` first.
    """
    number = normalise_id_number(value)
    if len(number) != ID_NUMBER_LENGTH or not ("0" <= number[16] <= "9"):
        raise ValueError("not an 18-character resident ID number")
    return "male" if int(number[16]) % 2 else "female"


def make_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """An ID number with a correct check character, for tests and demo data.

    `region` is a 6-digit region code (e.g. "611002", 商州区), `sequence` 0–999 (its
    parity gives the gender). The birth date is not checked, so tests can make
    numbers whose only fault is a future birth date.
    """
    if len(region) != 6 or not region.isascii() or not region.isdigit():
        raise ValueError("region must be 6 digits")
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be 0–999")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    if len(first17) != 17:  # a year outside 1000–9999
        raise ValueError("birth year must have 4 digits")
    return first17 + id_check_character(first17)
