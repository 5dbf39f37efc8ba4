"""The words of the demo's assessments: matrices, tasks and feedback, in Swedish.

The matrices' criteria and E/C/A texts are placeholder wording written for
the demo, in the style of a teacher's own bedömningsmatris. They are NOT
Skolverket's betygskriterier and must not be shown as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync_protocol.assessment_documents import Criterion


def _row(row_id: str, criterion: str, e: str, c: str, a: str) -> Criterion:
    return Criterion(row_id, criterion, {"E": e, "C": c, "A": a})


MATHS_MATRIX_TITLE = "Matris: problemlösning och resonemang (exempel)"
MATHS_CRITERIA = (
    _row(
        "problemlosning",
        "Problemlösning: du löser problem och väljer strategier.",
        "Du löser enkla problem med en strategi som till viss del passar uppgiften.",
        "Du löser problem med en strategi som passar uppgiften och prövar om svaret är rimligt.",
        "Du löser mer sammansatta problem, väljer en effektiv strategi och värderar hur väl "
        "den fungerade.",
    ),
    _row(
        "begrepp",
        "Begrepp: du förstår och använder matematiska begrepp.",
        "Du använder några begrepp i bekanta situationer och beskriver dem med egna ord.",
        "Du använder begreppen säkert och visar hur några av dem hänger ihop.",
        "Du använder begreppen i nya situationer och förklarar hur de hänger ihop med varandra.",
    ),
    _row(
        "metoder",
        "Metoder: du räknar och använder metoder.",
        "Du räknar med metoder som oftast leder fram till ett svar, men ibland saknas steg.",
        "Du väljer en metod som passar och genomför uträkningen med få fel.",
        "Du väljer en effektiv metod och genomför uträkningen säkert och tydligt, steg för steg.",
    ),
    _row(
        "resonemang",
        "Resonemang: du motiverar dina lösningar.",
        "Du motiverar ditt svar med ett kort resonemang som delvis hänger ihop.",
        "Du motiverar ditt svar med ett resonemang som hänger ihop och bemöter en annan lösning.",
        "Du för ett genomtänkt resonemang, jämför olika lösningar och förklarar vilken som är "
        "bäst och varför.",
    ),
    _row(
        "kommunikation",
        "Kommunikation: du redovisar med matematiska uttryck.",
        "Du redovisar din lösning så att den går att följa med viss hjälp.",
        "Du redovisar din lösning så att den går att följa, med symboler och tabeller som passar.",
        "Du redovisar tydligt och korrekt och väljer det uttryckssätt som gör lösningen lättast "
        "att följa.",
    ),
)

SCIENCE_MATRIX_TITLE = "Matris: laboration och undersökning (exempel)"
SCIENCE_CRITERIA = (
    _row(
        "planering",
        "Planering: du planerar en undersökning.",
        "Du formulerar en fråga och planerar en undersökning med hjälp av en given mall.",
        "Du formulerar en fråga som går att undersöka och planerar hur du ska ta reda på svaret.",
        "Du formulerar en tydlig fråga, planerar undersökningen själv och förklarar vad som "
        "måste hållas lika.",
    ),
    _row(
        "genomforande",
        "Genomförande: du använder utrustning och gör mätningar.",
        "Du genomför undersökningen och använder utrustningen säkert med visst stöd.",
        "Du genomför undersökningen säkert och gör mätningar som går att lita på.",
        "Du genomför undersökningen säkert och noggrant och upprepar mätningar när resultatet "
        "verkar osäkert.",
    ),
    _row(
        "dokumentation",
        "Dokumentation: du dokumenterar med text, tabeller och bilder.",
        "Du skriver ner vad du gjorde och vad som hände, med en enkel tabell eller bild.",
        "Du dokumenterar metod och resultat ordnat, med tabeller eller diagram som passar.",
        "Du dokumenterar så att någon annan kan göra om undersökningen och visar resultatet i "
        "ett välvalt diagram.",
    ),
    _row(
        "slutsatser",
        "Slutsatser: du tolkar resultatet och drar slutsatser.",
        "Du drar en enkel slutsats och jämför den med vad du trodde innan.",
        "Du drar en slutsats som bygger på resultatet och föreslår vad som kunde göras bättre.",
        "Du drar en väl underbyggd slutsats, kopplar den till naturvetenskapliga förklaringar "
        "och resonerar om felkällor.",
    ),
)


@dataclass(frozen=True)
class TaskPlan:
    """One assessment of a subject and year, placed in the term by `when`."""

    key: str
    title: str
    description: str
    assessment_type: str
    scale: str  # grade_af, points, pass_fail, matrix
    #: Where among the term's past school days (0-1) it was held; None: after today.
    when: float | None
    max_points: int | None = None
    #: Guidance limits (E, C, A) the teacher wrote beside the points.
    limits: tuple[int, int, int] | None = None
    #: The teacher is still marking it (held a few days ago).
    marking: bool = False


def _tasks(*plans: TaskPlan) -> tuple[TaskPlan, ...]:
    return plans


TASKS: dict[tuple[str, int], tuple[TaskPlan, ...]] = {
    ("MA", 7): _tasks(
        TaskPlan(
            "diagnos",
            "Diagnos: tal och taluppfattning",
            "Kartläggning i början av terminen: positionssystemet, decimaltal och negativa tal.",
            "test",
            "points",
            0.03,
            24,
        ),
        TaskPlan(
            "brak",
            "Prov: bråk, decimaltal och procent",
            "Skriftligt prov, 60 minuter. Miniräknare på del B.",
            "test",
            "points",
            0.35,
            46,
            (14, 26, 38),
        ),
        TaskPlan(
            "veckans",
            "Veckans problem, fyra inlämningar",
            "Fyra problemlösningsuppgifter, lämnas in på lärplattformen.",
            "assignment",
            "pass_fail",
            0.5,
        ),
        TaskPlan(
            "monster",
            "Problemlösning: mönster och algebra",
            "Uppgift i par som redovisas enskilt. Bedöms med matrisen.",
            "assignment",
            "matrix",
            0.72,
        ),
        TaskPlan(
            "statistik",
            "Muntlig redovisning: egen statistikundersökning",
            "Eleven presenterar en egen enkät med tabeller och diagram.",
            "oral",
            "grade_af",
            1.0,
            marking=True,
        ),
        TaskPlan(
            "geometri",
            "Prov: geometri, area och omkrets",
            "Skriftligt prov. Ta med linjal och gradskiva.",
            "test",
            "points",
            None,
            40,
            (12, 22, 33),
        ),
    ),
    ("MA", 8): _tasks(
        TaskPlan(
            "diagnos",
            "Diagnos: algebra",
            "Kartläggning av förkunskaper i algebra.",
            "test",
            "points",
            0.03,
            20,
        ),
        TaskPlan(
            "ekvationer",
            "Prov: ekvationer och uttryck",
            "Skriftligt prov, 70 minuter. Del A utan miniräknare.",
            "test",
            "points",
            0.4,
            52,
            (16, 30, 43),
        ),
        TaskPlan(
            "samband",
            "Problemlösning: linjära samband",
            "Taxiresan: jämför två prismodeller och motivera ditt val.",
            "assignment",
            "matrix",
            0.65,
        ),
        TaskPlan(
            "skala",
            "Inlämning: skala och proportionalitet",
            "Rita en skalenlig karta över skolgården.",
            "assignment",
            "pass_fail",
            0.85,
        ),
        TaskPlan(
            "sannolikhet",
            "Prov: sannolikhet och statistik",
            "Skriftligt prov i slutet av området.",
            "test",
            "points",
            None,
            44,
            (13, 25, 36),
        ),
    ),
    ("NO", 7): _tasks(
        TaskPlan(
            "cellen",
            "Förhör: cellen och livets byggstenar",
            "Kort skriftligt förhör, 20 minuter.",
            "test",
            "points",
            0.15,
            15,
        ),
        TaskPlan(
            "separation",
            "Laboration: separationsmetoder",
            "Separera en blandning av salt, sand och järnfilspån. Bedöms med matrisen.",
            "lab",
            "matrix",
            0.42,
        ),
        TaskPlan(
            "kretslopp",
            "Labbrapport: vattnets kretslopp",
            "Rapport efter demonstrationen med avdunstning och kondensation.",
            "lab",
            "pass_fail",
            0.6,
        ),
        TaskPlan(
            "kemi",
            "Prov: kemins grunder",
            "Atomer, molekyler, grundämnen och kemiska reaktioner.",
            "test",
            "points",
            0.88,
            36,
            (11, 20, 29),
        ),
        TaskPlan(
            "ekosystem",
            "Muntlig presentation: ett svenskt ekosystem",
            "Presentera näringskedjor i ett ekosystem du väljer, 5 minuter.",
            "oral",
            "grade_af",
            None,
        ),
    ),
}

#: Feedback by how the pupil did: (strong, middling, struggling).
FEEDBACK = (
    (
        "Mycket bra! Du visar säkra kunskaper och förklarar tydligt.",
        "Starkt arbete. Nästa steg: jämför din lösning med en annan och värdera dem.",
        "Du resonerar väl och använder begreppen säkert. Fortsätt så!",
    ),
    (
        "Bra jobbat. Visa fler steg i dina uträkningar så blir det lättare att följa.",
        "Du är på god väg. Öva på att motivera varför ditt svar är rimligt.",
        "Bra struktur. Tänk på att använda rätt enheter i svaren.",
    ),
    (
        "Du har kommit igång. Vi går igenom uppgift 2 och 4 tillsammans nästa lektion.",
        "Öva mer på grunderna. Använd gärna övningarna i kapitel 2.",
        "Fråga mig när du kör fast, så hittar vi ett sätt som fungerar för dig.",
    ),
)
NOT_HANDED_IN_COMMENT = "Inlämningen saknas. Prata med mig så bestämmer vi en ny tid."
FAIL_COMMENT = "Komplettera uppgift 3 och lämna in igen senast fredag."
