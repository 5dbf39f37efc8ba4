<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../about_dialog.py" line="31"/>
        <source>About Klassbok</source>
        <translation>Om Klassbok</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="35"/>
        <source>Klassbok {version}</source>
        <translation>Klassbok {version}</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="40"/>
        <source>Attendance, planning, assessment and pupil documentation for teachers in Swedish compulsory school. Your school&apos;s data is kept on this computer, encrypted, and synced with the school&apos;s server.</source>
        <translation>Närvaro, planering, bedömning och elevdokumentation för lärare i grundskolan. Skolans uppgifter sparas krypterade på den här datorn och synkroniseras med skolans server.</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="46"/>
        <source>Built with</source>
        <translation>Byggd med</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="55"/>
        <source>Libraries and their licences</source>
        <translation>Bibliotek och deras licenser</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="57"/>
        <source>Library</source>
        <translation>Bibliotek</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="57"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../about_dialog.py" line="57"/>
        <source>Licence</source>
        <translation>Licens</translation>
    </message>
</context>
<context>
    <name>AbsenceChart</name>
    <message>
        <location filename="../../widgets/absence_chart.py" line="69"/>
        <source>Absence per week</source>
        <translation>Frånvaro per vecka</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="98"/>
        <source>week {week}: valid {valid}, invalid {invalid}</source>
        <translation>vecka {week}: giltig {valid}, ogiltig {invalid}</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="102"/>
        <source>No registered lessons in this period.</source>
        <translation>Inga registrerade lektioner under perioden.</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="124"/>
        <source>No registered lessons in this period yet.</source>
        <translation>Inga registrerade lektioner under perioden än.</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="158"/>
        <source>% of lesson time</source>
        <translation>% av lektionstiden</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="166"/>
        <source>Week</source>
        <translation>Vecka</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="215"/>
        <source>Valid absence</source>
        <translation>Giltig frånvaro</translation>
    </message>
    <message>
        <location filename="../../widgets/absence_chart.py" line="216"/>
        <source>Invalid absence</source>
        <translation>Ogiltig frånvaro</translation>
    </message>
</context>
<context>
    <name>AbsenceNoticeModel</name>
    <message>
        <location filename="../../models/absence_notice_model.py" line="23"/>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../models/absence_notice_model.py" line="23"/>
        <source>Notice to guardians</source>
        <translation>Meddelande till vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../models/absence_notice_model.py" line="36"/>
        <source>Sent {time}</source>
        <translation>Skickat kl. {time}</translation>
    </message>
    <message>
        <location filename="../../models/absence_notice_model.py" line="37"/>
        <source>Sent</source>
        <translation>Skickat</translation>
    </message>
    <message>
        <location filename="../../models/absence_notice_model.py" line="39"/>
        <source>Waiting to be sent</source>
        <translation>Väntar på att skickas</translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/absence_notice_model.py" line="42"/>
        <source>Could not be sent (%n attempt(s)) — the school office follows up</source>
        <translation>
            <numerusform>Kunde inte skickas (%n försök) – skolans expedition följer upp</numerusform>
            <numerusform>Kunde inte skickas (%n försök) – skolans expedition följer upp</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../models/absence_notice_model.py" line="45"/>
        <source>Not sent: the absence was corrected or reported in time</source>
        <translation>Skickades inte: frånvaron rättades eller anmäldes i tid</translation>
    </message>
</context>
<context>
    <name>AdjustmentDialog</name>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="39"/>
        <source>Extra adjustment</source>
        <translation>Extra anpassning</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="41"/>
        <source>Change extra adjustment</source>
        <translation>Ändra extra anpassning</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="45"/>
        <source>For example: extra time on tests</source>
        <translation>Till exempel: förlängd tid på prov</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="47"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="50"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="53"/>
        <location filename="../../pages/documentation/record_dialogs.py" line="58"/>
        <source>Evaluation</source>
        <translation>Utvärdering</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="55"/>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="59"/>
        <source>Only “what” is needed; the rest can wait until you know it.</source>
        <translation>Bara ”vad” behövs; resten kan vänta tills du vet.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="89"/>
        <source>Say what the adjustment is.</source>
        <translation>Skriv vad anpassningen är.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="91"/>
        <source>The evaluation is too long: at most {limit} characters.</source>
        <translation>Utvärderingen är för lång: högst {limit} tecken.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="95"/>
        <source>The end date is before the start date.</source>
        <translation>Slutdatumet är före startdatumet.</translation>
    </message>
</context>
<context>
    <name>AdjustmentTableModel</name>
    <message>
        <location filename="../../models/documentation_models.py" line="58"/>
        <source>Adjustment</source>
        <translation>Anpassning</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="58"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="58"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="58"/>
        <source>Evaluation</source>
        <translation>Utvärdering</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="66"/>
        <source>ongoing</source>
        <translation>tills vidare</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="45"/>
        <source>New assessment</source>
        <translation>Ny bedömning</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="48"/>
        <source>For example: Algebra test</source>
        <translation>Till exempel: Prov i algebra</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="61"/>
        <source>Show my E/C/A limits beside the points (guidance only)</source>
        <translation>Visa mina E/C/A-gränser bredvid poängen (bara som vägledning)</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="74"/>
        <source>This group has no criteria matrix yet: make one with “Matrices…” first.</source>
        <translation>Gruppen har ingen bedömningsmatris än: gör en med ”Matriser…” först.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="88"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="89"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="90"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="91"/>
        <source>Scale</source>
        <translation>Skala</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="92"/>
        <source>Maximum points</source>
        <translation>Maxpoäng</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="95"/>
        <source>{step} from</source>
        <translation>{step} från</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="96"/>
        <source>Criteria matrix</source>
        <translation>Bedömningsmatris</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="141"/>
        <source>Give the assessment a title.</source>
        <translation>Ge bedömningen en titel.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="143"/>
        <source>Choose a criteria matrix, or make one with “Matrices…” first.</source>
        <translation>Välj en bedömningsmatris, eller gör en med ”Matriser…” först.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="145"/>
        <source>A limit cannot be above the maximum points.</source>
        <translation>En gräns kan inte ligga över maxpoängen.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="146"/>
        <source>The limits go up: E, then C, then A.</source>
        <translation>Gränserna stiger: E, sedan C, sedan A.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_dialog.py" line="147"/>
        <source>Give the test its maximum points.</source>
        <translation>Ge provet dess maxpoäng.</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="104"/>
        <source>Gradebook: pupils down, assessments across</source>
        <extracomment>How many steps Ctrl+Z can go back. Each pupil&apos;s attendance in this subject this term (the evidence panel); None: the page&apos;s copy still holds (only grades changed since it was read). The dialog open last (tests and screenshots reach it here).</extracomment>
        <translation>Bedömningsöversikt: elever nedåt, bedömningar bortåt</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="117"/>
        <source>Type a value: Enter moves down, Tab moves right. Ctrl+C and Ctrl+V copy and paste blocks to and from Excel; Delete clears; Ctrl+Z undoes. F2 or a double-click opens a matrix cell. Markers: {markers}</source>
        <translation>Skriv ett värde: Enter går nedåt, Tab åt höger. Ctrl+C och Ctrl+V kopierar och klistrar in block till och från Excel; Delete tömmer; Ctrl+Z ångrar. F2 eller dubbelklick öppnar en matriscell. Markeringar: {markers}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="158"/>
        <source>Group and subject</source>
        <extracomment>The (activity, term) self.absence was read for; None: read it again.</extracomment>
        <translation>Grupp och ämne</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="163"/>
        <source>Term</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="169"/>
        <source>Show assessments of kind</source>
        <translation>Visa bedömningar av typen</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="170"/>
        <source>All kinds</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="177"/>
        <source>Show assessments from</source>
        <translation>Visa bedömningar från</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="178"/>
        <source>This term&apos;s assessments</source>
        <translation>Terminens bedömningar</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="179"/>
        <source>All assessments</source>
        <translation>Alla bedömningar</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="181"/>
        <source>New assessment…</source>
        <translation>Ny bedömning…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="183"/>
        <source>Matrices…</source>
        <translation>Matriser…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="185"/>
        <source>Grade history…</source>
        <translation>Betygshistorik…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="187"/>
        <source>Every change of the selected pupil&apos;s term grade, kept by the school&apos;s server</source>
        <translation>Varje ändring av den valda elevens terminsbetyg, sparad av skolans server</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="191"/>
        <source>Columns</source>
        <translation>Kolumner</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="192"/>
        <source>Show or hide assessment columns</source>
        <translation>Visa eller dölj bedömningskolumner</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="197"/>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="200"/>
        <source>Gradebook as CSV (Excel)…</source>
        <translation>Översikten som CSV (Excel)…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="201"/>
        <source>Gradebook as PDF…</source>
        <translation>Översikten som PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="202"/>
        <source>Selected pupil&apos;s summary as PDF…</source>
        <translation>Vald elevs sammanställning som PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="222"/>
        <source>Assessment</source>
        <translation>Bedömning</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="280"/>
        <source>You don&apos;t teach any group yet, so there is nothing to assess.</source>
        <translation>Du undervisar ingen grupp än, så det finns inget att bedöma.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="282"/>
        <source>No pupils are in this group this term.</source>
        <translation>Inga elever finns i gruppen den här terminen.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="288"/>
        <source>No assessments yet in {group}. Press “New assessment…” to add a test or an assignment; the term grade column is ready already.</source>
        <translation>Inga bedömningar än i {group}. Tryck på ”Ny bedömning…” för att lägga till ett prov eller en uppgift; kolumnen för terminsbetyg finns redan.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="315"/>
        <source>{group} · {term} · {pupils} pupils · {count} assessments</source>
        <translation>{group} · {term} · {pupils} elever · {count} bedömningar</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/gradebook_writes.py" line="114"/>
        <source>Sorry, that change could not be saved; your other grades are safe. Details are in Klassbok&apos;s log.</source>
        <extracomment>The change name pages see in operation_did_execute after a gradebook write.</extracomment>
        <translation>Tyvärr kunde ändringen inte sparas; dina andra bedömningar är kvar. Detaljer finns i Klassboks logg.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="425"/>
        <source>Nothing to undo.</source>
        <translation>Inget att ångra.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/assessment_page.py" line="480"/>
        <source>Select a pupil&apos;s row first.</source>
        <translation>Välj en elevs rad först.</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <location filename="../../models/attendance_texts.py" line="43"/>
        <source>Present</source>
        <extracomment>(text, soft fill) per state; None = not marked. Never the only cue: every state is also written out. Light-theme (text, fill) colours; desktop.theme.colour gives the one to paint.</extracomment>
        <translation>Närvarande</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="44"/>
        <source>Late</source>
        <translation>Sen</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="45"/>
        <source>Left early</source>
        <translation>Gick tidigt</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="46"/>
        <source>Absent (invalid)</source>
        <translation>Ogiltig frånvaro</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="47"/>
        <source>Valid absence</source>
        <translation>Giltig frånvaro</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="48"/>
        <source>Other activity</source>
        <translation>Annan aktivitet</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="50"/>
        <source>Not marked</source>
        <translation>Ej markerad</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="59"/>
        <source>{state} · {minutes} min</source>
        <translation>{state} · {minutes} min</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="77"/>
        <source>Leave granted (asked {when})</source>
        <translation>Beviljad ledighet (ansökt {when})</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="80"/>
        <source>Reported by guardian {when}</source>
        <translation>Frånvaroanmälan {when}</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="86"/>
        <source>Reported by guardian at {when} — accept as valid absence?</source>
        <translation>Frånvaroanmälan {when} – godta som giltig frånvaro?</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="96"/>
        <source>Minutes must be between 1 and {limit} (the length of the lesson). Nothing was saved.</source>
        <translation>Antalet minuter måste vara mellan 1 och {limit} (lektionens längd). Inget har sparats.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="101"/>
        <source>This lesson was cancelled: nothing can be marked.</source>
        <translation>Lektionen är inställd: ingenting kan markeras.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="103"/>
        <source>{name} is not in the lesson&apos;s groups on its day, so the mark can&apos;t be changed.</source>
        <translation>{name} ingår inte i lektionens grupper den dagen, så markeringen kan inte ändras.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="106"/>
        <source>This pupil</source>
        <translation>Eleven</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="108"/>
        <source>Mark {name} first, then add a comment.</source>
        <translation>Markera {name} först och skriv sedan en kommentar.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="109"/>
        <source>the pupil</source>
        <translation>eleven</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="112"/>
        <source>A comment can be at most {limit} characters. Nothing was saved.</source>
        <translation>En kommentar får vara högst {limit} tecken. Inget har sparats.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="116"/>
        <source>This lesson is no longer in your timetable (it was removed by the school).</source>
        <translation>Lektionen finns inte längre i ditt schema (skolan har tagit bort den).</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="120"/>
        <source>That mark could not be saved.</source>
        <translation>Markeringen kunde inte sparas.</translation>
    </message>
    <message>
        <location filename="../../models/attendance_texts.py" line="137"/>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
</context>
<context>
    <name>AttendanceCsv</name>
    <message>
        <location filename="../../exports/attendance_csv.py" line="36"/>
        <source>Pupil</source>
        <extracomment>Excel in Swedish: semicolon between fields, comma as decimal sign.</extracomment>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="37"/>
        <source>Offered (min)</source>
        <translation>Erbjuden tid (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="38"/>
        <source>Registered (min)</source>
        <translation>Registrerad tid (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="39"/>
        <source>Present (min)</source>
        <translation>Närvaro (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="40"/>
        <source>Valid absence (min)</source>
        <translation>Giltig frånvaro (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="41"/>
        <source>Invalid absence (min)</source>
        <translation>Ogiltig frånvaro (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="42"/>
        <source>Other school activity (min)</source>
        <translation>Annan skolaktivitet (min)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="43"/>
        <source>Absence (%)</source>
        <translation>Frånvaro (%)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="44"/>
        <source>Invalid absence (%)</source>
        <translation>Ogiltig frånvaro (%)</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="45"/>
        <source>Late arrivals</source>
        <translation>Sena ankomster</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="46"/>
        <source>At or above threshold</source>
        <translation>Når gränsvärdet</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="62"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_csv.py" line="74"/>
        <source>Whole group {group}</source>
        <translation>Hela gruppen {group}</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="70"/>
        <source>Today&apos;s lessons and their roll call</source>
        <translation>Dagens lektioner och deras närvaroregistrering</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="78"/>
        <source>Earlier lessons without roll call</source>
        <translation>Tidigare lektioner utan registrerad närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="85"/>
        <source>Press Enter or double-click a lesson to take its roll call.</source>
        <translation>Tryck på Enter eller dubbelklicka på en lektion för att registrera närvaron.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="100"/>
        <source>Attendance views</source>
        <translation>Närvarovyer</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="101"/>
        <source>Roll calls</source>
        <translation>Registrering</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="102"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="166"/>
        <source>{date} · roll call taken for {taken} of {due} lessons today</source>
        <translation>{date} · närvaro registrerad för {taken} av {due} lektioner idag</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="175"/>
        <source>You have no lessons today, so there is no roll call to take. Lessons of other days are in the Timetable (Ctrl+2).</source>
        <translation>Du har inga lektioner i dag, så det finns ingen närvaro att registrera. Andra dagars lektioner finns i Schema (Ctrl+2).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/attendance_page.py" line="183"/>
        <source>Earlier this term, roll call not taken (%n)</source>
        <translation>
            <numerusform>Tidigare i terminen – närvaro ej registrerad (%n)</numerusform>
            <numerusform>Tidigare i terminen – närvaro ej registrerad (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="186"/>
        <source>Every earlier roll call this term is taken.</source>
        <translation>All närvaro tidigare i terminen är registrerad.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/attendance_page.py" line="123"/>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
</context>
<context>
    <name>AttendancePdf</name>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="42"/>
        <source>above</source>
        <translation>nått</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="53"/>
        <location filename="../../exports/attendance_pdf.py" line="113"/>
        <source>Attendance {group}</source>
        <translation>Närvaro {group}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="55"/>
        <source>School: {school}</source>
        <translation>Skola: {school}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="56"/>
        <source>Group: {group}</source>
        <translation>Grupp: {group}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="57"/>
        <source>Period: {start} – {end}</source>
        <translation>Period: {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="60"/>
        <source>Threshold: {threshold} absence</source>
        <translation>Gränsvärde: {threshold} frånvaro</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="63"/>
        <source>Lessons: {lessons}, roll call taken in {registered}</source>
        <translation>Lektioner: {lessons}, närvaro registrerad för {registered}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="66"/>
        <source>Made {date}</source>
        <translation>Skapad {date}</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="69"/>
        <source>Pupil</source>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="70"/>
        <source>Absence</source>
        <translation>Frånvaro</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="71"/>
        <source>Invalid</source>
        <translation>Ogiltig</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="72"/>
        <source>Valid</source>
        <translation>Giltig</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="73"/>
        <source>Late</source>
        <translation>Kom sent</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="74"/>
        <source>Registered / offered</source>
        <translation>Registrerad / erbjuden</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="75"/>
        <source>Threshold</source>
        <translation>Gränsvärde</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="82"/>
        <source>Whole group</source>
        <translation>Hela gruppen</translation>
    </message>
    <message>
        <location filename="../../exports/attendance_pdf.py" line="84"/>
        <source>Percentages are of the lesson time whose roll call was taken. Late arrival and leaving early count as invalid absence unless a guardian&apos;s report covers them. Other school activity is not absence.</source>
        <translation>Andelarna räknas på den lektionstid där närvaron har registrerats. Sen ankomst och att gå tidigt räknas som ogiltig frånvaro om inte en anmälan från vårdnadshavare täcker dem. Annan skolaktivitet räknas inte som frånvaro.</translation>
    </message>
</context>
<context>
    <name>AttendanceStatisticsModel</name>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="43"/>
        <source>Pupil</source>
        <extracomment>Custom role: a number to sort by (the proxy sorts on it).</extracomment>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="44"/>
        <source>Absence</source>
        <translation>Frånvaro</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="45"/>
        <source>Invalid</source>
        <translation>Ogiltig</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="46"/>
        <source>Valid</source>
        <translation>Giltig</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="47"/>
        <source>Late</source>
        <translation>Kom sent</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="48"/>
        <source>Registered</source>
        <translation>Registrerat</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="68"/>
        <source>At or above {threshold}</source>
        <translation>Minst {threshold}</translation>
    </message>
    <message>
        <location filename="../../models/attendance_statistics_model.py" line="108"/>
        <source>{name}
Lesson time offered {offered} min, registered {reported} min
Present {attended} min · valid absence {valid} min · invalid absence {invalid} min · other school activity {other} min
Late {late} time(s)</source>
        <translation>{name}
Erbjuden lektionstid {offered} min, registrerad {reported} min
Närvaro {attended} min · giltig frånvaro {valid} min · ogiltig frånvaro {invalid} min · annan skolaktivitet {other} min
Sena ankomster: {late}</translation>
    </message>
</context>
<context>
    <name>AttendanceWrites</name>
    <message>
        <location filename="../../pages/attendance/attendance_writes.py" line="86"/>
        <source>Sorry, that change could not be saved; the rest of the roll call is safe. Details are in Klassbok&apos;s log.</source>
        <extracomment>The change name pages see in operation_did_execute.</extracomment>
        <translation>Tyvärr kunde ändringen inte sparas; resten av närvaroregistreringen är i säkerhet. Detaljer finns i Klassboks logg.</translation>
    </message>
</context>
<context>
    <name>CataloguePickDialog</name>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="49"/>
        <source>Choose from the syllabus</source>
        <translation>Välj ur kursplanen</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="54"/>
        <source>Subject and version</source>
        <translation>Ämne och version</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="57"/>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="67"/>
        <location filename="../../pages/planning/planning_dialogs.py" line="68"/>
        <source>Search the syllabus text</source>
        <translation>Sök i kursplanens text</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="76"/>
        <source>Syllabus items</source>
        <translation>Kursplanens delar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="110"/>
        <source>%1 of %2 items shown, %3 chosen</source>
        <translation>%1 av %2 visas, %3 valda</translation>
    </message>
</context>
<context>
    <name>CataloguePicker</name>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="15"/>
        <source>Source: %1, %2, version %3</source>
        <translation>Källa: %1, %2, version %3</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="23"/>
        <source>Year %1</source>
        <translation>Årskurs %1</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="42"/>
        <source>Subject in the syllabus</source>
        <translation>Ämne i kursplanen</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="44"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="46"/>
        <source>Year</source>
        <translation>Årskurs</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="47"/>
        <source>Start from the syllabus</source>
        <translation>Starta från kursplanen</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="51"/>
        <source>A new matrix with the syllabus&apos;s grading criteria for the year: one row per paragraph, E, C and A side by side. The text is copied; edit it as you like.</source>
        <translation>En ny matris med kursplanens betygskriterier för årskursen: en rad per stycke, E, C och A bredvid varandra. Texten kopieras; redigera den som du vill.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="66"/>
        <source>Syllabus:</source>
        <translation>Kursplan:</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/catalogue_picker.py" line="81"/>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
</context>
<context>
    <name>ConflictDetail</name>
    <message>
        <location filename="../../pages/conflict_detail.py" line="138"/>
        <source>Or write one text from both</source>
        <extracomment>Values up to this long are shown large (a grade, a status). (conflict id, chosen JSON) — one click decides.</extracomment>
        <translation>Eller skriv en text av båda</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="142"/>
        <source>Both versions are below, each under a line saying whose it is. Edit them into one text, remove the lines, then save.</source>
        <translation>Båda versionerna finns nedan, var och en under en rad som visar vems den är. Redigera ihop dem till en text, ta bort raderna och spara.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="150"/>
        <source>One text from both versions</source>
        <translation>En text av båda versionerna</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="153"/>
        <source>Or write one text from both…</source>
        <translation>Eller skriv en text av båda…</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="156"/>
        <source>Save this text</source>
        <translation>Spara den här texten</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="202"/>
        <source>Yours</source>
        <translation>Din version</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="205"/>
        <location filename="../../pages/conflict_detail.py" line="209"/>
        <location filename="../../pages/conflict_detail.py" line="210"/>
        <source>{name}&apos;s</source>
        <translation>{name}s version</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="226"/>
        <source>{deleter} deleted this while {editor} changed it. Decide whether it should stay. Until then it is kept.</source>
        <translation>{deleter} tog bort det här medan {editor} ändrade det. Bestäm om det ska finnas kvar. Tills dess behålls det.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="233"/>
        <source>You and {other} changed the same words at the same time. Choose one version, or write one text from both below.</source>
        <translation>Du och {other} ändrade samma ord samtidigt. Välj en version, eller skriv en text av båda nedan.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="238"/>
        <source>{a} and {b} changed the same words at the same time. Choose one version.</source>
        <translation>{a} och {b} ändrade samma ord samtidigt. Välj en version.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="243"/>
        <source>You and {other} entered different values at about the same time. Klassbok never picks a grade by itself: until one of you decides, it keeps {kept}, the value that reached the server first.</source>
        <translation>Du och {other} angav olika värden ungefär samtidigt. Klassbok väljer aldrig ett betyg på egen hand: tills någon av er bestämmer behålls {kept}, det värde som nådde servern först.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="249"/>
        <source>{a} and {b} entered different values. Until a teacher decides, Klassbok keeps {kept}.</source>
        <translation>{a} och {b} angav olika värden. Tills en lärare bestämmer behåller Klassbok {kept}.</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="259"/>
        <source>{name}, {when}</source>
        <translation>{name}, {when}</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="265"/>
        <source>Keep deleted</source>
        <translation>Godta borttagningen</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="265"/>
        <source>Keep with the edit</source>
        <translation>Behåll med ändringen</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="268"/>
        <source>Deleted by {name}</source>
        <translation>Borttagen av {name}</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="268"/>
        <source>Changed by {name}</source>
        <translation>Ändrad av {name}</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="272"/>
        <source>Keep mine</source>
        <translation>Behåll min version</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="272"/>
        <source>Use theirs</source>
        <translation>Använd kollegans version</translation>
    </message>
    <message>
        <location filename="../../pages/conflict_detail.py" line="274"/>
        <source>Choose this</source>
        <translation>Välj den här</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <location filename="../../models/conflict_table_model.py" line="34"/>
        <source>Pupil</source>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../models/conflict_table_model.py" line="35"/>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../models/conflict_table_model.py" line="36"/>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location filename="../../models/conflict_table_model.py" line="37"/>
        <source>With</source>
        <translation>Kollega</translation>
    </message>
    <message>
        <location filename="../../models/conflict_table_model.py" line="38"/>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
</context>
<context>
    <name>ConflictTexts</name>
    <message>
        <location filename="../../models/conflict_texts.py" line="33"/>
        <source>Grade</source>
        <extracomment>How resolve_conflict&apos;s delete_vs_edit values look inside a conflict. The server&apos;s clock warning (server.services.sync.push_clock.clock_warning).</extracomment>
        <translation>Betyg</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="34"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="35"/>
        <source>Plan text</source>
        <translation>Planeringstext</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="36"/>
        <source>Homework</source>
        <translation>Läxa</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="37"/>
        <location filename="../../models/conflict_texts.py" line="79"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="38"/>
        <source>Kind of note</source>
        <translation>Typ av anteckning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="39"/>
        <location filename="../../models/conflict_texts.py" line="73"/>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="40"/>
        <source>Minutes late</source>
        <translation>Sen ankomst (min)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="41"/>
        <source>Minutes left early</source>
        <translation>Gick tidigt (min)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="42"/>
        <source>Guardian&apos;s report</source>
        <translation>Anmälan från vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="43"/>
        <location filename="../../models/conflict_texts.py" line="74"/>
        <source>Roll call</source>
        <translation>Närvaroregistrering</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="44"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="45"/>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="46"/>
        <source>Aims</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="47"/>
        <source>Central content</source>
        <translation>Centralt innehåll</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="48"/>
        <source>Assessment criteria</source>
        <translation>Bedömningskriterier</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="49"/>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="50"/>
        <source>End date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="51"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="52"/>
        <source>Kind of assessment</source>
        <translation>Typ av bedömning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="53"/>
        <location filename="../../models/conflict_texts.py" line="75"/>
        <source>Unit plan</source>
        <translation>LPP</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="54"/>
        <source>Who sees the note</source>
        <translation>Vem som ser anteckningen</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="55"/>
        <source>Date of the note</source>
        <translation>Anteckningens datum</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="56"/>
        <source>Term</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="57"/>
        <source>Adjustment</source>
        <translation>Anpassning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="58"/>
        <source>Evaluation</source>
        <translation>Utvärdering</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="59"/>
        <source>Decided on</source>
        <translation>Beslutat den</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="60"/>
        <source>Decided by</source>
        <translation>Beslutat av</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="61"/>
        <source>Where the document is</source>
        <translation>Var dokumentet finns</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="64"/>
        <source>Several fields</source>
        <translation>Flera fält</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="66"/>
        <location filename="../../models/conflict_texts.py" line="82"/>
        <source>Term grade</source>
        <translation>Terminsbetyg</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="76"/>
        <source>Lesson plan</source>
        <translation>Lektionsplanering</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="77"/>
        <source>Assessment</source>
        <translation>Bedömning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="78"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="80"/>
        <source>Extra adjustment</source>
        <translation>Extra anpassning</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="81"/>
        <source>Action programme (reference)</source>
        <translation>Åtgärdsprogram (hänvisning)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="93"/>
        <source>today {time}</source>
        <translation>idag {time}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="101"/>
        <source>a lesson</source>
        <translation>en lektion</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="117"/>
        <source>“{title}”</source>
        <translation>”{title}”</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="120"/>
        <source>{kind} “{title}”</source>
        <translation>{kind} ”{title}”</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="124"/>
        <source>{activity}, {term}</source>
        <translation>{activity}, {term}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="128"/>
        <source>{kind}, {lesson}</source>
        <translation>{kind}, {lesson}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="132"/>
        <source>Note, {activity}</source>
        <translation>Anteckning, {activity}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="147"/>
        <source>Term grade {term}, {activity}</source>
        <extracomment>Kinds whose heading names the field itself (&quot;Grade on “Prov 1”&quot;).</extracomment>
        <translation>Terminsbetyg {term}, {activity}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="150"/>
        <source>{field} on {subject}</source>
        <translation>{field} på {subject}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="159"/>
        <source>Deleted and edited</source>
        <translation>Borttagen och ändrad</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="161"/>
        <source>{field} (two versions)</source>
        <translation>{field} (två versioner)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="168"/>
        <source>Someone</source>
        <translation>Någon</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="175"/>
        <source>No grade</source>
        <translation>Inget betyg</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="176"/>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="178"/>
        <source>– (no grade possible)</source>
        <translation>– (underlag saknas)</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="182"/>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="185"/>
        <source>taken</source>
        <translation>registrerad</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="187"/>
        <source>not taken</source>
        <translation>ej registrerad</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="190"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="190"/>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="206"/>
        <source>{state} · {minutes} min</source>
        <translation>{state} · {minutes} min</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="215"/>
        <source>Deleted</source>
        <translation>Borttagen</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="241"/>
        <source>{who} changed {pupil} from {old} to {new} in {lesson}.</source>
        <translation>{who} ändrade närvaron för {pupil} från {old} till {new} i {lesson}.</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="246"/>
        <source>{pupil}, {what}</source>
        <translation>{pupil}, {what}</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="249"/>
        <source>{who} changed {what} from {old} to {new}.</source>
        <translation>{who} ändrade {what} från {old} till {new}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="268"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minut</numerusform>
            <numerusform>%n minuter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="270"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n timme</numerusform>
            <numerusform>%n timmar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="272"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="273"/>
        <source>This computer&apos;s clock is {span} fast. Turn on “Set time automatically” in the computer&apos;s date and time settings, so that attendance changes are kept in the right order. Your changes were saved with the server&apos;s time instead.</source>
        <translation>Datorns klocka går {span} före. Slå på ”Ställ in tiden automatiskt” i datorns inställningar för datum och tid, så att ändringar i närvaron hamnar i rätt ordning. Dina ändringar sparades med serverns tid i stället.</translation>
    </message>
    <message>
        <location filename="../../models/conflict_texts.py" line="284"/>
        <source>Computer clock is wrong</source>
        <translation>Datorns klocka går fel</translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="288"/>
        <source>Clock %n min fast</source>
        <translation>
            <numerusform>Klockan går %n min före</numerusform>
            <numerusform>Klockan går %n min före</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="290"/>
        <source>Clock %n h fast</source>
        <translation>
            <numerusform>Klockan går %n h före</numerusform>
            <numerusform>Klockan går %n h före</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/conflict_texts.py" line="291"/>
        <source>Clock %n day(s) fast</source>
        <translation>
            <numerusform>Klockan går %n dag före</numerusform>
            <numerusform>Klockan går %n dagar före</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../pages/conflicts_page.py" line="95"/>
        <source>When you and a colleague change the same thing, you decide here what counts.</source>
        <extracomment>A decision was saved locally: sync now so colleagues see it. Conflicts this teacher decided here (no &quot;a colleague decided&quot; note for them).</extracomment>
        <translation>När du och en kollega ändrar samma sak bestämmer du här vad som ska gälla.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="106"/>
        <source>Nothing to decide. If you and a colleague change the same grade or text at the same time, it shows up here, and nothing is changed until one of you decides.</source>
        <translation>Inget att avgöra. Om du och en kollega ändrar samma betyg eller text samtidigt visas det här, och ingenting ändras förrän någon av er har bestämt.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="130"/>
        <source>For your information</source>
        <translation>För kännedom</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="148"/>
        <source>To decide</source>
        <translation>Att avgöra</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="153"/>
        <source>Conflicts to decide</source>
        <translation>Konflikter att avgöra</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="169"/>
        <source>Choose a conflict in the list.</source>
        <translation>Välj en konflikt i listan.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="186"/>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="234"/>
        <source>a conflict</source>
        <translation>En konflikt</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="237"/>
        <source>{what} for {pupil}</source>
        <translation>{what} för {pupil}</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="239"/>
        <source>{what} was settled on another computer.</source>
        <translation>{what} har avgjorts på en annan dator.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="242"/>
        <source>{name} has already decided {what}.</source>
        <translation>{what} har redan avgjorts av {name}.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="349"/>
        <source>This was already settled, so nothing was changed. The list is updated.</source>
        <translation>Det här var redan avgjort, så ingenting ändrades. Listan har uppdaterats.</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="356"/>
        <source>Sorry, the decision could not be saved; nothing was changed. Details are in Klassbok&apos;s log.</source>
        <translation>Tyvärr kunde beslutet inte sparas; ingenting ändrades. Detaljer finns i Klassboks logg.</translation>
    </message>
</context>
<context>
    <name>CopyPlanDialog</name>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="176"/>
        <source>Copy the plan to another lesson</source>
        <translation>Kopiera planeringen till en annan lektion</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="179"/>
        <source>Lessons</source>
        <translation>Lektioner</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="190"/>
        <source>(has a plan: it will be replaced)</source>
        <translation>(har en planering: den ersätts)</translation>
    </message>
</context>
<context>
    <name>CopyUnitDialog</name>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="137"/>
        <source>Copy the unit</source>
        <translation>Kopiera arbetsområdet</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="139"/>
        <location filename="../../pages/planning/planning_dialogs.py" line="160"/>
        <source>Group and subject</source>
        <translation>Grupp och ämne</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="145"/>
        <location filename="../../pages/planning/planning_dialogs.py" line="161"/>
        <source>Starts on</source>
        <translation>Börjar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_dialogs.py" line="148"/>
        <source>The copy is a draft. Its lesson plans go to the group&apos;s lessons from the start in the same order; lessons that already have a plan are passed over.</source>
        <translation>Kopian blir ett utkast. Lektionsplaneringarna läggs på gruppens lektioner från starten, i samma ordning; lektioner som redan har en planering hoppas över.</translation>
    </message>
</context>
<context>
    <name>Documentation</name>
    <message>
        <location filename="../../models/documentation_texts.py" line="14"/>
        <source>Observation</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="15"/>
        <source>Extra adjustment</source>
        <translation>Extra anpassning</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="16"/>
        <source>Development talk</source>
        <translation>Utvecklingssamtal</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="17"/>
        <source>Action programme</source>
        <translation>Åtgärdsprogram</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="18"/>
        <source>Other</source>
        <translation>Annat</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="25"/>
        <source>Only me</source>
        <translation>Bara jag</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="26"/>
        <source>The pupil&apos;s mentor(s)</source>
        <translation>Elevens mentor(er)</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="27"/>
        <source>The pupil&apos;s teachers</source>
        <translation>Elevens lärare</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="35"/>
        <source>Only you see the note, on your computers. It is still kept on the school&apos;s server: the school must be able to show a pupil&apos;s data when asked.</source>
        <translation>Bara du ser anteckningen, på dina datorer. Den sparas ändå på skolans server: skolan måste kunna visa vad som finns om en elev när någon begär det.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="40"/>
        <source>You and the pupil&apos;s mentor(s) see the note; the pupil&apos;s other teachers do not.</source>
        <translation>Du och elevens mentor(er) ser anteckningen; elevens andra lärare ser den inte.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="44"/>
        <source>Everyone who teaches the pupil sees the note.</source>
        <translation>Alla som undervisar eleven ser anteckningen.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="54"/>
        <source>Write something first.</source>
        <translation>Skriv något först.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="56"/>
        <source>The text is too long: at most {limit} characters. Shorten it; nothing was lost.</source>
        <translation>Texten är för lång: högst {limit} tecken. Korta den; inget har försvunnit.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="61"/>
        <source>Choose the term of the talk.</source>
        <translation>Välj vilken termin samtalet gäller.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="63"/>
        <source>The end date is before the start date.</source>
        <translation>Slutdatumet är före startdatumet.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="65"/>
        <source>You can only document pupils you teach.</source>
        <translation>Du kan bara dokumentera elever som du undervisar.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="69"/>
        <source>Only the teacher who wrote a note can change or delete it.</source>
        <translation>Bara läraren som skrev en anteckning kan ändra eller ta bort den.</translation>
    </message>
    <message>
        <location filename="../../models/documentation_texts.py" line="72"/>
        <source>That choice is not available.</source>
        <translation>Det valet finns inte.</translation>
    </message>
</context>
<context>
    <name>DocumentationExport</name>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="134"/>
        <source>Save documentation</source>
        <translation>Spara dokumentationen</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="136"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DocumentationExportDialog</name>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="72"/>
        <source>Documentation as PDF</source>
        <extracomment>The visibilities in the order the dialog offers them.</extracomment>
        <translation>Dokumentation som PDF</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="75"/>
        <source>The PDF is for the development talk. Include only what the pupil and the guardians may read. Each note in it says who may see it.</source>
        <translation>PDF:en är till utvecklingssamtalet. Ta bara med det som eleven och vårdnadshavarna får läsa. Varje anteckning i den visar vem som får se den.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="84"/>
        <source>Notes visible to: {who}</source>
        <translation>Anteckningar synliga för: {who}</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_export.py" line="88"/>
        <source>This term&apos;s attendance in brief</source>
        <translation>Terminens närvaro i korthet</translation>
    </message>
</context>
<context>
    <name>DocumentationPanel</name>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="114"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="117"/>
        <source>No notes that you may see.</source>
        <translation>Inga anteckningar som du får se.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="119"/>
        <source>New note…</source>
        <translation>Ny anteckning…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="120"/>
        <source>Open…</source>
        <translation>Öppna…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="121"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="123"/>
        <source>Extra adjustments</source>
        <translation>Extra anpassningar</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="126"/>
        <source>No extra adjustments recorded.</source>
        <translation>Inga extra anpassningar noterade.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="128"/>
        <source>Add adjustment…</source>
        <translation>Lägg till anpassning…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="129"/>
        <location filename="../../pages/documentation/documentation_panel.py" line="138"/>
        <location filename="../../pages/documentation/documentation_panel.py" line="196"/>
        <source>Change…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="52"/>
        <location filename="../../pages/documentation/documentation_panel.py" line="130"/>
        <location filename="../../pages/documentation/documentation_panel.py" line="139"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="132"/>
        <source>Action programmes (references)</source>
        <translation>Åtgärdsprogram (hänvisningar)</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="135"/>
        <source>No action programme referred to.</source>
        <translation>Inget åtgärdsprogram hänvisat till.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="137"/>
        <source>Add reference…</source>
        <translation>Lägg till hänvisning…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="145"/>
        <source>Documentation as PDF…</source>
        <extracomment>The page connects it (the PDF for the development talk).</extracomment>
        <translation>Dokumentation som PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="147"/>
        <source>For the development talk: notes, extra adjustments and attendance</source>
        <translation>Till utvecklingssamtalet: anteckningar, extra anpassningar och närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="196"/>
        <source>Read…</source>
        <translation>Läs…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="240"/>
        <source>Delete the note? This cannot be undone.</source>
        <translation>Ta bort anteckningen? Det går inte att ångra.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="263"/>
        <source>Remove the extra adjustment “{what}”?</source>
        <translation>Ta bort den extra anpassningen ”{what}”?</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/documentation_panel.py" line="280"/>
        <source>Remove the reference to the action programme?</source>
        <translation>Ta bort hänvisningen till åtgärdsprogrammet?</translation>
    </message>
</context>
<context>
    <name>DocumentationPdf</name>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="89"/>
        <source>{pupil} – documentation for the development talk</source>
        <extracomment>What a talk&apos;s PDF holds unless the teacher chooses otherwise.</extracomment>
        <translation>{pupil} – dokumentation till utvecklingssamtalet</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="94"/>
        <source>Groups: {groups}</source>
        <translation>Grupper: {groups}</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="95"/>
        <source>Made {date} by {teacher}</source>
        <translation>Skapad {date} av {teacher}</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="105"/>
        <source>Attendance this term</source>
        <translation>Närvaro denna termin</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="107"/>
        <source>{start} – {end}: absent {absence} of the registered lesson time ({invalid} invalid, {valid} valid); late arrivals: {late}; {reported} registered.</source>
        <translation>{start} – {end}: frånvarande {absence} av den registrerade lektionstiden ({invalid} ogiltig, {valid} giltig); sena ankomster: {late}; {reported} registrerat.</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="122"/>
        <source>No roll call taken yet.</source>
        <translation>Ingen närvaro registrerad än.</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="125"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="129"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="130"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="131"/>
        <source>Visible to</source>
        <translation>Synlig för</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="132"/>
        <source>Written by</source>
        <translation>Skriven av</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="133"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="142"/>
        <source>Unknown</source>
        <translation>Okänd</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="147"/>
        <source>No notes of the kinds chosen.</source>
        <translation>Inga anteckningar av de valda slagen.</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="150"/>
        <source>Extra adjustments</source>
        <translation>Extra anpassningar</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="154"/>
        <source>Adjustment</source>
        <translation>Anpassning</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="155"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="156"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="157"/>
        <source>Evaluation</source>
        <translation>Utvärdering</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="163"/>
        <source>ongoing</source>
        <translation>pågår</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="168"/>
        <source>No extra adjustments recorded.</source>
        <translation>Inga extra anpassningar registrerade.</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="172"/>
        <source>Action programmes (references)</source>
        <translation>Åtgärdsprogram (hänvisningar)</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="177"/>
        <source>Decided</source>
        <translation>Beslutat</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="178"/>
        <source>Decided by</source>
        <translation>Beslutat av</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="179"/>
        <source>Where the document is</source>
        <translation>Var dokumentet finns</translation>
    </message>
    <message>
        <location filename="../../exports/documentation_pdf.py" line="188"/>
        <source>Holds what {teacher} may see in Klassbok; each note says who may see it. Contains pupil data: handle it as the school&apos;s rules say.</source>
        <translation>Innehåller det som {teacher} får se i Klassbok; varje anteckning visar vem som får se den. Innehåller elevuppgifter: hantera dem enligt skolans regler.</translation>
    </message>
</context>
<context>
    <name>EmptyStates</name>
    <message>
        <location filename="../../pages/page.py" line="128"/>
        <source>Your school data hasn&apos;t been downloaded yet. Klassbok does it as soon as it can reach the school&apos;s server; press F5 to try now.</source>
        <extracomment>The teacher&apos;s choices; None in tests that need none (defaults apply). Emitted after the page has shown fresh data (tests, start-up timing).</extracomment>
        <translation>Skolans uppgifter har inte hämtats än. Klassbok hämtar dem så snart skolans server går att nå; tryck F5 för att försöka nu.</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../error_messages.py" line="30"/>
        <source>This account has been disabled. Ask your school&apos;s administrator.</source>
        <translation>Kontot är avstängt. Kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="37"/>
        <source>The user name or password is wrong. Check them and try again (passwords are case-sensitive).</source>
        <translation>Användarnamnet eller lösenordet är fel. Kontrollera dem och försök igen (lösenord skiljer på stora och små bokstäver).</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="45"/>
        <source>Klassbok can&apos;t reach the server. Check the server address and that this computer is connected to the network.</source>
        <translation>Klassbok når inte servern. Kontrollera serveradressen och att datorn är ansluten till nätverket.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="53"/>
        <source>This version of Klassbok is too old for the server. Install the latest version; your changes are kept on this computer until then.</source>
        <translation>Den här versionen av Klassbok är för gammal för servern. Installera den senaste versionen; dina ändringar sparas på den här datorn tills dess.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="61"/>
        <source>Your login has expired. Log in again to continue syncing.</source>
        <translation>Din inloggning har gått ut. Logga in igen för att fortsätta synkronisera.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="65"/>
        <source>The server sent an answer Klassbok doesn&apos;t understand. Check the server address; if it is right, tell your school&apos;s administrator.</source>
        <translation>Servern skickade ett svar som Klassbok inte förstår. Kontrollera serveradressen; om den stämmer, kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="73"/>
        <source>The server had a problem and couldn&apos;t answer. Try again in a while; your data on this computer is safe.</source>
        <translation>Servern fick ett problem och kunde inte svara. Försök igen om en stund; dina uppgifter på den här datorn är i säkerhet.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="81"/>
        <source>The school data on this computer was saved by a newer version of Klassbok. Install the latest version to open it.</source>
        <translation>Skolans uppgifter på den här datorn sparades av en nyare version av Klassbok. Installera den senaste versionen för att öppna dem.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="89"/>
        <source>Klassbok can&apos;t read the school data stored on this computer. Log out and choose to remove this computer&apos;s copy; it is downloaded again when you log in.</source>
        <translation>Klassbok kan inte läsa skolans uppgifter som är sparade på den här datorn. Logga ut och välj att ta bort datorns kopia; den hämtas igen när du loggar in.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="98"/>
        <source>Klassbok couldn&apos;t update the school data on this computer to this version; it was left as it was. Please tell your school&apos;s administrator.</source>
        <translation>Klassbok kunde inte uppdatera skolans uppgifter på den här datorn till den här versionen; de lämnades som de var. Kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="106"/>
        <source>The computer&apos;s password store (keyring) stopped answering. Log in to your desktop&apos;s keyring and start Klassbok again; nothing was lost.</source>
        <translation>Datorns lösenordslagring (nyckelring) slutade svara. Lås upp nyckelringen och starta Klassbok igen; inget har gått förlorat.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../error_messages.py" line="120"/>
        <source>Too many failed login attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>För många misslyckade inloggningsförsök. Vänta %n sekund och försök igen.</numerusform>
            <numerusform>För många misslyckade inloggningsförsök. Vänta %n sekunder och försök igen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../error_messages.py" line="128"/>
        <source>Too many login attempts. Wait %n minute(s) before trying again.</source>
        <translation>
            <numerusform>För många inloggningsförsök. Vänta %n minut innan du försöker igen.</numerusform>
            <numerusform>För många inloggningsförsök. Vänta %n minuter innan du försöker igen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="134"/>
        <source>Too many login attempts. Wait a few minutes before trying again, or ask your school&apos;s administrator.</source>
        <translation>För många inloggningsförsök. Vänta några minuter innan du försöker igen, eller kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="167"/>
        <source>The school data is busy (another Klassbok window may be using it). Close other Klassbok windows and try again.</source>
        <translation>Skolans uppgifter används just nu (kanske av ett annat Klassbok-fönster). Stäng andra Klassbok-fönster och försök igen.</translation>
    </message>
    <message>
        <location filename="../../error_messages.py" line="177"/>
        <source>The disk is full: this change was not saved, and nothing saved before was lost. Free some space, then try again.</source>
        <translation>Disken är full: ändringen har inte sparats, och inget som sparats tidigare har gått förlorat. Frigör utrymme och försök igen.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../error_reporter.py" line="45"/>
        <source>Klassbok</source>
        <extracomment>Every message shown, also when dialogs are off (title, text).</extracomment>
        <translation>Klassbok</translation>
    </message>
    <message>
        <location filename="../../error_reporter.py" line="48"/>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <location filename="../../error_reporter.py" line="51"/>
        <source>the log</source>
        <translation>loggen</translation>
    </message>
    <message>
        <location filename="../../error_reporter.py" line="53"/>
        <source>Sorry, something went wrong inside Klassbok. Your saved work is safe. If it happens again, send the log file to support: {path}</source>
        <translation>Förlåt, något gick fel i Klassbok. Det du har sparat är i säkerhet. Om det händer igen, skicka loggfilen till supporten: {path}</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="53"/>
        <source>Select a pupil to see the evidence for the term grade here.</source>
        <translation>Välj en elev för att se underlaget för terminsbetyget här.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="58"/>
        <source>not set</source>
        <translation>inte satt</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="61"/>
        <source>Term grade {term}: {grade}</source>
        <translation>Terminsbetyg {term}: {grade}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="64"/>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="68"/>
        <source>no result</source>
        <translation>inget resultat</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="85"/>
        <source>Absence in this subject this term</source>
        <translation>Frånvaro i ämnet den här terminen</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="88"/>
        <source>No roll call taken yet.</source>
        <translation>Ingen närvaro registrerad än.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="93"/>
        <source>Invalid {invalid} ({invalid_h}), valid {valid} ({valid_h}) of {total}</source>
        <translation>Ogiltig {invalid} ({invalid_h}), giltig {valid} ({valid_h}) av {total}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/evidence_panel.py" line="108"/>
        <source>The term grade is your overall judgement of everything the pupil has shown; Klassbok never suggests one.</source>
        <translation>Terminsbetyget är din sammantagna bedömning av allt eleven har visat; Klassbok föreslår aldrig något betyg.</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../pages/export_files.py" line="32"/>
        <source>Klassbok couldn&apos;t save {file} ({reason}). Choose another folder, or check that the disk isn&apos;t full.</source>
        <translation>Klassbok kunde inte spara {file} ({reason}). Välj en annan mapp, eller kontrollera att disken inte är full.</translation>
    </message>
    <message>
        <location filename="../../pages/export_files.py" line="37"/>
        <source>Saved {file}.</source>
        <translation>Sparade {file}.</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <location filename="../../first_sync_dialog.py" line="33"/>
        <location filename="../../first_sync_dialog.py" line="36"/>
        <source>Downloading your school data</source>
        <translation>Hämtar skolans uppgifter</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="40"/>
        <source>The first time, Klassbok copies your groups, pupils and timetable to this computer, so that it works without a network. This can take a few minutes.</source>
        <translation>Första gången kopierar Klassbok dina grupper, elever och ditt schema till den här datorn, så att Klassbok fungerar utan nätverk. Det kan ta några minuter.</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="48"/>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="50"/>
        <source>Hide</source>
        <translation>Dölj</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="51"/>
        <source>Keep downloading; progress stays in the status bar</source>
        <translation>Fortsätt hämta; förloppet syns i statusfältet</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="53"/>
        <source>Stop download</source>
        <translation>Avbryt hämtningen</translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="55"/>
        <source>What has arrived is kept; Sync now continues from there</source>
        <translation>Det som redan har hämtats behålls; ”Synkronisera nu” fortsätter därifrån</translation>
    </message>
    <message numerus="yes">
        <location filename="../../first_sync_dialog.py" line="84"/>
        <source>%n record(s) so far</source>
        <translation>
            <numerusform>%n post hittills</numerusform>
            <numerusform>%n poster hittills</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../first_sync_dialog.py" line="94"/>
        <source>Stopping after the current part…</source>
        <translation>Avbryter efter den pågående delen…</translation>
    </message>
</context>
<context>
    <name>Gradebook</name>
    <message>
        <location filename="../../models/gradebook_texts.py" line="17"/>
        <source>not in</source>
        <translation>ej inl.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="18"/>
        <source>absent</source>
        <translation>frånv.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="19"/>
        <source>excused</source>
        <translation>befr.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="25"/>
        <source>Not handed in</source>
        <translation>Ej inlämnad</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="26"/>
        <source>Absent</source>
        <translation>Frånvarande</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="27"/>
        <source>Excused</source>
        <translation>Befriad</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="33"/>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="34"/>
        <source>IG</source>
        <translation>IG</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="39"/>
        <source>Not yet</source>
        <translation>Ännu inte</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="44"/>
        <source>Grades A–F</source>
        <translation>Betyg A–F</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="45"/>
        <source>Points</source>
        <translation>Poäng</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="46"/>
        <source>Pass / fail</source>
        <translation>Godkänd / ej godkänd</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="47"/>
        <source>Criteria matrix</source>
        <translation>Bedömningsmatris</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="53"/>
        <source>Test</source>
        <translation>Prov</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="54"/>
        <source>Assignment</source>
        <translation>Uppgift</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="55"/>
        <source>Oral</source>
        <translation>Muntligt</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="56"/>
        <source>Lab</source>
        <translation>Laboration</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="57"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="58"/>
        <source>Other</source>
        <translation>Annat</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="112"/>
        <source>Row {row}, column {column}: </source>
        <extracomment>The order the summary lists its counts in.</extracomment>
        <translation>Rad {row}, kolumn {column}: </translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="118"/>
        <source>“{text}” is not a grade. Type A, B, C, D, E, F or – (no basis).</source>
        <translation>”{text}” är inget betyg. Skriv A, B, C, D, E, F eller – (underlag saknas).</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="122"/>
        <source>“{text}” is not a number of points.</source>
        <translation>”{text}” är inget poängtal.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="124"/>
        <source>Points cannot be below 0.</source>
        <translation>Poäng kan inte vara under 0.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="126"/>
        <source>{text} is above this test&apos;s maximum of {limit} points.</source>
        <translation>{text} är över provets max på {limit} poäng.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="130"/>
        <source>“{text}” is not pass or fail. Type G (pass) or IG (fail).</source>
        <translation>”{text}” är varken godkänd eller ej godkänd. Skriv G eller IG.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="134"/>
        <source>This assessment uses a criteria matrix: press F2 or double-click the cell to set a level for each criterion.</source>
        <translation>Bedömningen använder en matris: tryck F2 eller dubbelklicka på cellen för att sätta en nivå per kriterium.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="140"/>
        <source>“{text}” is not a term grade. Type A–F, or – when absence leaves no basis for a grade.</source>
        <translation>”{text}” är inget terminsbetyg. Skriv A–F, eller – när frånvaro gör att underlag för betyg saknas.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="146"/>
        <source>This pupil is not in the group this term.</source>
        <translation>Eleven finns inte i gruppen den här terminen.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="150"/>
        <source>This column is worked out from the others and cannot be typed in.</source>
        <translation>Den här kolumnen bygger på de andra och går inte att skriva i.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_texts.py" line="154"/>
        <source>The pasted block does not fit here: {text}. Nothing was changed.</source>
        <translation>Det inklistrade blocket passar inte här: {text}. Inget ändrades.</translation>
    </message>
</context>
<context>
    <name>GradebookExport</name>
    <message>
        <location filename="../../exports/gradebook_export.py" line="66"/>
        <source>Pupil</source>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="68"/>
        <source>Summary (counts, not a grade)</source>
        <translation>Sammanställning (antal, inte betyg)</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="69"/>
        <source>Term grade {term}</source>
        <translation>Terminsbetyg {term}</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="115"/>
        <location filename="../../exports/gradebook_export.py" line="137"/>
        <source>Gradebook {group}</source>
        <translation>Bedömningsöversikt {group}</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="118"/>
        <source>{subject} · term {term} · made {date}</source>
        <translation>{subject} · termin {term} · gjord {date}</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="121"/>
        <source>The summary counts results per level; it is not a grade. Term grades are the teacher&apos;s overall judgement. Contains pupil data: handle as the school&apos;s rules say.</source>
        <translation>Sammanställningen räknar resultat per nivå; den är inget betyg. Terminsbetyg är lärarens sammantagna bedömning. Innehåller elevuppgifter: hantera enligt skolans regler.</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="145"/>
        <source>{pupil} – {subject}</source>
        <translation>{pupil} – {subject}</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="148"/>
        <source>{group} · term {term} · made {date}</source>
        <translation>{group} · termin {term} · gjord {date}</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="171"/>
        <source>Assessment</source>
        <translation>Bedömning</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="172"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="173"/>
        <source>Scale</source>
        <translation>Skala</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="174"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="175"/>
        <source>Feedback</source>
        <translation>Återkoppling</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="189"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="190"/>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <location filename="../../exports/gradebook_export.py" line="201"/>
        <source>Term grade {term}: {grade}</source>
        <translation>Terminsbetyg {term}: {grade}</translation>
    </message>
</context>
<context>
    <name>GradebookExports</name>
    <message>
        <location filename="../../pages/assessment/gradebook_exports.py" line="26"/>
        <source>Gradebook {group} {term}</source>
        <translation>Bedömningsöversikt {group} {term}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/gradebook_exports.py" line="33"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/gradebook_exports.py" line="50"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV för Excel (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/gradebook_exports.py" line="62"/>
        <location filename="../../pages/assessment/gradebook_exports.py" line="85"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/gradebook_exports.py" line="75"/>
        <source>Select a pupil&apos;s row first.</source>
        <translation>Välj en elevs rad först.</translation>
    </message>
</context>
<context>
    <name>GradebookModel</name>
    <message>
        <location filename="../../models/gradebook_model.py" line="241"/>
        <source>empty</source>
        <extracomment>The value a column sorts by (numbers as numbers, empty cells last). True on a cell whose record is in an open sync conflict. The AssessmentColumn of a column (None for name, summary and term grade). [(row, column, text)] typed or pasted: the page writes them. Each pupil&apos;s counts, made when first shown (a repaint asks for them often). Each cell&apos;s text once shown: a repaint and a scroll ask for the same cells again and again, and a lookup here is a fraction of making the text (bench/gradebook_bench.py, data() per cell).</extracomment>
        <translation>tom</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="253"/>
        <source>Protected identity: share nothing about this pupil outside school.</source>
        <translation>Skyddad identitet: dela inget om eleven utanför skolan.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="269"/>
        <source>How many results and criteria are at each level. A count, not a grade: the term grade is your overall judgement.</source>
        <translation>Hur många resultat och kriterier som ligger på varje nivå. En räkning, inte ett betyg: terminsbetyget är din sammantagna bedömning.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="298"/>
        <source>A co-teacher set another term grade: choose which to keep in Conflicts.</source>
        <translation>En kollega satte ett annat terminsbetyg: välj vilket som ska gälla under Konflikter.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="301"/>
        <source>– : no basis for a grade because of absence.</source>
        <translation>– : underlag saknas för betyg på grund av frånvaro.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="302"/>
        <source>Term grade {term}: your overall judgement.</source>
        <translation>Terminsbetyg {term}: din sammantagna bedömning.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="310"/>
        <source>Maximum {max} points</source>
        <translation>Max {max} poäng</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="313"/>
        <source>Your limits (guidance only): {limits}</source>
        <translation>Dina gränser (bara vägledning): {limits}</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="327"/>
        <source>Feedback: {text}</source>
        <translation>Återkoppling: {text}</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="330"/>
        <source>A co-teacher changed this too: choose which to keep in Conflicts.</source>
        <translation>En kollega ändrade också här: välj vad som ska gälla under Konflikter.</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="351"/>
        <source>Pupil</source>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="353"/>
        <source>Summary</source>
        <translation>Sammanställning</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="355"/>
        <source>Term grade {term}</source>
        <translation>Terminsbetyg {term}</translation>
    </message>
    <message>
        <location filename="../../models/gradebook_model.py" line="360"/>
        <source>no date</source>
        <translation>inget datum</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <location filename="../../models/group_table_model.py" line="16"/>
        <source>Class</source>
        <translation>Klass</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="17"/>
        <source>Teaching group</source>
        <translation>Undervisningsgrupp</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="18"/>
        <source>Mentor group</source>
        <translation>Mentorsgrupp</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="19"/>
        <source>Other group</source>
        <translation>Annan grupp</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="28"/>
        <source>Group</source>
        <translation>Grupp</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="28"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="28"/>
        <source>Year</source>
        <translation>Årskurs</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="28"/>
        <source>Pupils</source>
        <translation>Elever</translation>
    </message>
    <message>
        <location filename="../../models/group_table_model.py" line="51"/>
        <source>You see this group because you co-teach one of its lessons.</source>
        <translation>Du ser gruppen eftersom du undervisar tillsammans med en kollega på någon av dess lektioner.</translation>
    </message>
</context>
<context>
    <name>GroupedPupilsModel</name>
    <message>
        <location filename="../../models/grouped_pupils_model.py" line="36"/>
        <source>Name</source>
        <extracomment>The PupilView of a pupil row (None on group rows). The folded text the filter matches.</extracomment>
        <translation>Namn</translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/grouped_pupils_model.py" line="42"/>
        <source>{group} · %n pupil(s)</source>
        <translation>
            <numerusform>{group} · %n elev</numerusform>
            <numerusform>{group} · %n elever</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../models/grouped_pupils_model.py" line="57"/>
        <source>Protected</source>
        <translation>Skyddad</translation>
    </message>
    <message>
        <location filename="../../models/grouped_pupils_model.py" line="60"/>
        <source>Protected identity — contact details are not shown</source>
        <translation>Skyddade personuppgifter – kontaktuppgifter visas inte</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../pages/groups_page.py" line="78"/>
        <location filename="../../pages/groups_page.py" line="80"/>
        <source>Show members on</source>
        <extracomment>False until the first sync: &quot;no groups&quot; then only means &quot;not yet&quot;. A pupil was opened (double-click / Enter): the window shows the pupil page.</extracomment>
        <translation>Visa medlemmar den</translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="87"/>
        <source>Your groups</source>
        <translation>Dina grupper</translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="95"/>
        <source>Pupils in the group</source>
        <translation>Elever i gruppen</translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="121"/>
        <location filename="../../pages/groups_page.py" line="189"/>
        <source>Choose a group to see its pupils.</source>
        <translation>Välj en grupp för att se dess elever.</translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="133"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/groups_page.py" line="162"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n grupp</numerusform>
            <numerusform>%n grupper</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="164"/>
        <source>No groups</source>
        <translation>Inga grupper</translation>
    </message>
    <message>
        <location filename="../../pages/groups_page.py" line="175"/>
        <source>You don&apos;t teach any groups yet. Your groups come from the school&apos;s timetable: ask the school office to add you as a teacher of your groups, then press F5 to sync.</source>
        <translation>Du undervisar inte i några grupper än. Dina grupper kommer från skolans schema: be expeditionen lägga till dig som lärare i dina grupper och tryck sedan F5 för att synkronisera.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/groups_page.py" line="194"/>
        <source>{group}: %n pupil(s) on {date}</source>
        <translation>
            <numerusform>{group}: %n elev den {date}</numerusform>
            <numerusform>{group}: %n elever den {date}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuardianCard</name>
    <message>
        <location filename="../../pages/pupils_page.py" line="470"/>
        <source>Guardian</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="472"/>
        <source>Other responsible adult</source>
        <translation>Annan ansvarig vuxen</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="47"/>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="47"/>
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="47"/>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="47"/>
        <source>Computer</source>
        <translation>Dator</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="52"/>
        <source>unknown</source>
        <translation>okänd</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="61"/>
        <source>No change of this term grade has reached the server yet.</source>
        <translation>Ingen ändring av terminsbetyget har nått servern än.</translation>
    </message>
</context>
<context>
    <name>KeyringNotice</name>
    <message>
        <location filename="../../login_dialog.py" line="28"/>
        <source>This computer has no secure password store (keyring), so Klassbok won&apos;t keep pupils&apos; data on disk. It will work until you close it, and you&apos;ll need to log in each time.</source>
        <translation>Den här datorn saknar säker lösenordslagring (nyckelring), så Klassbok sparar inga elevuppgifter på disken. Klassbok fungerar tills du stänger programmet, och du behöver logga in varje gång.</translation>
    </message>
</context>
<context>
    <name>LessonTableModel</name>
    <message>
        <location filename="../../models/lesson_table_model.py" line="42"/>
        <source>Time</source>
        <extracomment>Custom role: the lesson&apos;s place in the day (a LessonTiming or None). Soft highlight of the current/next lesson (matches resources/style).</extracomment>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="43"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="44"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="45"/>
        <source>Room</source>
        <translation>Sal</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="46"/>
        <source>Roll call</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="108"/>
        <source>Cancelled</source>
        <translation>Inställd</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="110"/>
        <source>Taken</source>
        <translation>Registrerad</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="112"/>
        <source>Later</source>
        <translation>Senare</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="113"/>
        <source>Not taken</source>
        <translation>Ej registrerad</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="142"/>
        <source>Teachers: {names}</source>
        <translation>Lärare: {names}</translation>
    </message>
    <message>
        <location filename="../../models/lesson_table_model.py" line="144"/>
        <source>This lesson is cancelled.</source>
        <translation>Lektionen är inställd.</translation>
    </message>
</context>
<context>
    <name>LevelsDialog</name>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="51"/>
        <source>{pupil} · {title}</source>
        <translation>{pupil} · {title}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="59"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="62"/>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="78"/>
        <source>No level</source>
        <translation>Ingen nivå</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="92"/>
        <source>Feedback to the pupil</source>
        <translation>Återkoppling till eleven</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="102"/>
        <source>This matrix has no criteria yet: add them in “Matrices…”.</source>
        <translation>Matrisen har inga kriterier än: lägg till dem under ”Matriser…”.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/levels_dialog.py" line="113"/>
        <source>Feedback</source>
        <translation>Återkoppling</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../login_dialog.py" line="69"/>
        <source>Log in to Klassbok</source>
        <translation>Logga in i Klassbok</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="73"/>
        <source>Log in again</source>
        <translation>Logga in igen</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="73"/>
        <source>Welcome to Klassbok</source>
        <translation>Välkommen till Klassbok</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="77"/>
        <source>Your login has expired. Enter your password to continue syncing. Everything on this computer is kept.</source>
        <translation>Din inloggning har gått ut. Skriv ditt lösenord för att fortsätta synkronisera. Allt på den här datorn finns kvar.</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="81"/>
        <source>Log in with the account your school gave you.</source>
        <translation>Logga in med kontot du har fått av skolan.</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="106"/>
        <location filename="../../login_dialog.py" line="172"/>
        <source>Log in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="107"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="129"/>
        <source>e.g. klassbok.myschool.se</source>
        <translation>t.ex. klassbok.minskola.se</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="130"/>
        <location filename="../../login_dialog.py" line="139"/>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="131"/>
        <location filename="../../login_dialog.py" line="140"/>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="133"/>
        <location filename="../../login_dialog.py" line="141"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="152"/>
        <source>Enter the server address your school gave you, e.g. klassbok.myschool.se.</source>
        <translation>Skriv serveradressen du har fått av skolan, t.ex. klassbok.minskola.se.</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="157"/>
        <source>Enter your user name.</source>
        <translation>Skriv ditt användarnamn.</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="161"/>
        <source>Enter your password.</source>
        <translation>Skriv ditt lösenord.</translation>
    </message>
    <message>
        <location filename="../../login_dialog.py" line="172"/>
        <source>Logging in…</source>
        <translation>Loggar in…</translation>
    </message>
</context>
<context>
    <name>LogoutDialog</name>
    <message>
        <location filename="../../logout_dialog.py" line="25"/>
        <location filename="../../logout_dialog.py" line="60"/>
        <source>Log out</source>
        <translation>Logga ut</translation>
    </message>
    <message>
        <location filename="../../logout_dialog.py" line="29"/>
        <source>Log out of Klassbok?</source>
        <translation>Logga ut från Klassbok?</translation>
    </message>
    <message>
        <location filename="../../logout_dialog.py" line="31"/>
        <source>You&apos;ll need your password to log in again.</source>
        <translation>Du behöver ditt lösenord för att logga in igen.</translation>
    </message>
    <message>
        <location filename="../../logout_dialog.py" line="34"/>
        <source>Also remove this computer&apos;s copy of the school data</source>
        <translation>Ta också bort datorns kopia av skolans uppgifter</translation>
    </message>
    <message>
        <location filename="../../logout_dialog.py" line="37"/>
        <source>Choose this on a shared or borrowed computer. The data is downloaded again when you log in.</source>
        <translation>Välj detta på en delad eller lånad dator. Uppgifterna hämtas igen när du loggar in.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../logout_dialog.py" line="47"/>
        <source>%n change(s) haven&apos;t reached the server yet, so the copy on this computer is kept. Sync first to remove it.</source>
        <translation>
            <numerusform>%n ändring har inte nått servern än, så kopian på den här datorn behålls. Synkronisera först för att ta bort den.</numerusform>
            <numerusform>%n ändringar har inte nått servern än, så kopian på den här datorn behålls. Synkronisera först för att ta bort den.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../logout_dialog.py" line="61"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../main_window.py" line="58"/>
        <source>Klassbok — {name}</source>
        <translation>Klassbok – {name}</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="60"/>
        <source>Klassbok (demo) — {name}</source>
        <translation>Klassbok (demo) – {name}</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="93"/>
        <source>Pages</source>
        <translation>Sidor</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="101"/>
        <source>{page} (Ctrl+{number})</source>
        <translation>{page} (Ctrl+{number})</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="125"/>
        <source>Klassbok</source>
        <translation>Klassbok</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="130"/>
        <location filename="../../self_test.py" line="156"/>
        <source>Log out…</source>
        <translation>Logga ut…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="133"/>
        <source>Settings…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="136"/>
        <source>Text size</source>
        <translation>Textstorlek</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="139"/>
        <source>About Klassbok</source>
        <translation>Om Klassbok</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="142"/>
        <source>Version and licences (F1)</source>
        <translation>Version och licenser (F1)</translation>
    </message>
</context>
<context>
    <name>MatrixDialog</name>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="52"/>
        <source>Criteria matrices</source>
        <translation>Bedömningsmatriser</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="62"/>
        <source>Matrix</source>
        <translation>Matris</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="63"/>
        <source>New matrix</source>
        <translation>Ny matris</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="68"/>
        <source>Use as template (copy)</source>
        <translation>Använd som mall (kopia)</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="71"/>
        <source>Start a new matrix for this group from the chosen one; the original stays as it is.</source>
        <translation>Börja en ny matris för gruppen utifrån den valda; originalet förblir som det är.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="77"/>
        <source>Title, e.g. Problem solving</source>
        <translation>Titel, t.ex. Problemlösning</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="79"/>
        <source>Subject</source>
        <translation>Ämne</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="84"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="89"/>
        <source>Add criterion</source>
        <translation>Lägg till kriterium</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="91"/>
        <source>Remove criterion</source>
        <translation>Ta bort kriterium</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="135"/>
        <source>Write each level as whole sentences. A result keeps one level per criterion.</source>
        <extracomment>Where the matrix shown came from in the catalogue, and its value words.</extracomment>
        <translation>Skriv varje nivå med hela meningar. Ett resultat har en nivå per kriterium.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="189"/>
        <source>This matrix belongs to another group: use it as a template to copy it here.</source>
        <translation>Matrisen hör till en annan grupp: använd den som mall för att kopiera den hit.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="226"/>
        <source>%1, year %2</source>
        <translation>%1, åk %2</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="270"/>
        <source>Results already hold a level for this criterion, so it stays. Copy the matrix to make one without it.</source>
        <translation>Resultat har redan en nivå för kriteriet, så det ligger kvar. Kopiera matrisen för att göra en utan det.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="292"/>
        <source>Give the matrix a title.</source>
        <translation>Ge matrisen en titel.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="295"/>
        <source>Add at least one criterion.</source>
        <translation>Lägg till minst ett kriterium.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="297"/>
        <source>Every row needs its criterion in the first column.</source>
        <translation>Varje rad behöver sitt kriterium i första kolumnen.</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="352"/>
        <source>Paragraph %1</source>
        <translation>Stycke %1</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/matrix_dialog.py" line="353"/>
        <source>All criteria (the levels have different numbers of paragraphs)</source>
        <translation>Alla kriterier (nivåerna har olika många stycken)</translation>
    </message>
</context>
<context>
    <name>MembershipTableModel</name>
    <message>
        <location filename="../../models/membership_table_model.py" line="16"/>
        <source>Group</source>
        <translation>Grupp</translation>
    </message>
    <message>
        <location filename="../../models/membership_table_model.py" line="16"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../models/membership_table_model.py" line="16"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../models/membership_table_model.py" line="27"/>
        <source>ongoing</source>
        <translation>tills vidare</translation>
    </message>
</context>
<context>
    <name>MissingRollCallModel</name>
    <message>
        <location filename="../../models/missing_roll_call_model.py" line="20"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../models/missing_roll_call_model.py" line="20"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../models/missing_roll_call_model.py" line="20"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../models/missing_roll_call_model.py" line="20"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message>
        <location filename="../../models/missing_roll_call_model.py" line="36"/>
        <source>Roll call not taken. Press Enter or double-click to take it now.</source>
        <translation>Närvaron är inte registrerad. Tryck på Enter eller dubbelklicka för att registrera den nu.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="58"/>
        <source>Note about {pupil}</source>
        <extracomment>The order the choices are offered in: narrowest first.</extracomment>
        <translation>Anteckning om {pupil}</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="60"/>
        <source>Change note about {pupil}</source>
        <translation>Ändra anteckning om {pupil}</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="71"/>
        <source>Term</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="76"/>
        <source>Note text</source>
        <translation>Anteckningens text</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="81"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="82"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="84"/>
        <source>Who sees it</source>
        <translation>Vem ser den</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/note_dialog.py" line="152"/>
        <source>{count} of at most {limit} characters</source>
        <translation>{count} av högst {limit} tecken</translation>
    </message>
</context>
<context>
    <name>NoteTableModel</name>
    <message>
        <location filename="../../models/documentation_models.py" line="25"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="26"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="27"/>
        <source>Visible to</source>
        <translation>Synlig för</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="28"/>
        <source>Written by</source>
        <translation>Skriven av</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="29"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="42"/>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="43"/>
        <source>Unknown</source>
        <translation>Okänd</translation>
    </message>
</context>
<context>
    <name>NoticeCard</name>
    <message>
        <location filename="../../pages/conflicts_page.py" line="67"/>
        <source>Dismiss</source>
        <extracomment>Rows of the list shown without scrolling; the detail below gets the rest. What a decision or a dismissed notice broadcasts (it is a local edit: sync follows).</extracomment>
        <translation>Kvittera</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="68"/>
        <source>I have seen this</source>
        <translation>Jag har sett det här</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts_page.py" line="69"/>
        <source>Dismiss: {text}</source>
        <translation>Kvittera: {text}</translation>
    </message>
</context>
<context>
    <name>NoticeToast</name>
    <message>
        <location filename="../../notice_toast.py" line="41"/>
        <source>For your information</source>
        <extracomment>Toasts on screen at once; more are summed up in one line. How long a toast stays (long enough to read during a lesson).</extracomment>
        <translation>För kännedom</translation>
    </message>
    <message>
        <location filename="../../notice_toast.py" line="49"/>
        <location filename="../../notice_toast.py" line="50"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../notice_toast.py" line="53"/>
        <source>Show in Conflicts</source>
        <translation>Visa i Konflikter</translation>
    </message>
</context>
<context>
    <name>NoticeToaster</name>
    <message numerus="yes">
        <location filename="../../notice_toast.py" line="104"/>
        <source>%n more change(s) by colleagues — see Conflicts.</source>
        <extracomment>The teacher asked to see the notices in Conflicts. Toasts were shown and marked seen (tests wait on it).</extracomment>
        <translation>
            <numerusform>Ytterligare %n ändring av kollegor – se Konflikter.</numerusform>
            <numerusform>Ytterligare %n ändringar av kollegor – se Konflikter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="122"/>
        <location filename="../../pages/planning/plan_editor.py" line="123"/>
        <source>What the lesson covers</source>
        <translation>Vad lektionen handlar om</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="125"/>
        <location filename="../../pages/planning/plan_editor.py" line="153"/>
        <source>Homework</source>
        <translation>Läxa</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="128"/>
        <location filename="../../pages/planning/plan_editor.py" line="154"/>
        <source>Links</source>
        <translation>Länkar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="129"/>
        <source>One link a line: https://… and a title</source>
        <translation>En länk per rad: https://… och en rubrik</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="132"/>
        <location filename="../../pages/planning/plan_editor.py" line="155"/>
        <source>Unit</source>
        <translation>Arbetsområde</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="139"/>
        <source>Save plan</source>
        <translation>Spara planeringen</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="142"/>
        <source>Copy to next week</source>
        <translation>Kopiera till nästa vecka</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="144"/>
        <source>Copy to another lesson…</source>
        <translation>Kopiera till en annan lektion…</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="152"/>
        <source>Plan</source>
        <translation>Planering</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="174"/>
        <source>This lesson is cancelled. Move this plan, and the unit&apos;s plans after it, one lesson on?</source>
        <translation>Lektionen är inställd. Vill du flytta fram den här planeringen, och arbetsområdets planeringar efter den, en lektion?</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="180"/>
        <source>Move the plans one lesson on</source>
        <translation>Flytta fram planeringarna en lektion</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="212"/>
        <source>Choose a lesson in the week</source>
        <translation>Välj en lektion i veckan</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="228"/>
        <source>No unit</source>
        <translation>Inget arbetsområde</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="246"/>
        <source>Plan: %1 of %2 characters · Homework: %3 of %4</source>
        <translation>Planering: %1 av %2 tecken · Läxa: %3 av %4</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="261"/>
        <source>The plan is too long: at most %1 characters (it has %2). Nothing was lost; shorten it and save again.</source>
        <translation>Planeringen är för lång: högst %1 tecken (den har %2). Inget har försvunnit; korta den och spara igen.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="270"/>
        <source>The homework is too long: at most %1 characters (it has %2). Nothing was lost; shorten it and save again.</source>
        <translation>Läxan är för lång: högst %1 tecken (den har %2). Inget har försvunnit; korta den och spara igen.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="280"/>
        <source>Line %1 of the links is not a link: a link starts with http:// or https:// and names a web site, with no spaces (a title may follow after a space, at most 200 characters). Nothing was lost; correct it and save again.</source>
        <translation>Rad %1 bland länkarna är ingen länk: en länk börjar med http:// eller https:// och anger en webbplats, utan mellanslag (en rubrik får följa efter ett mellanslag, högst 200 tecken). Inget har försvunnit; rätta raden och spara igen.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="285"/>
        <source>A lesson plan has at most %1 links.</source>
        <translation>En lektionsplanering har högst %1 länkar.</translation>
    </message>
</context>
<context>
    <name>PlanningModels</name>
    <message>
        <location filename="../../models/planning_models.py" line="24"/>
        <source>Published</source>
        <translation>Publicerad</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="26"/>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="42"/>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="43"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="44"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="45"/>
        <source>Plan</source>
        <translation>Planering</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="46"/>
        <source>Homework</source>
        <translation>Läxa</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="47"/>
        <source>Links</source>
        <translation>Länkar</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="60"/>
        <source>{name} (cancelled)</source>
        <translation>{name} (inställd)</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="68"/>
        <location filename="../../models/planning_models.py" line="71"/>
        <source>No plan yet</source>
        <translation>Ingen planering än</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="135"/>
        <source>weeks {first}–{last}</source>
        <translation>vecka {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="219"/>
        <source>Central content {year}, {heading}</source>
        <translation>Centralt innehåll {year}, {heading}</translation>
    </message>
    <message>
        <location filename="../../models/planning_models.py" line="223"/>
        <source>Criteria year {year}, {step}, paragraph {n}</source>
        <translation>Betygskriterier åk {year}, {step}, stycke {n}</translation>
    </message>
</context>
<context>
    <name>PlanningPage</name>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="94"/>
        <source>Week</source>
        <extracomment>The dialog open last (tests and screenshots reach it here).</extracomment>
        <translation>Veckan</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="95"/>
        <location filename="../../pages/planning/planning_page.py" line="156"/>
        <source>Units</source>
        <translation>Arbetsområden</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="96"/>
        <source>Week or units</source>
        <translation>Veckan eller arbetsområden</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="109"/>
        <source>‹ Previous week</source>
        <translation>‹ Förra veckan</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="110"/>
        <source>Next week ›</source>
        <translation>Nästa vecka ›</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="111"/>
        <source>This week</source>
        <translation>Den här veckan</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="121"/>
        <source>The week&apos;s lessons and their plans</source>
        <translation>Veckans lektioner och deras planeringar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="148"/>
        <location filename="../../pages/planning/planning_page.py" line="175"/>
        <source>Group and subject</source>
        <translation>Grupp och ämne</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="150"/>
        <source>New unit</source>
        <translation>Nytt arbetsområde</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="180"/>
        <source>Planning</source>
        <translation>Planering</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="200"/>
        <source>Week %1, %2–%3</source>
        <translation>Vecka %1, %2–%3</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="240"/>
        <source>You don&apos;t teach any group yet, so there is nothing to plan.</source>
        <translation>Du undervisar inte någon grupp än, så det finns inget att planera.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="245"/>
        <source>Plans are saved on this computer first and shared with co-teachers when you sync.</source>
        <translation>Planeringar sparas först på den här datorn och delas med kollegor i samma undervisning när du synkar.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="326"/>
        <source>Sorry, that change could not be saved; what you typed is still here. Details are in Klassbok&apos;s log.</source>
        <translation>Tyvärr gick ändringen inte att spara; det du skrev finns kvar. Detaljer finns i Klassboks logg.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="347"/>
        <location filename="../../pages/planning/planning_page.py" line="426"/>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="366"/>
        <source>Copied to next week.</source>
        <translation>Kopierat till nästa vecka.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="395"/>
        <source>Copied.</source>
        <translation>Kopierat.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="407"/>
        <source>%1 plans moved one lesson on.</source>
        <translation>%1 planeringar flyttades fram en lektion.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="436"/>
        <source>The syllabuses have not reached this computer yet; sync and try again.</source>
        <translation>Kursplanerna har inte kommit till den här datorn än; synka och försök igen.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="484"/>
        <source>Copied: the copy has %1 lesson plans.</source>
        <translation>Kopierat: kopian har %1 lektionsplaneringar.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/planning_page.py" line="489"/>
        <source>%1 plans found no lesson in the timetable yet and were not copied.</source>
        <translation>%1 planeringar fick ingen lektion i schemat än och kopierades inte.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="75"/>
        <source>The lesson has no plan to copy.</source>
        <translation>Lektionen har ingen planering att kopiera.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="78"/>
        <source>The other lesson has a plan already.</source>
        <translation>Den andra lektionen har redan en planering.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="81"/>
        <source>The lesson has no plan to move.</source>
        <translation>Lektionen har ingen planering att flytta.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="84"/>
        <source>There is no lesson after the unit&apos;s last plan to move it to in the timetable; nothing was moved.</source>
        <translation>Det finns ingen lektion i schemat efter arbetsområdets sista planering att flytta den till; inget flyttades.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="89"/>
        <source>The lesson is no longer in the timetable.</source>
        <translation>Lektionen finns inte längre i schemat.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="92"/>
        <source>The unit has been deleted.</source>
        <translation>Arbetsområdet har tagits bort.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="95"/>
        <source>The group has no lesson next week to copy the plan to.</source>
        <translation>Gruppen har ingen lektion nästa vecka att kopiera planeringen till.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/plan_editor.py" line="102"/>
        <source>That could not be saved: %1. Nothing was lost.</source>
        <translation>Det gick inte att spara: %1. Inget har försvunnit.</translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <location filename="../../preflight.py" line="267"/>
        <source>Klassbok can&apos;t open its window: QT_QPA_PLATFORM asks for the display plugin &quot;{name}&quot;, which Qt doesn&apos;t have. Remove the setting, or use one of: {available}.</source>
        <extracomment>sysexits&apos; EX_UNAVAILABLE: a service the program needs is not there. Plugins that draw into memory, a framebuffer or a VNC client: no display server needed. Library file name (soname) -&gt; (Debian/Ubuntu package, Fedora package), for what Qt&apos;s display plugins and QtGui load that a minimal system may lack. What the README lists: enough for the xcb plugin on a minimal system. Said when the check cannot tell which library is missing. Library files (sonames) the plugin needs and the system lacks. The plugin would load, but there is no display to connect to. QT_QPA_PLATFORM names a plugin Qt does not have (the ones it has follow).</extracomment>
        <translation>Klassbok kan inte öppna sitt fönster: QT_QPA_PLATFORM begär visningstillägget &quot;{name}&quot;, som Qt inte har. Ta bort inställningen eller använd något av: {available}.</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="273"/>
        <source>Klassbok can&apos;t open its window: no display was found (DISPLAY is not set). Start Klassbok from the desktop; over SSH, connect with &quot;ssh -X&quot;.</source>
        <translation>Klassbok kan inte öppna sitt fönster: ingen skärm hittades (DISPLAY är inte satt). Starta Klassbok från skrivbordet; över SSH, anslut med &quot;ssh -X&quot;.</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="281"/>
        <source>Klassbok can&apos;t open its window: Qt&apos;s display plugin &quot;{name}&quot; needs system libraries that this computer doesn&apos;t have:</source>
        <translation>Klassbok kan inte öppna sitt fönster: Qts visningstillägg &quot;{name}&quot; behöver systembibliotek som saknas på den här datorn:</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="287"/>
        <source>Install them (or ask your IT administrator to), then start Klassbok again:</source>
        <translation>Installera dem (eller be skolans IT-ansvariga göra det) och starta sedan Klassbok igen:</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="293"/>
        <source>    Debian, Ubuntu:  {command}</source>
        <translation>    Debian, Ubuntu:  {command}</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="295"/>
        <source>    Fedora:          {command}</source>
        <translation>    Fedora:          {command}</translation>
    </message>
    <message>
        <location filename="../../preflight.py" line="298"/>
        <source>    {library}: find its package with  apt-file search {library}  or  dnf provides &apos;*/{library}&apos;</source>
        <translation>    {library}: hitta paketet med  apt-file search {library}  eller  dnf provides &apos;*/{library}&apos;</translation>
    </message>
</context>
<context>
    <name>ProfileLock</name>
    <message>
        <location filename="../../profile_lock.py" line="45"/>
        <source>Klassbok is already open on this computer. Switch to its window (it may be minimised or on another desktop); a second window on the same data is not possible.</source>
        <extracomment>sysexits: EX_TEMPFAIL (try again later) and EX_CANTCREAT (cannot write).</extracomment>
        <translation>Klassbok är redan öppet på den här datorn. Växla till dess fönster (det kan vara minimerat eller på ett annat skrivbord); två fönster mot samma uppgifter går inte.</translation>
    </message>
    <message>
        <location filename="../../profile_lock.py" line="54"/>
        <source>Klassbok can&apos;t write to its folder {folder} ({reason}). Check that the drive is connected and that you may write there, or start Klassbok with --data-dir and another folder. Nothing was changed.</source>
        <translation>Klassbok kan inte skriva i sin mapp {folder} ({reason}). Kontrollera att enheten är ansluten och att du får skriva där, eller starta Klassbok med --data-dir och en annan mapp. Ingenting ändrades.</translation>
    </message>
    <message>
        <location filename="../../profile_lock.py" line="72"/>
        <source>Klassbok</source>
        <translation>Klassbok</translation>
    </message>
</context>
<context>
    <name>ProgrammeDialog</name>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="110"/>
        <source>Action programme (reference)</source>
        <translation>Åtgärdsprogram (hänvisning)</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="112"/>
        <source>Decided on</source>
        <translation>Beslutat den</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="116"/>
        <source>For example: the principal</source>
        <translation>Till exempel: rektor</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="119"/>
        <source>For example: the pupil health team&apos;s file</source>
        <translation>Till exempel: elevhälsans akt</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="122"/>
        <source>Decided by</source>
        <translation>Beslutat av</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="123"/>
        <source>Where the document is</source>
        <translation>Var dokumentet finns</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="126"/>
        <source>Klassbok only refers to the action programme. Do not write its contents here: the programme itself stays where the school keeps it.</source>
        <translation>Klassbok hänvisar bara till åtgärdsprogrammet. Skriv inte dess innehåll här: själva programmet finns kvar där skolan förvarar det.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/record_dialogs.py" line="149"/>
        <source>Say where the action programme is kept.</source>
        <translation>Skriv var åtgärdsprogrammet förvaras.</translation>
    </message>
</context>
<context>
    <name>ProgrammeTableModel</name>
    <message>
        <location filename="../../models/documentation_models.py" line="76"/>
        <source>Decided</source>
        <translation>Beslutat</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="76"/>
        <source>Decided by</source>
        <translation>Beslutat av</translation>
    </message>
    <message>
        <location filename="../../models/documentation_models.py" line="76"/>
        <source>Where the document is</source>
        <translation>Var dokumentet finns</translation>
    </message>
</context>
<context>
    <name>PupilAttendancePanel</name>
    <message>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="28"/>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="34"/>
        <source>Notices to guardians</source>
        <translation>Meddelanden till vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="36"/>
        <source>No notices to guardians this term.</source>
        <translation>Inga meddelanden till vårdnadshavare den här terminen.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="59"/>
        <source>Attendance this term ({term})</source>
        <translation>Närvaro den här terminen ({term})</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="62"/>
        <source>No roll call has been taken for this pupil yet.</source>
        <translation>Ingen närvaro har registrerats för eleven än.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="66"/>
        <source>Absence {absence} (valid {valid}, invalid {invalid}) · late %n time(s) · {registered} of {offered} lesson time registered</source>
        <translation>
            <numerusform>Frånvaro {absence} (giltig {valid}, ogiltig {invalid}) · sen %n gång · {registered} av {offered} lektionstid registrerad</numerusform>
            <numerusform>Frånvaro {absence} (giltig {valid}, ogiltig {invalid}) · sen %n gånger · {registered} av {offered} lektionstid registrerad</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/attendance/pupil_attendance_panel.py" line="81"/>
        <source>At or above the school&apos;s threshold of {threshold} absence: look into the reasons with the pupil&apos;s mentor.</source>
        <translation>Når skolans gränsvärde på {threshold} frånvaro: ta reda på orsakerna tillsammans med elevens mentor.</translation>
    </message>
</context>
<context>
    <name>PupilDetailPanel</name>
    <message>
        <location filename="../../pages/pupils_page.py" line="374"/>
        <source>Protected identity — contact details are not shown</source>
        <translation>Skyddade personuppgifter – kontaktuppgifter visas inte</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="376"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="381"/>
        <source>Groups of the pupil</source>
        <translation>Elevens grupper</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="385"/>
        <source>Documentation</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="389"/>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="393"/>
        <source>Choose a pupil to see their groups and guardians.</source>
        <translation>Välj en elev för att se elevens grupper och vårdnadshavare.</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="440"/>
        <source>Born {date}</source>
        <translation>Född {date}</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="455"/>
        <source>No guardians recorded.</source>
        <translation>Inga vårdnadshavare registrerade.</translation>
    </message>
</context>
<context>
    <name>PupilTableModel</name>
    <message>
        <location filename="../../models/pupil_table_model.py" line="18"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../models/pupil_table_model.py" line="29"/>
        <source>Protected</source>
        <translation>Skyddad</translation>
    </message>
    <message>
        <location filename="../../models/pupil_table_model.py" line="34"/>
        <source>Protected identity — contact details are not shown</source>
        <translation>Skyddade personuppgifter – kontaktuppgifter visas inte</translation>
    </message>
</context>
<context>
    <name>PupilsPage</name>
    <message>
        <location filename="../../pages/pupils_page.py" line="93"/>
        <source>Filter by name or group…</source>
        <extracomment>(the pupil asked for, the groups, their detail, attendance, documentation, timeline) What a documentation write changes: pages that show it refresh. A note or adjustment to choose in the timeline once shown (a search result).</extracomment>
        <translation>Filtrera på namn eller grupp…</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="94"/>
        <source>Filter pupils</source>
        <translation>Filtrera elever</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="103"/>
        <source>Your pupils by group</source>
        <translation>Dina elever per grupp</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="108"/>
        <source>No pupils yet. Your groups and their pupils appear here after Klassbok has synced with the school&apos;s server (see the status bar). If they still do not, ask your school&apos;s administrator to add you to your groups.</source>
        <translation>Inga elever än. Dina grupper och deras elever visas här när Klassbok har synkroniserat med skolans server (se statusfältet). Om de ändå inte visas, be skolans administratör att lägga till dig i dina grupper.</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="129"/>
        <source>Pupil details</source>
        <translation>Elevuppgifter</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="159"/>
        <source>Overview</source>
        <extracomment>What the page shows now (the documentation PDF is made from it). The dialog open last (tests reach it here).</extracomment>
        <translation>Översikt</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="160"/>
        <source>Timeline</source>
        <translation>Tidslinje</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="161"/>
        <source>Overview or timeline</source>
        <translation>Översikt eller tidslinje</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="165"/>
        <source>Pupils</source>
        <translation>Elever</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="235"/>
        <source>Sorry, that could not be saved; nothing else was changed. Details are in Klassbok&apos;s log.</source>
        <translation>Det gick tyvärr inte att spara; inget annat ändrades. Detaljer finns i Klassboks logg.</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="297"/>
        <source>Choose a pupil to see their groups and guardians.</source>
        <translation>Välj en elev för att se elevens grupper och vårdnadshavare.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/pupils_page.py" line="305"/>
        <source>%n pupil(s) found</source>
        <translation>
            <numerusform>%n elev hittad</numerusform>
            <numerusform>%n elever hittade</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="308"/>
        <source>No pupil or group matches “{text}”. Check the spelling.</source>
        <translation>Ingen elev eller grupp matchar ”{text}”. Kontrollera stavningen.</translation>
    </message>
    <message>
        <location filename="../../pages/pupils_page.py" line="317"/>
        <source>{pupils} in {groups}</source>
        <translation>{pupils} i {groups}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/pupils_page.py" line="318"/>
        <source>%n pupil(s)</source>
        <translation>
            <numerusform>%n elev</numerusform>
            <numerusform>%n elever</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/pupils_page.py" line="319"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n grupp</numerusform>
            <numerusform>%n grupper</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefusalTexts</name>
    <message>
        <location filename="../../models/refusal_texts.py" line="17"/>
        <source>Term {term} was locked on {date}, so its term grades can no longer be changed. Ask the school&apos;s administrator to unlock the term if a grade must change.</source>
        <translation>Terminen {term} låstes {date}, så dess terminsbetyg kan inte längre ändras. Be skolans administratör låsa upp terminen om ett betyg måste ändras.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="25"/>
        <source>{points} points is above the test&apos;s maximum of {maximum}.</source>
        <translation>{points} poäng är över provets max på {maximum}.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="31"/>
        <source>A criterion that results already have a level for cannot be removed from the matrix. Copy the matrix to make one without it.</source>
        <translation>Ett kriterium som resultat redan har en nivå för kan inte tas bort ur matrisen. Kopiera matrisen för att göra en utan det.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="39"/>
        <source>The matrix was not deleted: the assessment “{title}” is judged on it. Give that assessment another scale, or delete it, first.</source>
        <translation>Matrisen togs inte bort: bedömningen ”{title}” bedöms med den. Ge den bedömningen en annan skala, eller ta bort den, först.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="47"/>
        <source>“–” is given only when absence leaves no basis for a grade.</source>
        <translation>”–” sätts bara när frånvaro gör att underlag för betyg saknas.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="53"/>
        <source>The assessment&apos;s scale was changed meanwhile, so this value no longer fits it.</source>
        <translation>Bedömningens skala ändrades under tiden, så värdet passar inte längre.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="60"/>
        <source>Only the teacher who wrote a note can change or delete it. Write a note of your own.</source>
        <translation>Bara läraren som skrev en anteckning kan ändra eller ta bort den. Skriv en egen anteckning.</translation>
    </message>
    <message>
        <location filename="../../models/refusal_texts.py" line="67"/>
        <source>{pupil} has no mentor in Klassbok, so a note for the mentor(s) would be read by no one but you. Choose “Only me” or “The pupil&apos;s teachers”.</source>
        <translation>{pupil} har ingen mentor i Klassbok, så en anteckning till mentor(erna) skulle inte läsas av någon annan än du. Välj ”Bara jag” eller ”Elevens lärare”.</translation>
    </message>
</context>
<context>
    <name>RejectedEditCard</name>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="69"/>
        <source>Couldn&apos;t be sent: {reason}</source>
        <translation>Kunde inte skickas: {reason}</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="72"/>
        <source>Changed {when}</source>
        <translation>Ändrad {when}</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="74"/>
        <source>Dismiss</source>
        <translation>Ångra ändringen</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="76"/>
        <source>Forget this change and show the server&apos;s value again</source>
        <translation>Glöm den här ändringen och visa det som finns på servern igen</translation>
    </message>
</context>
<context>
    <name>RejectedEdits</name>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="50"/>
        <source>Deleting: {what}</source>
        <translation>Borttagning: {what}</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="52"/>
        <source>{what} ({fields})</source>
        <translation>{what} ({fields})</translation>
    </message>
</context>
<context>
    <name>RejectedEditsDialog</name>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="98"/>
        <location filename="../../rejected_edits_dialog.py" line="100"/>
        <source>Changes that couldn&apos;t be sent</source>
        <extracomment>The list was read and shown (tests wait on it).</extracomment>
        <translation>Ändringar som inte kunde skickas</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="104"/>
        <source>The server refused these changes. They show only on this computer until you dismiss them; dismissing puts back what the server has.</source>
        <translation>Servern tog inte emot de här ändringarna. De syns bara på den här datorn tills du ångrar dem; då visas det som finns på servern igen.</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="124"/>
        <source>Nothing left here: every change was sent.</source>
        <translation>Inget kvar här: alla ändringar har skickats.</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="184"/>
        <source>That change was already dealt with.</source>
        <translation>Den ändringen är redan hanterad.</translation>
    </message>
    <message>
        <location filename="../../rejected_edits_dialog.py" line="189"/>
        <source>Sorry, that could not be dismissed. Details are in Klassbok&apos;s log.</source>
        <translation>Tyvärr gick ändringen inte att ångra. Detaljer finns i Klassboks logg.</translation>
    </message>
</context>
<context>
    <name>RollCallKeys</name>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="94"/>
        <source>Space / N</source>
        <extracomment>Minutes have at most three digits (a lesson is shorter than 1000 minutes).</extracomment>
        <translation>Blanksteg / N</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="94"/>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="95"/>
        <source>Absent (invalid)</source>
        <translation>Ogiltig frånvaro</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="96"/>
        <source>Late, arrived now</source>
        <translation>Sen, kom nu</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="97"/>
        <source>Left early, leaving now</source>
        <translation>Gick tidigt, går nu</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="98"/>
        <source>12 S</source>
        <translation>12 S</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="98"/>
        <source>12 min late (12 T: early)</source>
        <translation>12 min sen (12 T: tidigt)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="99"/>
        <source>Valid absence</source>
        <translation>Giltig frånvaro</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="100"/>
        <source>Other school activity</source>
        <translation>Annan skolaktivitet</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="101"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="102"/>
        <source>Move</source>
        <translation>Flytta</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="107"/>
        <source>Ctrl+Shift+N: everyone not yet marked is present.</source>
        <translation>Ctrl+Shift+N: markera övriga som närvarande.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_keys.py" line="113"/>
        <source>The letters are Swedish: Närvarande, Frånvarande, Sen, gick Tidigt, Giltig, Annan aktivitet, Kommentar.</source>
        <translation>Bokstäverna står för Närvarande, Frånvarande, Sen, gick Tidigt, Giltig, Annan aktivitet och Kommentar.</translation>
    </message>
</context>
<context>
    <name>RollCallLayout</name>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="51"/>
        <location filename="../../pages/attendance/roll_call_layout.py" line="228"/>
        <source>Roll call</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="78"/>
        <source>← Lessons</source>
        <translation>← Lektioner</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="80"/>
        <source>Back to the list of lessons (Esc)</source>
        <translation>Tillbaka till lektionslistan (Esc)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="109"/>
        <source>Accept: valid absence (G)</source>
        <translation>Godta: giltig frånvaro (G)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="110"/>
        <source>Keep: invalid absence (F)</source>
        <translation>Behåll: ogiltig frånvaro (F)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="125"/>
        <source>A short note, e.g. “forgot the book” — never health details</source>
        <translation>En kort anteckning, t.ex. ”glömt boken” – aldrig hälsouppgifter</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="127"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="136"/>
        <source>Everyone not yet marked is present</source>
        <translation>Markera övriga som närvarande</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="139"/>
        <source>Ctrl+Shift+N. Pupils already marked and absences reported by a guardian are left as they are.</source>
        <translation>Ctrl+Shift+N. Elever som redan är markerade och frånvaro som vårdnadshavare har anmält lämnas som de är.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="145"/>
        <source>Every mark is saved on this computer at once and sent to the server when it can be reached.</source>
        <translation>Varje markering sparas direkt på datorn och skickas till servern när den går att nå.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="164"/>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="206"/>
        <source>Roll call: {lesson}</source>
        <translation>Närvaro: {lesson}</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="213"/>
        <source>room {room}</source>
        <translation>sal {room}</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="214"/>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="219"/>
        <source>This lesson was cancelled. Its roll call is shown as it was and can&apos;t be changed.</source>
        <translation>Lektionen är inställd. Närvaron visas som den registrerades och kan inte ändras.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="232"/>
        <source>This lesson is no longer in your timetable (the school removed it or it moved out of your groups). Nothing you saved is lost.</source>
        <translation>Lektionen finns inte längre i ditt schema (skolan har tagit bort den eller så hör den inte längre till dina grupper). Inget av det du har sparat har gått förlorat.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="249"/>
        <source>{marked} of {total} marked</source>
        <translation>{marked} av {total} markerade</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/roll_call_layout.py" line="258"/>
        <source>%n absent</source>
        <translation>
            <numerusform>%n frånvarande</numerusform>
            <numerusform>%n frånvarande</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/roll_call_layout.py" line="260"/>
        <source>%n late</source>
        <translation>
            <numerusform>%n sen</numerusform>
            <numerusform>%n sena</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/roll_call_layout.py" line="262"/>
        <source>%n left early</source>
        <translation>
            <numerusform>%n gick tidigt</numerusform>
            <numerusform>%n gick tidigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/attendance/roll_call_layout.py" line="264"/>
        <source>%n valid absence(s)</source>
        <translation>
            <numerusform>%n med giltig frånvaro</numerusform>
            <numerusform>%n med giltig frånvaro</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="273"/>
        <source>{name}: {question}</source>
        <translation>{name}: {question}</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="281"/>
        <source>Comment for {name} (K):</source>
        <translation>Kommentar för {name} (K):</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="288"/>
        <source>{minutes} min — press S (late) or T (left early), Esc to clear</source>
        <translation>{minutes} min – tryck S (sen) eller T (gick tidigt), Esc för att rensa</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="301"/>
        <source>It isn&apos;t lesson time now, so Klassbok can&apos;t count how late. Type the minutes, then S.</source>
        <translation>Det är inte lektionstid nu, så Klassbok kan inte räkna ut hur sen eleven är. Skriv antal minuter och sedan S.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/roll_call_layout.py" line="305"/>
        <source>It isn&apos;t lesson time now, so Klassbok can&apos;t count how early. Type the minutes, then T.</source>
        <translation>Det är inte lektionstid nu, så Klassbok kan inte räkna ut hur tidigt eleven gick. Skriv antal minuter och sedan T.</translation>
    </message>
</context>
<context>
    <name>RollCallModel</name>
    <message>
        <location filename="../../models/roll_call_model.py" line="115"/>
        <source>Pupil</source>
        <extracomment>Custom role: the entry&apos;s state (str, or None when not marked). The lesson&apos;s day: reports of that day show only their time. The signed-in teacher: marks by others say who made them.</extracomment>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="115"/>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="115"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="171"/>
        <source>No longer in the group on this day</source>
        <translation>Inte längre med i gruppen den här dagen</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="190"/>
        <source>Marked by {name}</source>
        <translation>Markerad av {name}</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="192"/>
        <source>Reported by {name}</source>
        <translation>Anmäld av {name}</translation>
    </message>
    <message>
        <location filename="../../models/roll_call_model.py" line="196"/>
        <source>The mark was made while the pupil was in the group. It is kept as it was and can&apos;t be changed here.</source>
        <translation>Markeringen gjordes medan eleven var med i gruppen. Den sparas som den var och kan inte ändras här.</translation>
    </message>
</context>
<context>
    <name>RollCallView</name>
    <message>
        <location filename="../../pages/attendance/roll_call_view.py" line="225"/>
        <source>Type the minutes, then S (late) or T (left early).</source>
        <extracomment>The roll call was read and shown (tests, screenshots). A write came back from the DB worker (saved or not).</extracomment>
        <translation>Skriv antal minuter och sedan S (sen) eller T (gick tidigt).</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../models/search_results_model.py" line="36"/>
        <source>Pupil</source>
        <translation>Elev</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="37"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="38"/>
        <source>Extra adjustment</source>
        <translation>Extra anpassning</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="39"/>
        <source>Unit</source>
        <translation>Arbetsområde</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="40"/>
        <source>Lesson plan</source>
        <translation>Lektionsplanering</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="41"/>
        <source>Syllabus</source>
        <translation>Kursplan</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="83"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="84"/>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="85"/>
        <source>Found in</source>
        <translation>Hittat i</translation>
    </message>
    <message>
        <location filename="../../models/search_results_model.py" line="86"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <location filename="../../search_field.py" line="37"/>
        <source>Search pupils, notes, plans and the syllabus… (Ctrl+K)</source>
        <extracomment>The main window (not imported: it imports this module); it has search_page, stack, nav, pages, pupils_page, planning_page, show_search, show_page, open_pupil. The page shown before the search began (Esc goes back to it).</extracomment>
        <translation>Sök elever, anteckningar, planeringar och kursplaner… (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../search_field.py" line="39"/>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../pages/search_page.py" line="56"/>
        <source>Search results</source>
        <extracomment>A pause this long in typing starts a search. A hit to open elsewhere (a pupil, a note, a unit, a lesson plan). The text of the search on the worker now (None: none running).</extracomment>
        <translation>Sökresultat</translation>
    </message>
    <message>
        <location filename="../../pages/search_page.py" line="85"/>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <location filename="../../pages/search_page.py" line="135"/>
        <source>Type to search your pupils, notes, extra adjustments, units, lesson plans and the syllabus. Two letters are enough: “bråk” finds “bråktal”.</source>
        <translation>Skriv för att söka bland dina elever, anteckningar, extra anpassningar, arbetsområden, lektionsplaneringar och kursplaner. Två bokstäver räcker: ”bråk” hittar ”bråktal”.</translation>
    </message>
    <message>
        <location filename="../../pages/search_page.py" line="142"/>
        <source>Nothing matches “{text}”. Check the spelling or type less.</source>
        <translation>Inget matchar ”{text}”. Kontrollera stavningen eller skriv mindre.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/search_page.py" line="148"/>
        <source>The best %n result(s); type more to narrow them down.</source>
        <translation>
            <numerusform>Det bästa resultatet (%n); skriv mer för att smalna av.</numerusform>
            <numerusform>De %n bästa resultaten; skriv mer för att smalna av.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/search_page.py" line="151"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n resultat</numerusform>
            <numerusform>%n resultat</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../settings_dialog.py" line="25"/>
        <location filename="../../settings_dialog.py" line="28"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="31"/>
        <source>Small</source>
        <translation>Liten</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="32"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="33"/>
        <source>Large</source>
        <translation>Stor</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="34"/>
        <source>Larger</source>
        <translation>Större</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="42"/>
        <source>&amp;Text size</source>
        <translation>&amp;Textstorlek</translation>
    </message>
    <message>
        <location filename="../../settings_dialog.py" line="44"/>
        <source>The size of the text on every page; it changes at once.</source>
        <translation>Storleken på texten på alla sidor; den ändras direkt.</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="76"/>
        <source>Export CSV…</source>
        <extracomment>A pupil was opened (Enter / double-click): the window shows the pupil page. Statistics were read and shown (tests, screenshots).</extracomment>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="77"/>
        <source>For Excel (Swedish: semicolons, decimal commas)</source>
        <translation>För Excel (svenskt format: semikolon, decimalkomma)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="78"/>
        <source>Export PDF…</source>
        <translation>Exportera PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="98"/>
        <source>Attendance per pupil</source>
        <translation>Närvaro per elev</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="105"/>
        <source>Percentages are of the lesson time whose roll call was taken. Late arrival and leaving early count as invalid absence unless a guardian&apos;s report covers them; other school activity is not absence.</source>
        <translation>Andelarna räknas på den lektionstid där närvaron har registrerats. Sen ankomst och att gå tidigt räknas som ogiltig frånvaro om inte en anmälan från vårdnadshavare täcker dem; annan skolaktivitet räknas inte som frånvaro.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="136"/>
        <source>Group</source>
        <translation>Grupp</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="139"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="141"/>
        <source>This term ({term})</source>
        <translation>Den här terminen ({term})</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="143"/>
        <source>Last term ({term})</source>
        <translation>Förra terminen ({term})</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="145"/>
        <source>Chosen dates</source>
        <translation>Valda datum</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="147"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="148"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="152"/>
        <source>Highlight absence at or above</source>
        <translation>Markera frånvaro från och med</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="155"/>
        <source>Highlight at or above</source>
        <translation>Markera från</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="257"/>
        <source>You don&apos;t teach any groups yet.</source>
        <translation>Du undervisar inga grupper än.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="264"/>
        <source>{group}, {start} – {end}: {absence} absence, of it {invalid} invalid · {flagged} of {pupils} pupils at or above {threshold} · roll call taken in {registered} of {lessons} lessons</source>
        <translation>{group}, {start} – {end}: {absence} frånvaro, varav {invalid} ogiltig · {flagged} av {pupils} elever har minst {threshold} · {registered} av {lessons} lektioner registrerade</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="298"/>
        <source>Attendance {group} {period}</source>
        <translation>Närvaro {group} {period}</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="303"/>
        <source>Save attendance summary</source>
        <translation>Spara närvarosammanställning</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="308"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV för Excel (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="313"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="336"/>
        <source>Saved {file}.</source>
        <translation>{file} har sparats.</translation>
    </message>
    <message>
        <location filename="../../pages/attendance/statistics_view.py" line="344"/>
        <source>Klassbok couldn&apos;t save {file} ({reason}). Choose another folder, or check that the disk isn&apos;t full.</source>
        <translation>Klassbok kunde inte spara {file} ({reason}). Välj en annan mapp, eller kontrollera att disken inte är full.</translation>
    </message>
</context>
<context>
    <name>SyncBanner</name>
    <message>
        <location filename="../../sync_banner.py" line="22"/>
        <source>This version of Klassbok is too old to sync. Your changes are kept on this computer. Update Klassbok to send them.</source>
        <translation>Den här versionen av Klassbok är för gammal för att synkronisera. Dina ändringar finns kvar på den här datorn. Uppdatera Klassbok för att skicka dem.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../sync_controller.py" line="210"/>
        <source>Downloading your school data…</source>
        <extracomment>Automatic sync while online. Sync this long after the last local write. What a sync broadcasts when it changed the cache. Local writes that need no sync: a toast was seen, a refused edit was dismissed (both local bookkeeping only, nothing for the outbox). Makes the engine for one sync (network worker): (session, verify_scope). Seconds before automatic retry number `attempt` (0 = first retry). The token was refused: the controller asks for the password again. A sync attempt ended (successfully or not); tests wait on it. Notices not shown yet arrived (tuple[NoticeItem, ...]): toast them. The first download of this copy became slow enough to show (ProgressInfo), moved on (ProgressInfo), ended (task id). An edit came in while a sync ran: sync again after it. The divergence check has run to the end in this session.</extracomment>
        <translation>Hämtar skolans uppgifter…</translation>
    </message>
    <message>
        <location filename="../../sync_controller.py" line="210"/>
        <source>Syncing…</source>
        <translation>Synkroniserar…</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../status_bar.py" line="62"/>
        <source>Demo school</source>
        <extracomment>The teacher clicked &quot;N changes couldn&apos;t be sent&quot;. The teacher clicked &quot;N conflicts to decide&quot;. The teacher clicked the clock warning. Seconds on the monotonic clock (the retry countdown); replaceable in tests.</extracomment>
        <translation>Demoskola</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="70"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="76"/>
        <location filename="../../status_bar.py" line="139"/>
        <source>Sync now</source>
        <translation>Synkronisera nu</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="107"/>
        <source>● Online</source>
        <translation>● Ansluten</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="109"/>
        <source>● Offline</source>
        <translation>● Frånkopplad</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="111"/>
        <source>● Connecting…</source>
        <translation>● Ansluter…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../status_bar.py" line="117"/>
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n ändring väntar på att skickas</numerusform>
            <numerusform>%n ändringar väntar på att skickas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="119"/>
        <source>No unsent changes</source>
        <translation>Inga osända ändringar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../status_bar.py" line="126"/>
        <source>%n change(s) couldn&apos;t be sent</source>
        <translation>
            <numerusform>%n ändring kunde inte skickas</numerusform>
            <numerusform>%n ändringar kunde inte skickas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="128"/>
        <source>See which changes and why</source>
        <translation>Se vilka ändringar och varför</translation>
    </message>
    <message numerus="yes">
        <location filename="../../status_bar.py" line="130"/>
        <source>%n conflict(s) to decide</source>
        <translation>
            <numerusform>%n konflikt att avgöra</numerusform>
            <numerusform>%n konflikter att avgöra</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="131"/>
        <source>Open Conflicts</source>
        <translation>Öppna Konflikter</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="139"/>
        <source>Log in to sync</source>
        <translation>Logga in för att synkronisera</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="149"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="151"/>
        <source>in {seconds} s</source>
        <translation>om {seconds} s</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="152"/>
        <source>in {minutes} min</source>
        <translation>om {minutes} min</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="158"/>
        <source>Syncing…</source>
        <translation>Synkroniserar…</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="206"/>
        <source>{label} {count} records</source>
        <translation>{label} {count} poster</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="176"/>
        <source>Couldn&apos;t sync yet</source>
        <translation>Synkroniseringen har inte lyckats än</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="178"/>
        <source>Couldn&apos;t sync — showing data from {when}</source>
        <translation>Synkroniseringen misslyckades – visar uppgifter från {when}</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="168"/>
        <location filename="../../status_bar.py" line="190"/>
        <source>Not synced yet</source>
        <translation>Inte synkroniserad än</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="78"/>
        <source>Send your changes and get the latest data (F5)</source>
        <translation>Skicka dina ändringar och hämta det senaste (F5)</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="160"/>
        <source>Not syncing: Klassbok needs an update</source>
        <translation>Klassbok behöver uppdateras</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="162"/>
        <source>Log in again to sync — your changes are kept</source>
        <translation>Logga in igen för att synkronisera – dina ändringar finns kvar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../status_bar.py" line="166"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n ändring väntar</numerusform>
            <numerusform>%n ändringar väntar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="170"/>
        <source>Showing data from {when}</source>
        <translation>Visar uppgifter från {when}</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="172"/>
        <location filename="../../status_bar.py" line="181"/>
        <source>{status}, next try {wait}</source>
        <translation>{status}, nytt försök {wait}</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="185"/>
        <source>Download stopped — press Sync now to continue</source>
        <translation>Hämtningen avbröts – tryck på ”Synkronisera nu” för att fortsätta</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="187"/>
        <source>Sync stopped — showing data from {when}</source>
        <translation>Synkroniseringen avbröts – visar uppgifter från {when}</translation>
    </message>
    <message>
        <location filename="../../status_bar.py" line="191"/>
        <source>Synced {when}</source>
        <translation>Synkroniserad {when}</translation>
    </message>
</context>
<context>
    <name>SyncViews</name>
    <message numerus="yes">
        <location filename="../../sync_views.py" line="58"/>
        <source>{page}: %n to decide</source>
        <translation>
            <numerusform>{page}: %n att avgöra</numerusform>
            <numerusform>{page}: %n att avgöra</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../sync_views.py" line="85"/>
        <source>The computer&apos;s clock</source>
        <translation>Datorns klocka</translation>
    </message>
</context>
<context>
    <name>TermGradeHistory</name>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="33"/>
        <source>removed</source>
        <translation>borttaget</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="76"/>
        <source>Term grade {term}: {pupil}</source>
        <translation>Terminsbetyg {term}: {pupil}</translation>
    </message>
    <message>
        <location filename="../../pages/assessment/history_dialog.py" line="93"/>
        <source>The history of a term grade is kept on the school&apos;s server and could not be fetched: {why}</source>
        <translation>Terminsbetygets historik finns på skolans server och kunde inte hämtas: {why}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../models/timeline_models.py" line="38"/>
        <location filename="../../models/timeline_models.py" line="50"/>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="39"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="40"/>
        <source>Term grade</source>
        <translation>Terminsbetyg</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="41"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="42"/>
        <source>Adjustment</source>
        <translation>Anpassning</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="51"/>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="52"/>
        <source>Grades</source>
        <translation>Betyg</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="53"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="54"/>
        <source>Adjustments</source>
        <translation>Anpassningar</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="63"/>
        <source>from {start}</source>
        <translation>från {start}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="72"/>
        <source>This term so far: {absence} absence, of which {invalid} invalid</source>
        <translation>Terminen hittills: {absence} frånvaro, varav {invalid} ogiltig</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="77"/>
        <source>Week {week}: absent {hours} ({invalid} invalid)</source>
        <translation>Vecka {week}: frånvarande {hours} ({invalid} ogiltig)</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="81"/>
        <source>Guardians told of invalid absence the same day</source>
        <translation>Vårdnadshavare underrättade om ogiltig frånvaro samma dag</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="90"/>
        <source>{subject}, term grade {term}: {grade}</source>
        <translation>{subject}, terminsbetyg {term}: {grade}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="99"/>
        <source>Extra adjustment: {what}</source>
        <translation>Extra anpassning: {what}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="101"/>
        <source>Action programme decided (reference only)</source>
        <translation>Åtgärdsprogram beslutat (endast hänvisning)</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="110"/>
        <source>{reported} registered of {offered} offered</source>
        <translation>{reported} registrerat av {offered} schemalagt</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="114"/>
        <source>late arrivals: {count}</source>
        <translation>sena ankomster: {count}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="119"/>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="120"/>
        <source>Waiting to be sent</source>
        <translation>Väntar på att skickas</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="121"/>
        <source>Could not be sent — the school office follows up</source>
        <translation>Kunde inte skickas — expeditionen följer upp</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="122"/>
        <source>Not sent: the absence was corrected or reported in time</source>
        <translation>Inte skickad: frånvaron rättades eller anmäldes i tid</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="132"/>
        <source>No basis for a grade</source>
        <translation>Underlag saknas för betyg</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="135"/>
        <source>you</source>
        <translation>dig</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="137"/>
        <source>unknown</source>
        <translation>okänd</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="139"/>
        <source>Visible to: {who} · written by {author}</source>
        <translation>Synlig för: {who} · skriven av {author}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="148"/>
        <source>Decided by {who} · the document is kept at {where}</source>
        <translation>Beslutat av {who} · dokumentet finns hos {where}</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="156"/>
        <source>no date</source>
        <translation>inget datum</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="38"/>
        <source>Show:</source>
        <translation>Visa:</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="44"/>
        <source>Show {kind}</source>
        <translation>Visa {kind}</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="49"/>
        <source>Documentation as PDF…</source>
        <translation>Dokumentation som PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="51"/>
        <source>For the development talk: notes, extra adjustments and attendance</source>
        <translation>Till utvecklingssamtalet: anteckningar, extra anpassningar och närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="89"/>
        <source>The pupil&apos;s timeline, newest first</source>
        <translation>Elevens tidslinje, nyast först</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="114"/>
        <source>Timeline of {pupil}</source>
        <translation>Tidslinje för {pupil}</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="122"/>
        <source>Newest first. Attendance is counted for this term ({start} – {end}); results, grades and documentation for as long as Klassbok has them.</source>
        <translation>Nyast först. Närvaron räknas för denna termin ({start} – {end}); resultat, betyg och dokumentation så långt bakåt som Klassbok har dem.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="138"/>
        <source>Choose a pupil to see their timeline.</source>
        <translation>Välj en elev för att se elevens tidslinje.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="141"/>
        <source>Nothing recorded for this pupil yet: no absence, results or notes.</source>
        <translation>Inget registrerat för eleven än: ingen frånvaro, inga resultat eller anteckningar.</translation>
    </message>
    <message>
        <location filename="../../pages/documentation/timeline_panel.py" line="144"/>
        <source>Nothing of the chosen kinds. Turn on more above.</source>
        <translation>Inget av de valda slagen. Slå på fler ovan.</translation>
    </message>
</context>
<context>
    <name>TimelineTableModel</name>
    <message>
        <location filename="../../models/timeline_models.py" line="164"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="164"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="164"/>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../models/timeline_models.py" line="164"/>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <location filename="../../pages/timetable_page.py" line="70"/>
        <source>&amp;Day</source>
        <extracomment>Saturday and Sunday get a column only in a week that has lessons on them. A lesson&apos;s roll call should open (its id).</extracomment>
        <translation>&amp;Dag</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="71"/>
        <source>&amp;Week</source>
        <translation>&amp;Vecka</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="82"/>
        <source>◀ Previous</source>
        <translation>◀ Föregående</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="83"/>
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="84"/>
        <source>Next ▶</source>
        <translation>Nästa ▶</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="85"/>
        <source>Previous (Alt+Left)</source>
        <translation>Föregående (Alt+Vänsterpil)</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="86"/>
        <source>Next (Alt+Right)</source>
        <translation>Nästa (Alt+Högerpil)</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="87"/>
        <source>Back to today (Alt+Home)</source>
        <translation>Tillbaka till idag (Alt+Home)</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="112"/>
        <source>Lessons of the day</source>
        <translation>Dagens lektioner</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="166"/>
        <source>Timetable</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="185"/>
        <source>You have no lessons this week. See another week with ◀ Previous and Next ▶ (Alt+Left, Alt+Right), or return to the current week with Today (Alt+Home).</source>
        <translation>Du har inga lektioner den här veckan. Se en annan vecka med ◀ Föregående och Nästa ▶ (Alt+Vänsterpil, Alt+Högerpil), eller gå tillbaka till den här veckan med Idag (Alt+Home).</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="190"/>
        <source>You have no lessons this day. See another day with ◀ Previous and Next ▶ (Alt+Left, Alt+Right), or return to today with Today (Alt+Home).</source>
        <translation>Du har inga lektioner den här dagen. Se en annan dag med ◀ Föregående och Nästa ▶ (Alt+Vänsterpil, Alt+Högerpil), eller gå tillbaka till i dag med Idag (Alt+Home).</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="236"/>
        <source>{date} · week {week}</source>
        <translation>{date} · vecka {week}</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="257"/>
        <source>Week {week} · {first} – {last}</source>
        <translation>Vecka {week} · {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../pages/timetable_page.py" line="276"/>
        <source>Lessons on {day}</source>
        <translation>Lektioner {day}</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../pages/today_page.py" line="79"/>
        <source>Take roll call</source>
        <extracomment>How often the current/next marking moves on (no database work). Earlier lessons of the term whose roll call was never taken, newest first. A lesson&apos;s roll call should open (the window shows Attendance).</extracomment>
        <translation>Registrera närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="94"/>
        <source>Today&apos;s lessons</source>
        <translation>Dagens lektioner</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="95"/>
        <source>Enter or double-click: take the lesson&apos;s roll call</source>
        <translation>Enter eller dubbelklick: registrera närvaro för lektionen</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="106"/>
        <source>Earlier lessons without roll call</source>
        <translation>Tidigare lektioner utan registrerad närvaro</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="127"/>
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="137"/>
        <source>{date} · week {week}</source>
        <translation>{date} · vecka {week}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/today_page.py" line="159"/>
        <source>Earlier this term, roll call not taken (%n)</source>
        <translation>
            <numerusform>Tidigare i terminen – närvaro ej registrerad (%n)</numerusform>
            <numerusform>Tidigare i terminen – närvaro ej registrerad (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="186"/>
        <source>No lessons today. Enjoy the weekend! Next week is in the Timetable (Ctrl+2).</source>
        <translation>Inga lektioner i dag. Trevlig helg! Nästa vecka finns i Schema (Ctrl+2).</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="188"/>
        <source>You have no lessons today. Your week is in the Timetable (Ctrl+2).</source>
        <translation>Du har inga lektioner i dag. Din vecka finns i Schema (Ctrl+2).</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="207"/>
        <source>Now: {lesson} until {end}</source>
        <translation>Nu: {lesson} till {end}</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="211"/>
        <source>Next: {lesson} at {start}</source>
        <translation>Nästa: {lesson} kl. {start}</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="215"/>
        <source>No more lessons today.</source>
        <translation>Inga fler lektioner idag.</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="224"/>
        <source>Roll call taken — open ▶</source>
        <translation>Närvaro registrerad – öppna ▶</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="224"/>
        <source>Take roll call ▶</source>
        <translation>Registrera närvaro ▶</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="227"/>
        <source>Open the roll call of {lesson} (Enter)</source>
        <translation>Öppna närvaroregistreringen för {lesson} (Enter)</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="238"/>
        <source>{title} with {groups} in {room}</source>
        <translation>{title} med {groups} i {room}</translation>
    </message>
    <message>
        <location filename="../../pages/today_page.py" line="242"/>
        <source>{title} with {groups}</source>
        <translation>{title} med {groups}</translation>
    </message>
</context>
<context>
    <name>UnitEditor</name>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="65"/>
        <location filename="../../pages/planning/unit_editor.py" line="118"/>
        <source>Title</source>
        <extracomment>{assessment id: linked} for the assessments whose link changed.</extracomment>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="74"/>
        <location filename="../../pages/planning/unit_editor.py" line="120"/>
        <source>Aims</source>
        <translation>Syfte och mål</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="76"/>
        <source>Own notes on the content</source>
        <translation>Egna anteckningar om innehållet</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="79"/>
        <location filename="../../pages/planning/unit_editor.py" line="126"/>
        <location filename="../../pages/planning/unit_editor.py" line="239"/>
        <source>How learning is assessed</source>
        <translation>Hur lärandet bedöms</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="85"/>
        <source>Syllabus items the unit covers</source>
        <translation>Kursplanens delar som arbetsområdet tar upp</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="89"/>
        <source>Choose from the syllabus…</source>
        <translation>Välj ur kursplanen…</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="92"/>
        <source>Assessments of the unit</source>
        <translation>Arbetsområdets bedömningar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="95"/>
        <source>The unit&apos;s lessons in order</source>
        <translation>Arbetsområdets lektioner i ordning</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="108"/>
        <source>Save unit</source>
        <translation>Spara arbetsområdet</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="110"/>
        <source>Copy to another group or year…</source>
        <translation>Kopiera till en annan grupp eller ett annat år…</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="112"/>
        <source>Unit plan as PDF…</source>
        <translation>LPP som PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="113"/>
        <source>The unit as saved, with the syllabus&apos;s source</source>
        <translation>Arbetsområdet som det är sparat, med kursplanens källa</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="119"/>
        <source>Weeks</source>
        <translation>Veckor</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="124"/>
        <source>Central content and criteria</source>
        <translation>Centralt innehåll och betygskriterier</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="125"/>
        <source>Own notes</source>
        <translation>Egna anteckningar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="127"/>
        <source>Assessments</source>
        <translation>Bedömningar</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="128"/>
        <source>Lessons</source>
        <translation>Lektioner</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="129"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="139"/>
        <source>weeks %1–%2</source>
        <translation>vecka %1–%2</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="204"/>
        <source>(cancelled)</source>
        <translation>(inställd)</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="233"/>
        <source>A unit needs a title.</source>
        <translation>Ett arbetsområde behöver en rubrik.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="235"/>
        <source>The unit ends before it starts: check the weeks.</source>
        <translation>Arbetsområdet slutar innan det börjar: kontrollera veckorna.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="237"/>
        <source>The aims</source>
        <translation>Syfte och mål</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="238"/>
        <source>The notes</source>
        <translation>Anteckningarna</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_editor.py" line="245"/>
        <source>%1: too long, at most %2 characters (it has %3). Nothing was lost; shorten it and save again.</source>
        <translation>%1: för lång text, högst %2 tecken (den har %3). Inget har försvunnit; korta den och spara igen.</translation>
    </message>
</context>
<context>
    <name>UnitExport</name>
    <message>
        <location filename="../../pages/planning/unit_export.py" line="39"/>
        <source>Save the unit first: the PDF shows the unit as saved.</source>
        <translation>Spara arbetsområdet först: PDF:en visar det som det är sparat.</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_export.py" line="49"/>
        <source>Save unit plan</source>
        <translation>Spara LPP</translation>
    </message>
    <message>
        <location filename="../../pages/planning/unit_export.py" line="51"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>UnitPdf</name>
    <message>
        <location filename="../../exports/unit_pdf.py" line="49"/>
        <source>weeks {first}–{last} ({start} – {end})</source>
        <translation>vecka {first}–{last} ({start} – {end})</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="57"/>
        <source>made {date}</source>
        <translation>skapad {date}</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="67"/>
        <source>Aims</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="69"/>
        <source>Central content and criteria</source>
        <translation>Centralt innehåll och betygskriterier</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="75"/>
        <source>Own notes on the content</source>
        <translation>Egna anteckningar om innehållet</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="76"/>
        <source>How learning is assessed</source>
        <translation>Hur lärandet bedöms</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="79"/>
        <source>Assessments</source>
        <translation>Bedömningar</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="88"/>
        <source>Lessons</source>
        <translation>Lektioner</translation>
    </message>
    <message>
        <location filename="../../exports/unit_pdf.py" line="94"/>
        <source>(cancelled)</source>
        <translation>(inställd)</translation>
    </message>
</context>
</TS>
