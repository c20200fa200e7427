"""Name patterns for entities the reference base does not list, one module per kind.

Each ``*_candidates(recognizer)`` returns candidate spans with a payload; the
recogniser keeps the longest non-overlapping ones and then calls their payloads to
register the mentions.
"""

from kg.extract.names.bodies import body_candidates, ministry_candidates, weapon_candidates
from kg.extract.names.meetings import meeting_candidates
from kg.extract.names.persons import person_candidates
from kg.extract.names.treaties import treaty_candidates

__all__ = ["body_candidates", "meeting_candidates", "ministry_candidates", "person_candidates",
           "treaty_candidates", "weapon_candidates"]
