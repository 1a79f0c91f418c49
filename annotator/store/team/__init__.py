"""Team work (desktops and the server): assignments, blind mode, work packages and their merge, progress.

    assign.py    who codes which document (balanced, reproducible with a seed)
    package.py   one annotator's work package (a project file of their documents)
    merge.py     bringing a package's work back, edit histories interleaved when needed
    progress.py  per-annotator progress and the fate of the model's suggestions

Roles, blind mode and the assignments query live in `store/roles.py` (light: the window needs
them at start-up); they are re-exported here with the rest, so `from annotator.store import
team` gives the whole team API.
"""

from ..roles import (
    LEAD,
    PEOPLE_ROLES,
    SEES_ALL_ROLES,
    assignments,
    blind,
    check_identity,
    check_may_read,
    database_identity,
    database_users,
    hidden_layers,
    role_of,
    roles,
    set_blind,
    set_database_user,
    set_role,
    visible_layers,
)
from .assign import AssignReport, assign
from .merge import Conflict, MergeReport, merge
from .package import PackageInfo, PackageReport, package, package_info
from .progress import AnnotatorProgress, SuggestionCounts, pair_outcomes, progress

__all__ = [
    "LEAD", "PEOPLE_ROLES", "SEES_ALL_ROLES", "AnnotatorProgress", "AssignReport", "Conflict", "MergeReport",
    "PackageInfo", "PackageReport", "SuggestionCounts", "assign", "assignments", "merge", "package",
    "package_info", "pair_outcomes", "progress", "role_of", "roles", "set_role", "visible_layers",
    "blind", "set_blind", "set_database_user", "database_users", "check_identity",
    "check_may_read", "database_identity", "hidden_layers",
]
