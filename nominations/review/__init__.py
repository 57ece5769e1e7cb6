"""The city office's review of nominations (推荐评审) in the Wagtail admin: /admin/review/…"""
