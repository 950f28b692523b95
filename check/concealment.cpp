#include "check/concealment.h"

#include <fmt/format.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parser/words.h"
#include "report/fnv1a.h"

namespace emglint::check {

namespace {

// A message longer than this is cut: a 50 MB value must not make a 50 MB report.
constexpr std::size_t max_message_size = 1024;

std::string bounded(std::string message) {
  // Rules quote values in short; this bounds any that slipped through.
  if (message.size() > max_message_size) {
    message.replace(config::cut_at_character(message, max_message_size).size(), std::string::npos, "...");
  }
  return message;
}

// server.cfg's lines as shown. A long line is masked once: several findings
// on it, and the hashes of the findings either side, would mask a 50 MB line
// once for each. A short one is masked again each time, which costs less
// than keeping it (a million findings on a million short lines).
class ShownLines {
 public:
  explicit ShownLines(const analysis::ConfigIndex& index) : index_(index) {}

  // Valid until the next call.
  const analysis::MaskedText& at(std::size_t line) {
    if (index_.config().line_text(line).size() < long_line) {
      last_short_ = index_.shown_line(line);
      return last_short_;
    }
    auto [place, added] = long_lines_.try_emplace(line);
    if (added) place->second = index_.shown_line(line);
    return place->second;
  }

 private:
  static constexpr std::size_t long_line = 4096;
  const analysis::ConfigIndex& index_;
  std::unordered_map<std::size_t, analysis::MaskedText> long_lines_;
  analysis::MaskedText last_short_;
};

// The source line masked, and where the finding's columns are in it: a
// masked password makes the line shorter or longer than the file's.
void conceal_source_line(report::Finding& finding, const analysis::ConfigIndex& index, report::FileId config_file,
                         ShownLines& shown_lines) {
  if (finding.source_line.empty()) return;
  const analysis::MaskedText shown = finding.file == config_file && finding.span
                                         ? shown_lines.at(finding.span->line)
                                         : index.masked(finding.source_line);
  finding.source_line = shown.text;
  if (!finding.span) return;
  const report::Span& span = *finding.span;
  const std::size_t begin = span.column > 0 ? span.column - 1 : 0;
  const bool one_line = span.end_line == span.line && span.end_column > span.column;
  const std::size_t end = one_line ? span.end_column - 1 : begin + 1;
  finding.source_column = shown.shown_begin(begin) + 1;
  finding.source_end_column = shown.shown_end(end) + 1;
}

// What a fix shows: a secret of a line the fix rewrites may come back in its
// new text (EMG701 moves a PASSWORD into the ADDRESS), so those are masked
// whatever their length; its description and note quote like a message.
void conceal_fix(report::Fix& fix, const analysis::ConfigIndex& index, report::FileId config_file) {
  std::vector<std::string_view> rewritten_secrets;
  const std::string_view source = index.config().source;
  for (const report::TextEdit& edit : fix.edits) {
    if (edit.file != config_file) continue;
    for (std::size_t line = edit.span.line; line <= edit.span.end_line; ++line) {
      for (const analysis::Secret& secret : index.secrets_on(line)) {
        rewritten_secrets.push_back(source.substr(secret.begin, secret.end - secret.begin));
      }
    }
  }
  for (report::TextEdit& edit : fix.edits) {
    if (edit.shown_replacement.empty()) edit.shown_replacement = edit.replacement;
    edit.shown_replacement = index.masked_text(std::move(edit.shown_replacement));
    for (const std::string_view secret : rewritten_secrets) {
      edit.shown_replacement = analysis::masked_occurrences(std::move(edit.shown_replacement), secret, 1);
    }
  }
  fix.description = index.masked_text(std::move(fix.description));
  fix.note = index.masked_text(std::move(fix.note));
}

// Objects were unique per rule and file as the rules made them; two that
// differed only in a password may be alike once masked, and are told apart
// again as Findings::finish tells apart two alike objects.
void keep_objects_unique(std::vector<report::Finding>& findings) {
  const auto key = [](const report::Finding& finding, std::string_view object) {
    return fmt::format("{}\n{}\n{}", finding.rule->id, finding.file, object);
  };
  std::unordered_set<std::string> taken;
  for (const report::Finding& finding : findings) taken.insert(key(finding, finding.object));
  if (taken.size() == findings.size()) return;
  taken.clear();
  for (report::Finding& finding : findings) {
    std::string object = finding.object;
    for (std::size_t times = 2; taken.count(key(finding, object)) > 0; ++times) {
      object = fmt::format("{} #{}", finding.object, times);
      finding.occurrence = times;
    }
    taken.insert(key(finding, object));
    finding.object = std::move(object);
  }
}

std::string_view without_surrounding_blanks(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// The hash of the finding's line with the lines either side, each masked as
// its source line is and without surrounding blanks: a line that is moved
// keeps it, an alike line elsewhere (the same option at the top of the block)
// mostly does not.
std::uint64_t line_hash(const report::Finding& finding, const report::SourceFile& file, bool is_config,
                        const analysis::ConfigIndex& index, ShownLines& shown_lines) {
  if (!finding.span || !file.has_text) return 0;
  const std::size_t line = finding.span->line;
  std::uint64_t hash = report::fnv1a_seed;
  for (std::size_t at = line > 1 ? line - 1 : line; at <= line + 1; ++at) {
    if (is_config) {
      hash = report::fnv1a(without_surrounding_blanks(shown_lines.at(at).text), hash);
    } else {
      hash = report::fnv1a(without_surrounding_blanks(index.masked_text(std::string(file.line_text(at)))), hash);
    }
    hash = report::fnv1a("\n", hash);
  }
  return hash;
}

void conceal_all(std::vector<std::string>& texts, const analysis::ConfigIndex& index) {
  for (std::string& text : texts) text = index.masked_text(std::move(text));
}

// The phase's signs quote server.cfg: a BACKEND, a block's name.
void conceal_phase(report::PhaseDecision& phase, const analysis::ConfigIndex& index) {
  conceal_all(phase.evidence, index);
  conceal_all(phase.evidence_against, index);
  for (report::PhaseReading& reading : phase.alternatives) conceal_all(reading.evidence, index);
}

}  // namespace

void conceal_secrets(report::TargetReport& report, const analysis::ConfigIndex& index, report::FileId config_file) {
  ShownLines shown_lines(index);
  for (report::Finding& finding : report.findings) {
    finding.message = bounded(index.masked_text(std::move(finding.message)));
    conceal_source_line(finding, index, config_file, shown_lines);
    finding.object = index.masked_text(std::move(finding.object));
    if (finding.fix) conceal_fix(*finding.fix, index, config_file);
  }
  keep_objects_unique(report.findings);
  for (report::Finding& finding : report.findings) {
    finding.line_hash =
        line_hash(finding, report.files[finding.file], finding.file == config_file, index, shown_lines);
  }
  conceal_phase(report.phase, index);
  report.syntax_error = index.masked_text(std::move(report.syntax_error));
}

}  // namespace emglint::check
