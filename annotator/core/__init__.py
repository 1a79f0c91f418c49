"""Pure-Python data and edits. No Qt, no SQL, nothing else of ours (see tests/test_import_rules.py)."""

from .edits import (
    AddArgument,
    AddEvent,
    AddSpan,
    Batch,
    DeleteEvent,
    DeleteSpan,
    Edit,
    ExpectFree,
    RemoveArgument,
    SetDocState,
    SetRole,
    UpdateEvent,
    UpdateSpan,
    accept,
    delete_span_plan,
    reject,
    set_argument,
    set_event_fields,
    set_fillers,
    set_label,
    set_span_fields,
)
from .errors import (
    AnnotatorError,
    Cancelled,
    CannotWrite,
    EditError,
    InputError,
    ProjectError,
    ReadOnlyStorage,
    SchemeError,
    StorageFull,
)
from .ids import new_id
from .model import (
    DOC_STATES,
    GOLD,
    LAYERS,
    LEAD,
    MODEL,
    ORIGINS,
    ROLES,
    STATUSES,
    SYSTEM_NAMES,
    AnnotatedDocument,
    Argument,
    Document,
    Event,
    Layer,
    Span,
    same_name,
)
from .scheme import Label, Mode, Role, Scheme, default_scheme, load_scheme

__all__ = [name for name in dir() if not name.startswith("_")]
