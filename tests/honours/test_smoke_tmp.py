def test_fixtures(notice):
    assert notice.entries.count() == 4
    assert notice.live


def test_ended(ended_notice):
    assert not ended_notice.is_open()
