"""Blind annotation in the window (issue 8, docs/team.md).

The text view only ever shows the session's own layer (the model's suggestions are copied
into it), so an annotator never sees another annotator's spans while annotating. Places
that list or show other layers follow `store.team.visible_layers`: export and model
quality offer only visible layers (dialogs), and the screens that show two annotators'
work side by side (agreement dashboard, adjudication) are disabled for an annotator in a
team round, and so are the document list's "others" and "gold" columns (others' progress is
the lead's business, as in the progress pane); a lone user has no use for them either.

"In a team round" = the person has documents assigned to them, or a lead turned blind mode on
(`annotator role --blind on`, `store.roles.blind_turned_on`) and others work in the project. A
lone user (role `annotator` by default) on their own project keeps these screens; a lead or
adjudicator (`annotator role`/`set_role`) always has them.
"""

from __future__ import annotations

from ..store import Project
from ..store.roles import SEES_ALL_ROLES, assignments, blind_turned_on, role_of

# actions (actions.py names) whose screens show other annotators' layers
SHOWS_OTHER_LAYERS = ("agreement", "adjudicate")
BLIND_TIP = "for the lead or adjudicator: annotators in a team round work blind"


def works_with_others(project: Project, annotator: str) -> bool:
    """Whether the document list's "others" and "gold" columns say anything: someone else works
    in the project, or this person leads. For a lone user they were two empty columns that left
    the titles three letters wide."""
    if role_of(project, annotator) in SEES_ALL_ROLES:
        return True
    return any(name != annotator for name in project.annotator_names(people_only=True))


def is_blind(project: Project, annotator: str) -> bool:
    if role_of(project, annotator) in SEES_ALL_ROLES:
        return False
    if assignments(project, annotator):
        return True
    # not assigned anything, but the lead said blind: the others' layers are not theirs to see
    return blind_turned_on(project) and works_with_others(project, annotator)


def apply_blind_mode(window) -> bool:  # type: ignore[no-untyped-def]
    """Enable or disable the screens that show other layers; True when the window is blind."""
    blind = is_blind(window.project, window.session.annotator)
    for name in SHOWS_OTHER_LAYERS:
        action = window.actions_.get(name)
        if action is None:
            continue
        if not action.property("tipBeforeBlind"):
            action.setProperty("tipBeforeBlind", action.statusTip() or " ")
        action.setEnabled(not blind)
        action.setStatusTip(BLIND_TIP if blind else str(action.property("tipBeforeBlind")).strip())
    window.doc_panel.show_team_columns(not blind and works_with_others(window.project, window.session.annotator))
    window.blind = blind  # live refresh tells a blind annotator only of the layers they may see
    return blind
