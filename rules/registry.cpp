#include "rules/registry.h"

#include <array>

#include "analysis/keywords.h"
#include "rules/rule_pages.h"

namespace emglint::rules {

extern const Rule emg001_syntax_error;
extern const Rule emg002_duplicate_section;
extern const Rule emg003_duplicate_option;
extern const Rule emg004_possible_typo;
extern const Rule emg005_wrong_scope;
extern const Rule emg006_invalid_value;
extern const Rule emg007_trailing_comment;
extern const Rule emg008_keyword_case;
extern const Rule emg009_unknown_block_kind;
extern const Rule emg010_unused_suppression;
extern const Rule emg101_backend_missing;
extern const Rule emg102_backend_not_at_top;
extern const Rule emg103_backend_not_tokyocabinet;
extern const Rule emg104_backend_still_set;
extern const Rule emg110_phase_evidence_conflict;
extern const Rule emg201_dlr_to_same_ip_too_early;
extern const Rule emg202_dlr_to_same_ip_in_general;
extern const Rule emg301_old_version_copy_missing;
extern const Rule emg302_new_version_copy_missing;
extern const Rule emg303_version_name_mismatch;
extern const Rule emg304_mixed_builds;
extern const Rule emg305_malformed_versioned_name;
extern const Rule emg306_remaining_binaries_missing;
extern const Rule emg307_binary_not_executable;
extern const Rule emg308_running_binary_unpreserved;
extern const Rule emg309_versioned_copy_not_a_file;
extern const Rule emg401_tool_not_symlink;
extern const Rule emg402_symlink_dangling;
extern const Rule emg403_symlink_wrong_version;
extern const Rule emg404_symlink_leaves_bin;
extern const Rule emg405_symlink_loop;
extern const Rule emg406_links_to_mixed_builds;
extern const Rule emg407_tool_missing;
extern const Rule emg501_open_files_too_low;
extern const Rule emg502_open_files_unknown;
extern const Rule emg503_instances_in_database;
extern const Rule emg601_rc_local_ulimit_missing;
extern const Rule emg602_rc_local_ulimit_after_watchdog;
extern const Rule emg603_rc_local_watchdog_missing;
extern const Rule emg604_rc_local_unusable;
extern const Rule emg605_rc_local_ulimit_not_inherited;
extern const Rule emg606_rc_local_ulimit_invalid;
extern const Rule emg701_db_legacy_form;
extern const Rule emg702_db_address_malformed;
extern const Rule emg703_db_address_too_early;
extern const Rule emg704_db_mixed_forms;
extern const Rule emg705_dbprofile_undefined;
extern const Rule emg801_log_errors_since_start;
extern const Rule emg802_leveldb_before_commit;
extern const Rule emg803_running_emgd_mismatch;
extern const Rule emg804_emgd_not_running;
extern const Rule emg805_watchdog_not_running;
extern const Rule emg901_owned_by_root;
extern const Rule emg902_secrets_readable;

namespace {

const std::array catalog = {
    &emg001_syntax_error,
    &emg002_duplicate_section,
    &emg003_duplicate_option,
    &emg004_possible_typo,
    &emg005_wrong_scope,
    &emg006_invalid_value,
    &emg007_trailing_comment,
    &emg008_keyword_case,
    &emg009_unknown_block_kind,
    &emg010_unused_suppression,
    &emg101_backend_missing,
    &emg102_backend_not_at_top,
    &emg103_backend_not_tokyocabinet,
    &emg104_backend_still_set,
    &emg110_phase_evidence_conflict,
    &emg201_dlr_to_same_ip_too_early,
    &emg202_dlr_to_same_ip_in_general,
    &emg301_old_version_copy_missing,
    &emg302_new_version_copy_missing,
    &emg303_version_name_mismatch,
    &emg304_mixed_builds,
    &emg305_malformed_versioned_name,
    &emg306_remaining_binaries_missing,
    &emg307_binary_not_executable,
    &emg308_running_binary_unpreserved,
    &emg309_versioned_copy_not_a_file,
    &emg401_tool_not_symlink,
    &emg402_symlink_dangling,
    &emg403_symlink_wrong_version,
    &emg404_symlink_leaves_bin,
    &emg405_symlink_loop,
    &emg406_links_to_mixed_builds,
    &emg407_tool_missing,
    &emg501_open_files_too_low,
    &emg502_open_files_unknown,
    &emg503_instances_in_database,
    &emg601_rc_local_ulimit_missing,
    &emg602_rc_local_ulimit_after_watchdog,
    &emg603_rc_local_watchdog_missing,
    &emg604_rc_local_unusable,
    &emg605_rc_local_ulimit_not_inherited,
    &emg606_rc_local_ulimit_invalid,
    &emg701_db_legacy_form,
    &emg702_db_address_malformed,
    &emg703_db_address_too_early,
    &emg704_db_mixed_forms,
    &emg705_dbprofile_undefined,
    &emg801_log_errors_since_start,
    &emg802_leveldb_before_commit,
    &emg803_running_emgd_mismatch,
    &emg804_emgd_not_running,
    &emg805_watchdog_not_running,
    &emg901_owned_by_root,
    &emg902_secrets_readable,
};

}  // namespace

std::span<const Rule* const> all_rules() { return catalog; }

const Rule* find_rule(std::string_view id) {
  for (const Rule* rule : catalog) {
    if (analysis::iequals(rule->info.id, id)) return rule;
  }
  return nullptr;
}

std::string_view page_of(std::string_view id) {
  for (const RulePage& page : rule_pages()) {
    if (analysis::iequals(page.id, id)) return page.markdown;
  }
  return {};
}

}  // namespace emglint::rules
