"""The words of pupil documentation in the teacher's language: categories,
who sees a note (in plain Swedish in the shipped catalogue: "Bara jag",
"Elevens lärare", "Elevens mentor(er)"), and why a draft cannot be saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from local_db.documentation import DocumentationRefused, Problem


def category_name(code: str) -> str:
    names = {
        "observation": QCoreApplication.translate("Documentation", "Observation"),
        "extra_adjustment": QCoreApplication.translate("Documentation", "Extra adjustment"),
        "talk": QCoreApplication.translate("Documentation", "Development talk"),
        "action_programme": QCoreApplication.translate("Documentation", "Action programme"),
        "other": QCoreApplication.translate("Documentation", "Other"),
    }
    return names.get(code, code)


def visibility_name(code: str) -> str:
    names = {
        "private": QCoreApplication.translate("Documentation", "Only me"),
        "mentors": QCoreApplication.translate("Documentation", "The pupil's mentor(s)"),
        "teachers": QCoreApplication.translate("Documentation", "The pupil's teachers"),
    }
    return names.get(code, code)


def visibility_explanation(code: str) -> str:
    """What choosing it means, said in full (the editor shows it under each choice)."""
    texts = {
        "private": QCoreApplication.translate(
            "Documentation",
            "Only you see the note, on your computers. It is still kept on the school's "
            "server: the school must be able to show a pupil's data when asked.",
        ),
        "mentors": QCoreApplication.translate(
            "Documentation",
            "You and the pupil's mentor(s) see the note; the pupil's other teachers do not.",
        ),
        "teachers": QCoreApplication.translate(
            "Documentation", "Everyone who teaches the pupil sees the note."
        ),
    }
    return texts.get(code, "")


def problem_text(refused: DocumentationRefused) -> str:
    problem = refused.problem
    if problem is Problem.EMPTY:
        return QCoreApplication.translate("Documentation", "Write something first.")
    if problem is Problem.TOO_LONG:
        return QCoreApplication.translate(
            "Documentation",
            "The text is too long: at most {limit} characters. Shorten it; nothing was lost.",
        ).format(limit=refused.limit)
    if problem is Problem.BAD_TERM:
        return QCoreApplication.translate("Documentation", "Choose the term of the talk.")
    if problem is Problem.END_BEFORE_START:
        return QCoreApplication.translate("Documentation", "The end date is before the start date.")
    if problem is Problem.NOT_MY_PUPIL:
        return QCoreApplication.translate(
            "Documentation", "You can only document pupils you teach."
        )
    if problem is Problem.NOT_AUTHOR:
        return QCoreApplication.translate(
            "Documentation", "Only the teacher who wrote a note can change or delete it."
        )
    return QCoreApplication.translate("Documentation", "That choice is not available.")
