; tools/installer/khuyenhoc.nsi — the Windows installer of Sổ Khuyến Học,
; built on Linux by tools/dist.sh with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DSTAGE=/path/to/files -DOUTFILE=/path/setup.exe khuyenhoc.nsi
; STAGE (tools/installer/stage.sh) holds khuyenhoc.exe, khuyenhoc-cli.exe,
; icon.ico, units-LICENSE.txt and DOC-TOI.txt.
;
; - Installs for the current user (no administrator rights: in
;   %LOCALAPPDATA%\Programs\SoKhuyenHoc) or, for an administrator who chooses
;   it, for all users (in Program Files). Silent: /S [/CurrentUser|/AllUsers] [/D=DIR].
; - Start-menu and desktop shortcuts, in Vietnamese.
; - .khb (a bundle) and .khkey (a unit's key file) open in the app.
; - Refuses Windows older than 10, and 32-bit Windows, saying why in
;   Vietnamese: Go 1.21 and later, which the app is built with, need
;   Windows 10 (ProcessPrng in bcryptprimitives.dll). Exit code 3.
; - The uninstaller keeps the data folder (%APPDATA%\khuyenhoc: the database,
;   its copies, the logs) unless asked (a box on its page; /REMOVEDATA silent).

Unicode true
ManifestSupportedOS all
ManifestDPIAware true

; The installer shipped is a 32-bit program, so that on 32-bit Windows too it
; starts and says in Vietnamese why it stops. tools/winetest.sh builds the
; same script for amd64 (-DTARGET=amd64-unicode -DCOMPRESSOR=zlib), which
; Debian's 64-bit-only Wine can run, to install and uninstall it for real.
!ifdef TARGET
  Target ${TARGET}
!endif
!ifdef COMPRESSOR
  SetCompressor ${COMPRESSOR}
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "VERSION is not defined (-DVERSION=…)"
!endif
!ifndef STAGE
  !error "STAGE is not defined (-DSTAGE=folder of the files to install)"
!endif
!ifndef OUTFILE
  !define OUTFILE "khuyenhoc-${VERSION}-windows-amd64-setup.exe"
!endif

!define APPNAME "Sổ Khuyến Học"
!define APPKEY "SoKhuyenHoc"
!define PUBLISHER "Hội Khuyến học"
!define REGKEY "Software\${APPKEY}"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define DATADIR "khuyenhoc" ; under %APPDATA%, where os.UserConfigDir() puts it

Name "${APPNAME}"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
Caption "Cài đặt ${APPNAME} ${VERSION}"

; Versions of the installer file itself (its Properties → Details)
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APPNAME}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

; Per user by default; an administrator may choose all users.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INIT_TEXT_ALLUSERSNOTPOSSIBLE "Tài khoản này không có quyền quản trị nên không cài cho mọi người dùng được. Hãy chọn cài cho riêng bạn."
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh
!include FileFunc.nsh

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APPNAME} ${VERSION} lên máy này.$\r$\n$\r$\nCần Windows 10 trở lên (64-bit) và card đồ họa có OpenGL 2.1.$\r$\n$\r$\nDữ liệu của đơn vị nằm trong thư mục %APPDATA%\${DATADIR}; gỡ cài đặt không xóa thư mục đó trừ khi bạn chọn.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\khuyenhoc.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APPNAME} ngay"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_TEXT_TOP "Chương trình sẽ được gỡ khỏi máy. Dữ liệu của đơn vị (cơ sở dữ liệu, bản sao lưu, nhật ký) được giữ lại, trừ khi bạn đánh dấu ô dưới đây."
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; The shortcuts' names.
!define LNK_APP "${APPNAME}.lnk"
!define LNK_UNINST "Gỡ cài đặt ${APPNAME}.lnk"

; refuseOldWindows ends the installer, with a message saying why, on
; Windows older than 10 and on 32-bit Windows.
!macro refuseOldWindows
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} cần Windows 10 trở lên.$\r$\n$\r$\nMáy này chạy một phiên bản Windows cũ hơn (Windows 7, 8 hoặc 8.1): chương trình được viết bằng Go, và từ bản Go 1.21 các chương trình Go chỉ chạy trên Windows 10 trở lên (chúng cần hàm ProcessPrng của Windows 10). Trên máy cũ, chương trình sẽ tắt ngay mà không báo gì, nên việc cài đặt dừng ở đây.$\r$\n$\r$\nHãy cài trên một máy Windows 10 hoặc Windows 11 (64-bit)." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} cần Windows 64-bit.$\r$\n$\r$\nMáy này chạy Windows 32-bit, không chạy được chương trình 64-bit, nên việc cài đặt dừng ở đây. Hãy cài trên một máy Windows 10 hoặc Windows 11 bản 64-bit." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
!macroend

Function .onInit
  !insertmacro refuseOldWindows
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

; associate EXT PROGID DESCRIPTION: SHCTX\Software\Classes, which is the
; user's own classes for a per-user install.
!macro associate EXT PROGID DESC
  WriteRegStr SHCTX "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "${DESC}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\khuyenhoc.exe,0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\khuyenhoc.exe" "%1"'
!macroend

!macro unassociate EXT PROGID
  ReadRegStr $0 SHCTX "Software\Classes\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\${EXT}"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
!macroend

Section "-Chương trình" SecApp
  SetOutPath "$INSTDIR"
  File "${STAGE}\khuyenhoc.exe"
  File "${STAGE}\khuyenhoc-cli.exe"
  File "${STAGE}\icon.ico"
  File "${STAGE}\units-LICENSE.txt"
  File "${STAGE}\DOC-TOI.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr SHCTX "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${REGKEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${REGKEY}" "Version" "${VERSION}"

  ; Apps & features (Add or remove programs)
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\khuyenhoc.exe,0"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" $0

  ; Shortcuts
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${LNK_APP}" "$INSTDIR\khuyenhoc.exe" "" "$INSTDIR\khuyenhoc.exe" 0 SW_SHOWNORMAL "" "Sổ sách khuyến học: công dân học tập, TTHTCĐ, khen thưởng, quỹ"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${LNK_UNINST}" "$INSTDIR\uninstall.exe" "/$MultiUser.InstallMode"
  CreateShortcut "$DESKTOP\${LNK_APP}" "$INSTDIR\khuyenhoc.exe" "" "$INSTDIR\khuyenhoc.exe" 0 SW_SHOWNORMAL "" "Sổ sách khuyến học"

  ; File associations: a double-click opens the app with the file.
  !insertmacro associate ".khb" "${APPKEY}.Bundle" "Gói dữ liệu Sổ Khuyến Học"
  !insertmacro associate ".khkey" "${APPKEY}.Key" "Tệp khóa đơn vị Sổ Khuyến Học"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED
SectionEnd


Section "un.Chương trình" SecUnApp
  SectionIn RO
  Delete "$INSTDIR\khuyenhoc.exe"
  Delete "$INSTDIR\khuyenhoc-cli.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\units-LICENSE.txt"
  Delete "$INSTDIR\DOC-TOI.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${LNK_APP}"
  Delete "$SMPROGRAMS\${APPNAME}\${LNK_UNINST}"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${LNK_APP}"
  !insertmacro unassociate ".khb" "${APPKEY}.Bundle"
  !insertmacro unassociate ".khkey" "${APPKEY}.Key"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "${REGKEY}"
SectionEnd

; Unticked unless asked: the database of the user running the uninstaller,
; its copies and its logs.
Section /o "un.Xóa cả dữ liệu của đơn vị (%APPDATA%\${DATADIR}: cơ sở dữ liệu, bản sao lưu, nhật ký)" SecData
  SetShellVarContext current
  RMDir /r "$APPDATA\${DATADIR}"
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
