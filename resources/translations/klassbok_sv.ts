<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="104"/>
        <source>Coming soon</source>
        <translation>Kommer snart</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="112"/>
        <source>Here you&apos;ll record tests and assignments, each pupil&apos;s results and term grades (A–F). A grade is never changed behind your back: if a co-teacher set another one, Klassbok asks you which to keep.</source>
        <translation>Här kommer du att registrera prov och uppgifter, varje elevs resultat och terminsbetyg (A–F). Ett betyg ändras aldrig bakom din rygg: om en kollega som undervisar samma grupp har satt ett annat frågar Klassbok dig vilket som ska gälla.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="121"/>
        <source>Assessment</source>
        <translation>Bedömning</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="32"/>
        <source>Taking the roll call here is coming soon: you&apos;ll mark each pupil present, late or absent with one key, even offline, and guardians are told about unexcused absence the same day. Until then, here is where today&apos;s roll calls stand.</source>
        <translation>Snart registrerar du närvaro här: du markerar varje elev som närvarande, sen eller frånvarande med en tangent, även utan nätverk, och vårdnadshavare får besked om ogiltig frånvaro samma dag. Tills dess ser du här hur det ser ut med dagens närvaroregistrering.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="40"/>
        <source>Today&apos;s lessons and their roll call</source>
        <translation>Dagens lektioner och deras närvaroregistrering</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="41"/>
        <source>You have no lessons today.</source>
        <translation>Du har inga lektioner idag.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="53"/>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="65"/>
        <source>{date} · roll call taken for {taken} of {due}</source>
        <translation>{date} · närvaro registrerad för {taken} av {due}</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../desktop/error_messages.py" line="30"/>
        <source>This account has been disabled. Ask your school&apos;s administrator.</source>
        <translation>Kontot är avstängt. Kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="37"/>
        <source>The user name or password is wrong. Check them and try again (passwords are case-sensitive).</source>
        <translation>Användarnamnet eller lösenordet är fel. Kontrollera dem och försök igen (lösenord skiljer på stora och små bokstäver).</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="45"/>
        <source>Klassbok can&apos;t reach the server. Check the server address and that this computer is connected to the network.</source>
        <translation>Klassbok når inte servern. Kontrollera serveradressen och att datorn är ansluten till nätverket.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="53"/>
        <source>This version of Klassbok is too old for the server. Install the latest version; your changes are kept on this computer until then.</source>
        <translation>Den här versionen av Klassbok är för gammal för servern. Installera den senaste versionen; dina ändringar sparas på den här datorn tills dess.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="61"/>
        <source>Your login has expired. Log in again to continue syncing.</source>
        <translation>Din inloggning har gått ut. Logga in igen för att fortsätta synkronisera.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="65"/>
        <source>The server sent an answer Klassbok doesn&apos;t understand. Check the server address; if it is right, tell your school&apos;s administrator.</source>
        <translation>Servern skickade ett svar som Klassbok inte förstår. Kontrollera serveradressen; om den stämmer, kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="73"/>
        <source>The server had a problem and couldn&apos;t answer. Try again in a while; your data on this computer is safe.</source>
        <translation>Servern fick ett problem och kunde inte svara. Försök igen om en stund; dina uppgifter på den här datorn är i säkerhet.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="81"/>
        <source>The school data on this computer was saved by a newer version of Klassbok. Install the latest version to open it.</source>
        <translation>Skolans uppgifter på den här datorn sparades av en nyare version av Klassbok. Installera den senaste versionen för att öppna dem.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="89"/>
        <source>Klassbok can&apos;t read the school data stored on this computer. Log out and choose to remove this computer&apos;s copy; it is downloaded again when you log in.</source>
        <translation>Klassbok kan inte läsa skolans uppgifter som är sparade på den här datorn. Logga ut och välj att ta bort datorns kopia; den hämtas igen när du loggar in.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="98"/>
        <source>Klassbok couldn&apos;t update the school data on this computer to this version; it was left as it was. Please tell your school&apos;s administrator.</source>
        <translation>Klassbok kunde inte uppdatera skolans uppgifter på den här datorn till den här versionen; de lämnades som de var. Kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="106"/>
        <source>The computer&apos;s password store (keyring) stopped answering. Log in to your desktop&apos;s keyring and start Klassbok again; nothing was lost.</source>
        <translation>Datorns lösenordslagring (nyckelring) slutade svara. Lås upp nyckelringen och starta Klassbok igen; inget har gått förlorat.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/error_messages.py" line="118"/>
        <source>Too many login attempts. Wait %n minute(s) before trying again.</source>
        <translation>
            <numerusform>För många inloggningsförsök. Vänta %n minut innan du försöker igen.</numerusform>
            <numerusform>För många inloggningsförsök. Vänta %n minuter innan du försöker igen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="124"/>
        <source>Too many login attempts. Wait a few minutes before trying again, or ask your school&apos;s administrator.</source>
        <translation>För många inloggningsförsök. Vänta några minuter innan du försöker igen, eller kontakta skolans administratör.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="157"/>
        <source>The school data is busy (another Klassbok window may be using it). Close other Klassbok windows and try again.</source>
        <translation>Skolans uppgifter används just nu (kanske av ett annat Klassbok-fönster). Stäng andra Klassbok-fönster och försök igen.</translation>
    </message>
    <message>
        <location filename="../../desktop/error_messages.py" line="167"/>
        <source>The disk is full. Free some space, then try again; nothing was lost.</source>
        <translation>Disken är full. Frigör utrymme och försök igen; inget har gått förlorat.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../desktop/error_reporter.py" line="45"/>
        <source>Klassbok</source>
        <extracomment>Every message shown, also when dialogs are off (title, text).</extracomment>
        <translation>Klassbok</translation>
    </message>
    <message>
        <location filename="../../desktop/error_reporter.py" line="48"/>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <location filename="../../desktop/error_reporter.py" line="51"/>
        <source>the log</source>
        <translation>loggen</translation>
    </message>
    <message>
        <location filename="../../desktop/error_reporter.py" line="53"/>
        <source>Sorry, something went wrong inside Klassbok. Your saved work is safe. If it happens again, send the log file to support: {path}</source>
        <translation>Förlåt, något gick fel i Klassbok. Det du har sparat är i säkerhet. Om det händer igen, skicka loggfilen till supporten: {path}</translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="16"/>
        <source>Class</source>
        <translation>Klass</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="17"/>
        <source>Teaching group</source>
        <translation>Undervisningsgrupp</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="18"/>
        <source>Mentor group</source>
        <translation>Mentorsgrupp</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="19"/>
        <source>Other group</source>
        <translation>Annan grupp</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="28"/>
        <source>Group</source>
        <translation>Grupp</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="28"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="28"/>
        <source>Year</source>
        <translation>Årskurs</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="28"/>
        <source>Pupils</source>
        <translation>Elever</translation>
    </message>
    <message>
        <location filename="../../desktop/models/group_table_model.py" line="51"/>
        <source>You see this group because you co-teach one of its lessons.</source>
        <translation>Du ser gruppen eftersom du undervisar tillsammans med en kollega på någon av dess lektioner.</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="68"/>
        <location filename="../../desktop/pages/groups_page.py" line="70"/>
        <source>Show members on</source>
        <extracomment>A pupil was opened (double-click / Enter): the window shows the pupil page.</extracomment>
        <translation>Visa medlemmar den</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="77"/>
        <source>Your groups</source>
        <translation>Dina grupper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="85"/>
        <source>Pupils in the group</source>
        <translation>Elever i gruppen</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="90"/>
        <source>You don&apos;t teach any groups yet.</source>
        <translation>Du undervisar inga grupper än.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="111"/>
        <source>Choose a group to see its pupils.</source>
        <translation>Välj en grupp för att se dess elever.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="123"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/groups_page.py" line="152"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n grupp</numerusform>
            <numerusform>%n grupper</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/groups_page.py" line="154"/>
        <source>No groups</source>
        <translation>Inga grupper</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/groups_page.py" line="171"/>
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
        <location filename="../../desktop/pages/pupils_page.py" line="228"/>
        <source>Guardian</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="230"/>
        <source>Other responsible adult</source>
        <translation>Annan ansvarig vuxen</translation>
    </message>
</context>
<context>
    <name>KeyringNotice</name>
    <message>
        <location filename="../../desktop/login_dialog.py" line="28"/>
        <source>This computer has no secure password store (keyring), so Klassbok won&apos;t keep pupils&apos; data on disk. It will work until you close it, and you&apos;ll need to log in each time.</source>
        <translation>Den här datorn saknar säker lösenordslagring (nyckelring), så Klassbok sparar inga elevuppgifter på disken. Klassbok fungerar tills du stänger programmet, och du behöver logga in varje gång.</translation>
    </message>
</context>
<context>
    <name>LessonTableModel</name>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="42"/>
        <source>Time</source>
        <extracomment>Custom role: the lesson&apos;s place in the day (a LessonTiming or None). Soft highlight of the current/next lesson (matches resources/style).</extracomment>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="43"/>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="44"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="45"/>
        <source>Room</source>
        <translation>Sal</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="46"/>
        <source>Roll call</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="108"/>
        <source>Cancelled</source>
        <translation>Inställd</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="110"/>
        <source>Taken</source>
        <translation>Registrerad</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="112"/>
        <source>Later</source>
        <translation>Senare</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="113"/>
        <source>Not taken</source>
        <translation>Ej registrerad</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="142"/>
        <source>Teachers: {names}</source>
        <translation>Lärare: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/lesson_table_model.py" line="144"/>
        <source>This lesson is cancelled.</source>
        <translation>Lektionen är inställd.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login_dialog.py" line="69"/>
        <source>Log in to Klassbok</source>
        <translation>Logga in i Klassbok</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="73"/>
        <source>Log in again</source>
        <translation>Logga in igen</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="73"/>
        <source>Welcome to Klassbok</source>
        <translation>Välkommen till Klassbok</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="77"/>
        <source>Your login has expired. Enter your password to continue syncing. Everything on this computer is kept.</source>
        <translation>Din inloggning har gått ut. Skriv ditt lösenord för att fortsätta synkronisera. Allt på den här datorn finns kvar.</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="81"/>
        <source>Log in with the account your school gave you.</source>
        <translation>Logga in med kontot du har fått av skolan.</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="106"/>
        <location filename="../../desktop/login_dialog.py" line="172"/>
        <source>Log in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="107"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="129"/>
        <source>e.g. klassbok.myschool.se</source>
        <translation>t.ex. klassbok.minskola.se</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="130"/>
        <location filename="../../desktop/login_dialog.py" line="139"/>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="131"/>
        <location filename="../../desktop/login_dialog.py" line="140"/>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="133"/>
        <location filename="../../desktop/login_dialog.py" line="141"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="152"/>
        <source>Enter the server address your school gave you, e.g. klassbok.myschool.se.</source>
        <translation>Skriv serveradressen du har fått av skolan, t.ex. klassbok.minskola.se.</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="157"/>
        <source>Enter your user name.</source>
        <translation>Skriv ditt användarnamn.</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="161"/>
        <source>Enter your password.</source>
        <translation>Skriv ditt lösenord.</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="172"/>
        <source>Logging in…</source>
        <translation>Loggar in…</translation>
    </message>
</context>
<context>
    <name>LogoutDialog</name>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="25"/>
        <location filename="../../desktop/logout_dialog.py" line="60"/>
        <source>Log out</source>
        <translation>Logga ut</translation>
    </message>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="29"/>
        <source>Log out of Klassbok?</source>
        <translation>Logga ut från Klassbok?</translation>
    </message>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="31"/>
        <source>You&apos;ll need your password to log in again.</source>
        <translation>Du behöver ditt lösenord för att logga in igen.</translation>
    </message>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="34"/>
        <source>Also remove this computer&apos;s copy of the school data</source>
        <translation>Ta också bort datorns kopia av skolans uppgifter</translation>
    </message>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="37"/>
        <source>Choose this on a shared or borrowed computer. The data is downloaded again when you log in.</source>
        <translation>Välj detta på en delad eller lånad dator. Uppgifterna hämtas igen när du loggar in.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/logout_dialog.py" line="47"/>
        <source>%n change(s) haven&apos;t reached the server yet, so the copy on this computer is kept. Sync first to remove it.</source>
        <translation>
            <numerusform>%n ändring har inte nått servern än, så kopian på den här datorn behålls. Synkronisera först för att ta bort den.</numerusform>
            <numerusform>%n ändringar har inte nått servern än, så kopian på den här datorn behålls. Synkronisera först för att ta bort den.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/logout_dialog.py" line="61"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="49"/>
        <source>Klassbok — {name}</source>
        <translation>Klassbok – {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="51"/>
        <source>Klassbok (demo) — {name}</source>
        <translation>Klassbok (demo) – {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="79"/>
        <source>Pages</source>
        <translation>Sidor</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="86"/>
        <source>{page} (Ctrl+{number})</source>
        <translation>{page} (Ctrl+{number})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="104"/>
        <source>Klassbok</source>
        <translation>Klassbok</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="109"/>
        <source>Log out…</source>
        <translation>Logga ut…</translation>
    </message>
</context>
<context>
    <name>MembershipTableModel</name>
    <message>
        <location filename="../../desktop/models/membership_table_model.py" line="16"/>
        <source>Group</source>
        <translation>Grupp</translation>
    </message>
    <message>
        <location filename="../../desktop/models/membership_table_model.py" line="16"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../desktop/models/membership_table_model.py" line="16"/>
        <source>Until</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../desktop/models/membership_table_model.py" line="27"/>
        <source>ongoing</source>
        <translation>tills vidare</translation>
    </message>
</context>
<context>
    <name>PlanningPage</name>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="77"/>
        <source>Coming soon</source>
        <translation>Kommer snart</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="85"/>
        <source>Here you&apos;ll write unit plans (LPP) with aims, central content and how learning is assessed, and plan each lesson and its homework. Plans are saved on this computer first and shared with co-teachers when you sync.</source>
        <translation>Här kommer du att skriva lokala pedagogiska planeringar (LPP) med syfte, centralt innehåll och hur lärandet bedöms, och planera varje lektion och dess läxa. Planeringar sparas först på den här datorn och delas med dina kollegor när du synkroniserar.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/coming_pages.py" line="94"/>
        <source>Planning</source>
        <translation>Planering</translation>
    </message>
</context>
<context>
    <name>PupilDetailPanel</name>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="145"/>
        <source>Protected identity — contact details are not shown</source>
        <translation>Skyddade personuppgifter – kontaktuppgifter visas inte</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="147"/>
        <source>Groups</source>
        <translation>Grupper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="152"/>
        <source>Groups of the pupil</source>
        <translation>Elevens grupper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="154"/>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="158"/>
        <source>Choose a pupil to see their groups and guardians.</source>
        <translation>Välj en elev för att se elevens grupper och vårdnadshavare.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="198"/>
        <source>Born {date}</source>
        <translation>Född {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="213"/>
        <source>No guardians recorded.</source>
        <translation>Inga vårdnadshavare registrerade.</translation>
    </message>
</context>
<context>
    <name>PupilTableModel</name>
    <message>
        <location filename="../../desktop/models/pupil_table_model.py" line="18"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../desktop/models/pupil_table_model.py" line="29"/>
        <source>Protected</source>
        <translation>Skyddad</translation>
    </message>
    <message>
        <location filename="../../desktop/models/pupil_table_model.py" line="34"/>
        <source>Protected identity — contact details are not shown</source>
        <translation>Skyddade personuppgifter – kontaktuppgifter visas inte</translation>
    </message>
</context>
<context>
    <name>PupilsPage</name>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="45"/>
        <source>Search by name…</source>
        <translation>Sök på namn…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="46"/>
        <source>Search pupils</source>
        <translation>Sök elever</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="59"/>
        <source>Pupils found</source>
        <translation>Hittade elever</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="89"/>
        <source>Pupils</source>
        <translation>Elever</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/pupils_page.py" line="128"/>
        <source>%n pupil(s) found</source>
        <translation>
            <numerusform>%n elev hittad</numerusform>
            <numerusform>%n elever hittade</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/pupils_page.py" line="130"/>
        <source>Type a name to find one of your pupils.</source>
        <translation>Skriv ett namn för att hitta en av dina elever.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/sync_controller.py" line="107"/>
        <source>Downloading your school data…</source>
        <extracomment>Automatic sync while online. While offline: how often to check (one small request) whether the server is back. The token was refused: the controller asks for the password again. A sync attempt ended (successfully or not); tests wait on it.</extracomment>
        <translation>Hämtar skolans uppgifter…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_controller.py" line="107"/>
        <source>Syncing…</source>
        <translation>Synkroniserar…</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="30"/>
        <source>Demo school</source>
        <translation>Demoskola</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="38"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="44"/>
        <location filename="../../desktop/status_bar.py" line="81"/>
        <source>Sync now</source>
        <translation>Synkronisera nu</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="46"/>
        <source>Get the latest data from the server (F5)</source>
        <translation>Hämta de senaste uppgifterna från servern (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="65"/>
        <source>● Online</source>
        <translation>● Ansluten</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="67"/>
        <source>● Offline</source>
        <translation>● Frånkopplad</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="69"/>
        <source>● Connecting…</source>
        <translation>● Ansluter…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/status_bar.py" line="75"/>
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n ändring väntar på att skickas</numerusform>
            <numerusform>%n ändringar väntar på att skickas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="77"/>
        <source>No unsent changes</source>
        <translation>Inga osända ändringar</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="81"/>
        <source>Log in to sync</source>
        <translation>Logga in för att synkronisera</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="87"/>
        <source>Syncing…</source>
        <translation>Synkroniserar…</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="89"/>
        <source>Log in again to sync</source>
        <translation>Logga in igen för att synkronisera</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="92"/>
        <source>Offline — not synced yet</source>
        <translation>Frånkopplad – inte synkroniserad än</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="94"/>
        <source>Offline — showing data from {when}</source>
        <translation>Frånkopplad – visar uppgifter från {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="98"/>
        <source>Couldn&apos;t sync yet</source>
        <translation>Synkroniseringen har inte lyckats än</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="100"/>
        <source>Couldn&apos;t sync — showing data from {when}</source>
        <translation>Synkroniseringen misslyckades – visar uppgifter från {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="103"/>
        <source>Not synced yet</source>
        <translation>Inte synkroniserad än</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="105"/>
        <source>Synced {when}</source>
        <translation>Synkroniserad {when}</translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="55"/>
        <source>&amp;Day</source>
        <extracomment>Saturday and Sunday get a column only in a week that has lessons on them.</extracomment>
        <translation>&amp;Dag</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="56"/>
        <source>&amp;Week</source>
        <translation>&amp;Vecka</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="67"/>
        <source>◀ Previous</source>
        <translation>◀ Föregående</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="68"/>
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="69"/>
        <source>Next ▶</source>
        <translation>Nästa ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="70"/>
        <source>Previous (Alt+Left)</source>
        <translation>Föregående (Alt+Vänsterpil)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="71"/>
        <source>Next (Alt+Right)</source>
        <translation>Nästa (Alt+Högerpil)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="72"/>
        <source>Back to today (Alt+Home)</source>
        <translation>Tillbaka till idag (Alt+Home)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="97"/>
        <source>Lessons of the day</source>
        <translation>Dagens lektioner</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="142"/>
        <source>Timetable</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="192"/>
        <source>{date} · week {week}</source>
        <translation>{date} · vecka {week}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="213"/>
        <source>Week {week} · {first} – {last}</source>
        <translation>Vecka {week} · {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/timetable_page.py" line="232"/>
        <source>Lessons on {day}</source>
        <translation>Lektioner {day}</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="53"/>
        <source>Today&apos;s lessons</source>
        <extracomment>How often the current/next marking moves on (no database work).</extracomment>
        <translation>Dagens lektioner</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="73"/>
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="83"/>
        <source>{date} · week {week}</source>
        <translation>{date} · vecka {week}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="100"/>
        <source>Your school data hasn&apos;t been downloaded yet. Klassbok does it as soon as it can reach the server.</source>
        <translation>Skolans uppgifter har inte hämtats än. Klassbok gör det så snart servern går att nå.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="104"/>
        <source>No lessons today. Enjoy the weekend!</source>
        <translation>Inga lektioner idag. Trevlig helg!</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="105"/>
        <source>You have no lessons today.</source>
        <translation>Du har inga lektioner idag.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="124"/>
        <source>Now: {lesson} until {end}</source>
        <translation>Nu: {lesson} till {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="128"/>
        <source>Next: {lesson} at {start}</source>
        <translation>Nästa: {lesson} kl. {start}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="132"/>
        <source>No more lessons today.</source>
        <translation>Inga fler lektioner idag.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="139"/>
        <source>{title} with {groups} in {room}</source>
        <translation>{title} med {groups} i {room}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/today_page.py" line="143"/>
        <source>{title} with {groups}</source>
        <translation>{title} med {groups}</translation>
    </message>
</context>
</TS>
