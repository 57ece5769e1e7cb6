import datetime
import random

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.validators import (
    id_check_character,
    id_number_gender,
    make_id_number,
    mask_id_number,
    mask_mobile,
    normalise_id_number,
    validate_id_number,
    validate_mobile,
)

# The example printed in GB 11643-1999 (a woman born 1949-12-31 in 北京市朝阳区).
STANDARD_EXAMPLE = "11010519491231002X"


def refusal(value, validator=validate_id_number) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value


def with_check_character(first17: str) -> str:
    return first17 + id_check_character(first17)


# --- the generator ------------------------------------------------------------------


def test_make_id_number_reproduces_the_standards_example():
    assert make_id_number("110105", datetime.date(1949, 12, 31), 2) == STANDARD_EXAMPLE


def test_make_id_number_computes_a_digit_check_character():
    # 6,1,1,0,0,2,1,9,9,0,0,1,0,1,1,2,3 weighted: sum 170, 170 mod 11 = 5 → "7"
    assert make_id_number("611002", datetime.date(1990, 1, 1), 123) == "611002199001011237"


def test_check_character_agrees_with_iso_7064_computed_another_way():
    # ISO 7064 MOD 11-2: weight of position i (1-based, from the left) is 2^(18-i) mod 11, and
    # the check value is (12 - sum mod 11) mod 11, written X when it is 10.
    rng = random.Random(7064)
    seen = set()
    for _ in range(2000):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
        value = (12 - total % 11) % 11
        expected = "X" if value == 10 else str(value)
        assert id_check_character(first17) == expected
        seen.add(expected)
    assert len(seen) == 11  # every check character was exercised


@pytest.mark.parametrize(
    ("region", "sequence"),
    [("61100", 1), ("6110021", 1), ("61100a", 1), ("611002", -1), ("611002", 1000)],
)
def test_make_id_number_refuses_bad_arguments(region, sequence):
    with pytest.raises(ValueError):
        make_id_number(region, datetime.date(1990, 1, 1), sequence)


# --- valid numbers ------------------------------------------------------------------


def test_the_standards_example_is_valid():
    validate_id_number(STANDARD_EXAMPLE)


def test_a_generated_shangluo_number_is_valid():
    number = make_id_number("611002", datetime.date(1987, 6, 15), 417)
    assert len(number) == 18
    validate_id_number(number)


def test_lower_case_x_is_accepted_and_normalised():
    validate_id_number(STANDARD_EXAMPLE.lower())
    assert normalise_id_number(STANDARD_EXAMPLE.lower()) == STANDARD_EXAMPLE


def test_spaces_and_full_width_characters_are_normalised_away():
    typed = " 110105 19491231 002ｘ　"
    assert normalise_id_number(typed) == STANDARD_EXAMPLE
    validate_id_number(typed)
    assert normalise_id_number("１１０１０５１９４９１２３１００２Ｘ") == STANDARD_EXAMPLE


def test_born_today_and_on_1900_01_01_are_valid():
    validate_id_number(make_id_number("611002", timezone.localdate(), 1))
    validate_id_number(make_id_number("611002", datetime.date(1900, 1, 1), 1))


def test_feb_29_of_a_leap_year_is_valid():
    validate_id_number(with_check_character("61100220000229123"))


# --- refusals -----------------------------------------------------------------------


def test_wrong_check_digit_is_refused():
    wrong = STANDARD_EXAMPLE[:17] + "5"
    error = refusal(wrong)
    assert error.code == "id_check_digit"
    assert "身份证号码校验位不正确" in error.messages[0]


@pytest.mark.parametrize("position", range(17))
def test_any_single_changed_digit_is_refused(position):
    number = make_id_number("611002", datetime.date(1987, 6, 15), 417)
    digit = int(number[position])
    changed = number[:position] + str((digit + 1) % 10) + number[position + 1 :]
    refusal(changed)


def test_swapped_neighbouring_digits_are_refused():
    number = make_id_number("611002", datetime.date(1987, 6, 15), 417)  # ...417 + check
    swapped = number[:14] + number[15] + number[14] + number[16:]  # ...147
    assert swapped != number
    assert refusal(swapped).code == "id_check_digit"


@pytest.mark.parametrize("value", ["", "11010519491231002", "11010519491231002X1", "110105491231002"])
def test_wrong_length_is_refused(value):
    error = refusal(value)
    assert error.code == "id_length"
    assert f"当前为{len(value)}位" in error.messages[0]


@pytest.mark.parametrize("value", ["11010519491231002A", "1101051949123100X2", "11010519491231-02X"])
def test_bad_characters_are_refused(value):
    error = refusal(value)
    assert error.code == "id_characters"
    assert "前17位应为数字" in error.messages[0]


def test_feb_30_is_refused():
    error = refusal(with_check_character("61100219900230123"))
    assert error.code == "id_birth_date"
    assert "不是有效日期" in error.messages[0]


@pytest.mark.parametrize("birth", ["19000229", "19901301", "19900100", "00000000"])
def test_impossible_birth_dates_are_refused(birth):
    assert refusal(with_check_character(f"611002{birth}123")).code == "id_birth_date"


def test_future_birth_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    error = refusal(make_id_number("611002", tomorrow, 123))
    assert error.code == "id_birth_date"
    assert "晚于今天" in error.messages[0]


def test_birth_before_1900_is_refused():
    error = refusal(make_id_number("611002", datetime.date(1899, 12, 31), 123))
    assert error.code == "id_birth_date"
    assert "早于1900年" in error.messages[0]


def test_each_kind_of_fault_has_its_own_message():
    messages = {
        refusal("123").messages[0],
        refusal("11010519491231002A").messages[0],
        refusal(with_check_character("61100219900230123")).messages[0],
        refusal(STANDARD_EXAMPLE[:17] + "5").messages[0],
    }
    assert len(messages) == 4


def test_works_as_a_form_field_validator():
    class Form(forms.Form):
        id_number = forms.CharField(validators=[validate_id_number])

    assert Form({"id_number": STANDARD_EXAMPLE}).is_valid()
    form = Form({"id_number": STANDARD_EXAMPLE[:17] + "5"})
    assert not form.is_valid()
    assert "身份证号码校验位不正确" in form.errors["id_number"][0]


# --- gender -------------------------------------------------------------------------


def test_gender_from_the_17th_digit():
    assert id_number_gender(make_id_number("611002", datetime.date(1990, 1, 1), 123)) == "male"
    assert id_number_gender(make_id_number("611002", datetime.date(1990, 1, 1), 124)) == "female"
    assert id_number_gender(STANDARD_EXAMPLE.lower()) == "female"


@pytest.mark.parametrize("value", ["", "11010519491231002", "1101051949123100XX"])
def test_gender_of_a_malformed_number_is_an_error(value):
    with pytest.raises(ValueError):
        id_number_gender(value)


# --- mobiles ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["13812345678", "15912345678", "16612345678", "19912345678"])
def test_valid_mobiles(value):
    validate_mobile(value)


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",  # no such prefix
        "10012345678",
        "23812345678",
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "138-1234-5678",
        "+8613812345678",
        "１３８１２３４５６７８",  # full-width
        "",
    ],
)
def test_invalid_mobiles(value):
    error = refusal(value, validate_mobile)
    assert error.code == "mobile"
    assert "手机号码格式不正确" in error.messages[0]


# --- masks --------------------------------------------------------------------------


def test_mask_id_number():
    assert mask_id_number("611002199001011234") == "6110**********1234"
    assert mask_id_number(STANDARD_EXAMPLE.lower()) == "1101**********002X"


def test_mask_id_number_never_shows_the_birth_date():
    number = make_id_number("611002", datetime.date(1987, 6, 15), 417)
    assert "19870615" not in mask_id_number(number)
    assert "0615" not in mask_id_number(number)[:-4]


@pytest.mark.parametrize(("value", "masked"), [("", ""), ("12345", "*****"), ("12345678901", "*" * 11)])
def test_mask_id_number_masks_short_values_completely(value, masked):
    assert mask_id_number(value) == masked


def test_mask_mobile():
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("1381234") == "*******"
    assert mask_mobile("") == ""
