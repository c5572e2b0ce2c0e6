; Inno Setup 6 script for Kemitraan Desktop.
; Build on Windows after `pyinstaller installer\kemitraan.spec` (see .github/workflows/windows.yml):
;   iscc /DAppVersion=0.1.0 installer\windows\kemitraan.iss
; The version comes from pyproject.toml (the workflow reads it and passes /DAppVersion).
;
; Per-user install without administrator rights (PrivilegesRequired=lowest): an office
; operator can install it on a PC whose admin password sits with the IT office. The
; uninstaller removes the program only; the user's data folder
; (%LOCALAPPDATA%\Kemitraan, with kemitraan.db, its backups and logs) is kept.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Kemitraan Desktop"
#define AppExe "KemitraanDesktop.exe"
#define BundleDir "..\..\dist\Kemitraan"

[Setup]
AppId={{6F1C2B0E-4D7A-4C55-9E1B-2A9B7C3D5E61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kemitraan Desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and 11 (64-bit) only.
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=Kemitraan-Desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\kemitraan.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
; Inno Setup ships Indonesian only as an unofficial translation, not in its installer;
; the workflow fetches it (pinned) next to this script before compiling.
Name: "indonesian"; MessagesFile: "Indonesian.isl"

[Tasks]
Name: "desktopicon"; Description: "Buat pintasan di Desktop"; GroupDescription: "Pintasan tambahan:"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{#AppName} (data demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{group}\Copot {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Jalankan {#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself leaves in its own folder; never {localappdata}\Kemitraan (the data folder).
Type: filesandordirs; Name: "{app}\__pycache__"

[Messages]
indonesian.FinishedLabel=Instalasi {#AppName} selesai. Data Anda tersimpan di %LOCALAPPDATA%\Kemitraan dan tidak ikut terhapus bila program dicopot.
