"""How the phase calendar writes when a milestone is due (portal_tags.milestone_when)."""

import datetime

from campaigns.models import Milestone
from campaigns.templatetags.portal_tags import milestone_when


def _when(due_on, starts_on=None) -> str:
    return str(milestone_when(Milestone(due_on=due_on, starts_on=starts_on)))


def test_a_deadline_is_its_day_and_qian():
    assert _when(datetime.date(2018, 3, 20)) == '<time datetime="2018-03-20">2018年3月20日</time>前'


def test_a_period_names_its_year_once():
    assert _when(datetime.date(2018, 10, 31), datetime.date(2018, 4, 1)) == (
        '<time datetime="2018-04-01">2018年4月1日</time>—<time datetime="2018-10-31">10月31日</time>'
    )


def test_a_period_across_the_new_year_names_both_years():
    assert _when(datetime.date(2019, 1, 15), datetime.date(2018, 12, 1)) == (
        '<time datetime="2018-12-01">2018年12月1日</time>—<time datetime="2019-01-15">2019年1月15日</time>'
    )
