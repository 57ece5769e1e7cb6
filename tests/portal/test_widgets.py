"""FlatSelect writes the same <select> as Django's Select, without its per-option templates."""

import re

from django import forms

from portal.widgets import FlatSelect

CHOICES = [("", "全部县区"), (1, "商州区"), (2, "洛南县 <&>"), ("x", "丹凤县")]


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


class FilterForm(forms.Form):
    county = forms.ChoiceField(choices=CHOICES, required=False, widget=FlatSelect)
    plain = forms.ChoiceField(choices=CHOICES, required=False)


def test_the_markup_is_that_of_djangos_select_for_the_same_choices():
    form = FilterForm({"county": "2", "plain": "2"})
    flat = _normalised(str(form["county"]))
    plain = _normalised(str(form["plain"]))
    plain = plain.replace('name="plain"', 'name="county"').replace("id_plain", "id_county")

    assert flat == plain
    assert '<option value="2" selected>洛南县 &lt;&amp;&gt;</option>' in flat  # selected, escaped
    assert flat.startswith('<select name="county" id="id_county">')


def test_nothing_selected_marks_the_empty_choice():
    flat = str(FilterForm()["county"])
    assert '<option value="" selected>全部县区</option>' in flat
    assert flat.count(" selected") == 1
