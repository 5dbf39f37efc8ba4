<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorMessages</name>
    <message numerus="yes">
        <location filename="../../desktop/error_messages.py" line="118"/>
        <source>Too many login attempts. Wait %n minute(s) before trying again.</source>
        <translation>
            <numerusform>Too many login attempts. Wait %n minute before trying again.</numerusform>
            <numerusform>Too many login attempts. Wait %n minutes before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message numerus="yes">
        <location filename="../../desktop/pages/groups_page.py" line="152"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/groups_page.py" line="171"/>
        <source>{group}: %n pupil(s) on {date}</source>
        <translation>
            <numerusform>{group}: %n pupil on {date}</numerusform>
            <numerusform>{group}: %n pupils on {date}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogoutDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/logout_dialog.py" line="47"/>
        <source>%n change(s) haven&apos;t reached the server yet, so the copy on this computer is kept. Sync first to remove it.</source>
        <translation>
            <numerusform>%n change hasn&apos;t reached the server yet, so the copy on this computer is kept. Sync first to remove it.</numerusform>
            <numerusform>%n changes haven&apos;t reached the server yet, so the copy on this computer is kept. Sync first to remove it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PupilsPage</name>
    <message numerus="yes">
        <location filename="../../desktop/pages/pupils_page.py" line="128"/>
        <source>%n pupil(s) found</source>
        <translation>
            <numerusform>%n pupil found</numerusform>
            <numerusform>%n pupils found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <location filename="../../desktop/status_bar.py" line="75"/>
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
</context>
</TS>
