from .nominations import Nomination, NominationEvent, NominationFile
from .nominees import DemoSite, LocalTitle, Nominee
from .sanctions import Sanction

__all__ = ["DemoSite", "LocalTitle", "Nomination", "NominationEvent", "NominationFile", "Nominee", "Sanction"]
