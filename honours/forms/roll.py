from django import forms


class HonourSearchForm(forms.Form):
    pass
