@echo off
rem Runs the gosetup command line. Builds gosetup-cli\target\gosetup.jar through the Maven Wrapper
rem first when it is missing or older than the sources, as the sh launcher does, so a fresh clone
rem works with no other step.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%gosetup-cli\target\gosetup.jar"
set "STALE=1"
rem Any main source or build file newer than the jar means the jar no longer matches the checkout:
rem the root pom.xml, gosetup-*\pom.xml and everything under gosetup-*\src\main (the files the sh
rem launcher's find looks at). cmd cannot compare file times, so Windows PowerShell does; the paths
rem reach it through the environment, never pasted into the command. Exit 0 means up to date; any
rem other status (stale, or PowerShell missing or failing) rebuilds, the safe side.
if exist "%JAR%" (
  powershell -NoProfile -NonInteractive -Command "$jar = (Get-Item -LiteralPath $env:JAR).LastWriteTimeUtc; $files = @(Get-Item -LiteralPath (Join-Path $env:HERE 'pom.xml')); foreach ($m in Get-ChildItem -LiteralPath $env:HERE -Directory -Filter 'gosetup-*') { $files += @(Get-ChildItem -LiteralPath $m.FullName -File -Filter 'pom.xml'); $src = Join-Path $m.FullName 'src\main'; if (Test-Path -LiteralPath $src) { $files += @(Get-ChildItem -LiteralPath $src -File -Recurse) } }; if (@($files | Where-Object { $_.LastWriteTimeUtc -gt $jar }).Count -gt 0) { exit 1 }; exit 0" >nul 2>&1
  if not errorlevel 1 set "STALE="
)
if defined STALE (
  echo gosetup: building the command line ^(first run, about a minute^)... 1>&2
  call "%HERE%mvnw.cmd" -q -B -f "%HERE%pom.xml" -pl gosetup-cli -am -DskipTests -Dmaven.javadoc.skip package 1>&2
  if errorlevel 1 (
    echo gosetup: the build failed; run "%HERE%mvnw.cmd" -pl gosetup-cli -am package to see why 1>&2
    exit /b 1
  )
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
