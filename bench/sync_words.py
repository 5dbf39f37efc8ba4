"""Names and words the benchmark school is written with (bench/sync_data.py)."""

# Word lists, written as the words they are.
GIVEN = "Alva Elsa Maja Ebba Åsa Noah Hugo Olle Liam Östen Saga Vera Nils Ture Ines Leo".split()  # noqa: SIM905
FAMILY = "Andersson Berg Öberg Åkesson Ek Lind Ström Zetterlund Nyström Holm Sjöberg".split()  # noqa: SIM905
SUBJECTS = ["Matematik", "Svenska", "Engelska", "NO", "SO", "Teknik"]
WORDS = (  # noqa: SIM905
    "eleven arbetar koncentrerat med uppgifterna och visar god förståelse för "
    "begreppen behöver stöd i att komma igång men tar ansvar när instruktionen är "
    "tydlig resonerar muntligt om lösningar jämför strategier redovisar skriftligt "
    "använder ämnesspecifika ord beskriver samband drar slutsatser ställer frågor "
    "samarbetar i grupp hjälper kamrater lämnar in i tid saknar underlag provet "
    "laborationen inlämningen diskussionen extra anpassningar tydligare struktur "
    "kortare pass bildstöd uppläst text förlängd tid samtal med vårdnadshavare "
    "utvecklingssamtal mål nästa steg förmåga analysera värdera"
).split()
ATTENDANCE = ["present"] * 20 + ["late", "absent", "valid_absence", "left_early"]
GRADES = ["A", "B", "C", "C", "D", "E", "E", "F"]
NOTE_CATEGORIES = ["observation", "observation", "extra_adjustment", "talk", "other"]
