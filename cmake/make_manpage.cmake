# Writes emglint.1 from the program's own --help texts, so the manual page
# never disagrees with the options the binary takes.
#   cmake -DEMGLINT=path/to/emglint -DVERSION=x.y.z -DOUTPUT=emglint.1 -P make_manpage.cmake
foreach(command "--help" "check;--help" "plan;--help" "merge;--help" "rules;--help" "explain;--help")
  execute_process(COMMAND ${EMGLINT} ${command} OUTPUT_VARIABLE text RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${EMGLINT} ${command} failed")
  endif()
  # roff reads a leading dot or quote as a request, and a backslash as an escape.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(REPLACE ";" " " shown "${command}")
  string(APPEND body ".SS \"emglint ${shown}\"\n.nf\n${text}.fi\n")
endforeach()
file(WRITE ${OUTPUT} ".TH EMGLINT 1 \"\" \"emglint ${VERSION}\" \"User Commands\"
.SH NAME
emglint \\- check an EMG installation or its server.cfg against the 7.1 to 7.2 upgrade
.SH SYNOPSIS
.B emglint check
[\\fIOPTIONS\\fR] [\\fIPATH\\fR...]
.br
.B emglint plan
[\\fIOPTIONS\\fR] [\\fIPATH\\fR]
.br
.B emglint merge
[\\fIOPTIONS\\fR] \\fIREPORT\\fR...
.br
.B emglint rules
[\\fB\\-\\-format json\\fR]
.br
.B emglint explain
\\fIID\\fR|\\fINAME\\fR
.SH DESCRIPTION
emglint checks an installation of the Enterprise Messaging Gateway (a directory
holding server.cfg, bin/, log/ and spool/), a lone config file, or a repository
of config files against the phase of the upgrade from EMG 7.1 to 7.2, and can
fix what it finds. \\fBemglint plan\\fR shows which steps of the upgrade are
done and what to type for the next. \\fBemglint merge\\fR combines the reports that
\\fBemglint check \\-\\-host\\fR \\fINAME\\fR wrote on several hosts into one. Each rule's page is in /usr/share/doc/emglint/rules and is
printed by \\fBemglint explain ID\\fR or by its name.
.SH EXIT STATUS
0: no finding at or above \\-\\-fail\\-on; 1: at least one; 2: a usage error, an
unreadable PATH or output, or an internal error; for merge also a host whose
report is unusable or missing. For plan: 0 when no step emglint sees is left
to do, 1 when one is.
.SH OPTIONS
${body}")
