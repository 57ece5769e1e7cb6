from .commendations import CommendationPage, Honour
from .notices import NoticeEntry, NoticePage
from .objections import Objection
from .roll import HonourRollPage

__all__ = ["CommendationPage", "Honour", "HonourRollPage", "NoticeEntry", "NoticePage", "Objection"]
