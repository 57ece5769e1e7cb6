from .exports import ExportJob
from .nominations import Nomination, NominationEvent, NominationFile
from .nominees import DemoSite, LocalTitle, Nominee
from .sanctions import Sanction
from .tallies import TitleTally
from .verifications import Verification, VerificationPhoto

__all__ = [
    "DemoSite",
    "ExportJob",
    "LocalTitle",
    "Nomination",
    "NominationEvent",
    "NominationFile",
    "Nominee",
    "Sanction",
    "TitleTally",
    "Verification",
    "VerificationPhoto",
]
