@echo off
rem Runs the gosetup command line, building gosetup-cli\target\gosetup.jar first when it is missing.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%gosetup-cli\target\gosetup.jar"
if not exist "%JAR%" (
  echo gosetup: building the command line ^(first run, about a minute^)... 1>&2
  call "%HERE%mvnw.cmd" -q -B -f "%HERE%pom.xml" -pl gosetup-cli -am -DskipTests package 1>&2
  if errorlevel 1 (
    echo gosetup: the build failed; run "%HERE%mvnw.cmd" -pl gosetup-cli -am package to see why 1>&2
    exit /b 1
  )
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
