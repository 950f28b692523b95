// The one place secrets leave a target's report: every string of a finding
// (message, source line, object, fix description and note, the text a fix
// shows) and the phase's evidence pass through here once complete, so that no
// password of server.cfg is printed, whichever rule quoted it, and when.
#pragma once

#include "analysis/config_index.h"
#include "report/report.h"

namespace emglint::check {

// Masks every secret of `index`'s config in `report`, then cuts what is too
// long (only masked text is cut: a password cut in two would no longer be
// found). A fix's edits keep their real text, which --fix writes; what they
// show is masked.
void conceal_secrets(report::TargetReport& report, const analysis::ConfigIndex& index, report::FileId config_file);

}  // namespace emglint::check
