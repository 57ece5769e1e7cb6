from django import forms


class NoticeCreateForm(forms.Form):
    pass


class ObjectionSettleForm(forms.Form):
    pass


class CommendationCreateForm(forms.Form):
    pass


class HonourRevokeForm(forms.Form):
    pass
