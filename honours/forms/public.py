from django import forms


class ObjectionForm(forms.Form):
    pass
