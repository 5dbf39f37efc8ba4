"""Code lists of the registry's enum fields, English on the wire, with
SS 12000's Swedish values where the standard has the field (mapped at the
edges: imports and exports)."""

from __future__ import annotations

from sync_protocol.grading_rules import GRADE_CODES

SECURITY_MARKINGS = ("none", "confidential", "protected_registration")
#: SS 12000 Code_SecurityMarking values, in the order of SECURITY_MARKINGS.
SS12000_SECURITY_MARKINGS = ("Ingen", "Sekretessmarkering", "Skyddad folkbokföring")

GROUP_TYPES = ("class", "teaching", "mentor", "other")
SS12000_GROUP_TYPES = ("Klass", "Undervisning", "Mentor", "Övrigt")

ACTIVITY_TYPES = ("teaching", "pupil_activity", "other")
SS12000_ACTIVITY_TYPES = ("Undervisning", "Elevaktivitet", "Övrigt")

ABSENCE_TYPES = ("reported_absence", "granted_leave")
SS12000_ABSENCE_TYPES = ("Anmäld frånvaro", "Beviljad ledighet")

#: Roll-call states; minutes per SS 12000 Attendance follow from these.
ATTENDANCE_STATUSES = (
    "present",
    "late",
    "left_early",
    "absent",  # invalid (ogiltig) absence
    "valid_absence",  # from a guardian's report or granted leave
    "other_activity",  # taking part in another school activity; not an absence
)

#: The grade steps come from the grade rules (sync_protocol.grading_rules).
GRADES = GRADE_CODES
ASSESSMENT_TYPES = ("test", "assignment", "oral", "lab", "project", "other")
#: "talk": utvecklingssamtal (with a term); "action_programme": about an
#: åtgärdsprogram (the reference itself is an action_programme_ref).
NOTE_CATEGORIES = ("observation", "extra_adjustment", "talk", "action_programme", "other")
#: Who sees a note: its author only, the pupil's mentors (and the author),
#: every teacher of the pupil (docs/scope.md).
NOTE_VISIBILITIES = ("private", "mentors", "teachers")
NOTICE_STATES = ("queued", "sent", "failed", "cancelled")
CONFLICT_TYPES = ("notice", "needs_review", "text_both", "delete_vs_edit")
CONFLICT_STATES = ("open", "resolved", "acknowledged")
