"""The app never computes a grade (Lgr22: a grade is the teacher's sammantagen
bedömning). No code path turns points, matrix levels or an average into a
grade, and the E/C/A limits on a points test stay guidance.

Checked over the source of every package: the grade rules offer no such
function, no function is named as one, no comparison sets a result against a
guidance limit, and no table maps numbers or levels to grades. Each check is
also run against a small offending source, so a check that can no longer see
anything fails too.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from sync_protocol import grading_rules

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "local_db", "sync_protocol", "server")

_COMPUTING_NAME = re.compile(
    r"(compute|calc|derive|suggest|propose|auto|infer|estimate|predict)\w*grade"
    r"|grade_(from|for_points|for_levels|of_points|of_levels)"
    r"|(points|levels?|score|average|mean)_(to|into)_grade",
    re.IGNORECASE,
)
#: Names a guidance limit may be compared with: the test's own bounds (a
#: limit must lie between 0 and the maximum), never a pupil's points.
_LIMIT_PEERS = {"max_points", *grading_rules.GUIDANCE_LIMIT_FIELDS}


def _names_in(node: ast.AST) -> set[str]:
    """Names, attributes and string subscripts an expression reads."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.add(sub.value)
    return found


def offences(source: str, filename: str = "<source>") -> list[str]:
    """Where this source computes, or looks like it computes, a grade."""
    tree = ast.parse(source, filename=filename)
    grades = set(grading_rules.GRADE_CODES)
    levels = set(grading_rules.MATRIX_LEVELS)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _COMPUTING_NAME.search(
            node.name
        ):
            found.append(f"{filename}:{node.lineno}: function {node.name} computes a grade")
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            names = set().union(*(_names_in(operand) for operand in operands))
            limits = names & set(grading_rules.GUIDANCE_LIMIT_FIELDS)
            if not limits:
                continue
            for operand in operands:
                operand_names = _names_in(operand)
                literal = isinstance(operand, ast.Constant)
                if not literal and not operand_names <= _LIMIT_PEERS | {"spec", "self", "row"}:
                    found.append(
                        f"{filename}:{node.lineno}: a guidance limit ({', '.join(sorted(limits))})"
                        f" is compared with {', '.join(sorted(operand_names - _LIMIT_PEERS))}"
                    )
                    break
        elif isinstance(node, ast.Dict):
            keys = [k for k in node.keys if isinstance(k, ast.Constant)]
            values = [v for v in node.values if isinstance(v, ast.Constant)]
            if len(keys) < 2 or len(values) < 2:
                continue
            numeric_keys = all(isinstance(k.value, int | float) for k in keys)
            # Levels as keys, with one that is no grade step (not_yet): a
            # table from a matrix level to a grade, not a table of labels.
            level_keys = all(k.value in levels for k in keys) and any(
                k.value in levels - grades for k in keys
            )
            numeric_or_level_keys = numeric_keys or level_keys
            grade_values = all(isinstance(v.value, str) and v.value in grades for v in values)
            if numeric_or_level_keys and grade_values:
                found.append(f"{filename}:{node.lineno}: a table maps numbers or levels to grades")
    return found


def test_the_grade_rules_offer_no_way_to_compute_a_grade() -> None:
    functions = {
        name
        for name, value in vars(grading_rules).items()
        if inspect.isfunction(value) and value.__module__ == grading_rules.__name__
    }
    methods = {
        f"{cls.__name__}.{name}"
        for cls in (grading_rules.GradeRules, grading_rules.GradeStep, grading_rules.TermPoint)
        for name, value in vars(cls).items()
        if inspect.isfunction(value) and not name.startswith("__")
    }
    # Each of these answers a question about the rules; none takes points or
    # levels. implied_no_basis_reason gives the reason that goes with a grade
    # the teacher chose (the reason follows the grade, never the other way).
    assert functions == {"no_basis_problem", "implied_no_basis_reason"}
    assert methods == {
        "GradeRules.step",
        "GradeRules.gets_term_grade",
        "GradeRules.gets_final_grade",
        "GradeRules.gets_a_grade",
        "TermPoint.order",
    }
    for name in ("no_basis_problem", "implied_no_basis_reason"):
        parameters = inspect.signature(getattr(grading_rules, name)).parameters
        assert not {"points", "levels", "value", "score"} & set(parameters)


def test_no_code_computes_a_grade() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found += offences(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "def grade_from_points(points, max_points):\n    return 'E'\n",
        "def suggest_term_grade(results):\n    return None\n",
        "def levels_to_grade(levels):\n    return 'C'\n",
        "def show(points, e_limit):\n    return 'E' if points >= e_limit else 'F'\n",
        "def show(result, spec):\n    return result.value >= spec.c_limit\n",
        "def show(row):\n    return row['points'] > row['a_limit']\n",
        "STEPS = {10: 'E', 20: 'C', 30: 'A'}\n",
        "STEPS = {'not_yet': 'F', 'E': 'E'}\n",
    ],
)
def test_the_check_sees_a_computed_grade(source: str) -> None:
    assert offences(source) != []


@pytest.mark.parametrize(
    "source",
    [
        # Validating the limits themselves: within 0 and the maximum, in order.
        "def check(spec):\n    return 0 <= spec.e_limit <= spec.c_limit <= spec.max_points\n",
        "def check(e_limit, max_points):\n    return e_limit is None or e_limit > max_points\n",
        # Showing the steps, or the levels as labels, is fine.
        "LABELS = {'A': 'A', 'E': 'E'}\n",
        "NAMES = {'not_yet': 'Inte än', 'E': 'E'}\n",
    ],
)
def test_the_check_leaves_the_rules_and_the_limits_own_checks_alone(source: str) -> None:
    assert offences(source) == []
