# Build the Windows installer, then prove it: install silently, run the installed
# `wenqi.exe --self-test`, uninstall silently and check nothing is left. Stops on any error.
#
#   pwsh build/windows/build.ps1            (from the venv with `pip install -e ".[build]"`, NSIS 3)
#
# Outputs: build\dist\Wenqi-<version>-setup.exe and build\dist\self-test-windows.json.
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root
$Dist = "$Root\build\dist"
$Work = "$Root\build\work"

function Invoke-Checked([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $Arguments failed with exit code $LASTEXITCODE" }
}

# wenqi.exe is a windowed program: Start-Process -Wait gets its exit code; its output goes
# to the log, so the summary is read back from the JSON report.
function Invoke-SelfTest([string]$Exe, [string]$Report) {
    $env:QT_QPA_PLATFORM = "offscreen"
    $proc = Start-Process -FilePath $Exe -ArgumentList "--self-test", "--self-test-json", "`"$Report`"" `
        -Wait -PassThru -NoNewWindow
    Remove-Item Env:QT_QPA_PLATFORM
    if (Test-Path $Report) { Get-Content $Report -Encoding utf8 | Write-Host }
    if ($proc.ExitCode -ne 0) { throw "self-test of $Exe failed (exit code $($proc.ExitCode))" }
}

$Version = (& python -c "import engine; print(engine.__version__)").Trim()
$Installer = "$Dist\Wenqi-$Version-setup.exe"

Write-Host "== icons"
Invoke-Checked python @("build/make_icons.py", "$Work\icons")

Write-Host "== PyInstaller"
$env:WENQI_ICON_DIR = "$Work\icons"
Invoke-Checked python @("-m", "PyInstaller", "build/wenqi.spec", "--noconfirm", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", "$Work\pyinstaller")
Invoke-SelfTest "$Dist\wenqi\wenqi.exe" "$Dist\self-test-frozen.json"

Write-Host "== NSIS"
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
if (-not (Test-Path $makensis)) { throw "makensis not found: install NSIS 3 (choco install nsis)" }
Invoke-Checked $makensis @("/V2", "/DVERSION=$Version", "/DSRCDIR=$Dist\wenqi", "/DICON=$Work\icons\wenqi.ico",
    "/DOUTFILE=$Installer", "build\windows\wenqi.nsi")
Get-Item $Installer | Format-Table Name, Length

Write-Host "== install, self-test, uninstall"
$InstallDir = "${env:ProgramFiles}\Wenqi"
$proc = Start-Process -FilePath $Installer -ArgumentList "/S" -Wait -PassThru
if ($proc.ExitCode -ne 0) { throw "installer failed (exit code $($proc.ExitCode))" }
foreach ($path in @("$InstallDir\wenqi.exe", "$InstallDir\wenqi-cli.exe", "$InstallDir\uninstall.exe",
                    "${env:ProgramData}\Microsoft\Windows\Start Menu\Programs\Wenqi",
                    "${env:PUBLIC}\Desktop\文棋 Wenqi.lnk")) {
    if (-not (Test-Path $path)) { throw "the installer did not create $path" }
}
Invoke-SelfTest "$InstallDir\wenqi.exe" "$Dist\self-test-windows.json"
Invoke-Checked "$InstallDir\wenqi-cli.exe" @("info")

# The uninstaller copies itself to %TEMP% and returns at once: wait for the folder to go.
Start-Process -FilePath "$InstallDir\uninstall.exe" -ArgumentList "/S" -Wait
for ($i = 0; $i -lt 120 -and (Test-Path $InstallDir); $i++) { Start-Sleep -Seconds 1 }
if (Test-Path $InstallDir) { throw "uninstall left $InstallDir behind" }
if (Test-Path "${env:PUBLIC}\Desktop\文棋 Wenqi.lnk") { throw "uninstall left the desktop shortcut" }
Write-Host "OK: $Installer installs, self-tests and uninstalls"
