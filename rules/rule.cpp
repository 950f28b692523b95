#include "rules/rule.h"

#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>

namespace emglint::rules {

Findings::Findings(const RuleInfo& rule, const CheckContext& context, report::FileTable& files,
                   std::vector<Finding>& out)
    : rule_(rule), context_(context), files_(files), out_(out), first_(out.size()) {}

FileId Findings::file_of(std::string path) {
  if (auto found = files_.find(path)) return *found;
  // A path no file of the check was read from: bin/emgd, /proc/4242/limits.
  report::SourceFile file;
  file.inside_target = !path.starts_with('/');
  if (file.inside_target) {
    // An installation's paths are relative to the directory that holds server.cfg.
    const auto beside = [&](const std::string& config_path) {
      const auto slash = config_path.rfind('/');
      return slash == std::string::npos ? path : config_path.substr(0, slash + 1) + path;
    };
    file.display = beside(files_[context_.config_file].display);
    file.in_root = beside(files_[context_.config_file].in_root);
  } else {
    file.display = path;
    file.in_root = path;
  }
  file.in_target = std::move(path);
  return files_.add(std::move(file));
}

std::string Findings::object_in(FileId file, std::optional<Span> span, std::string_view source_line) const {
  const report::SourceFile& source = files_[file];
  if (!span) return source.in_target;
  if (file == context_.config_file) return context_.analysis.index.object_at(span->line);
  const std::string name =
      source.inside_target ? source.in_target : std::filesystem::path(source.in_target).filename().string();
  // A log keeps only the lines a rule quotes: the file table has no text of it.
  // Masked before it is cut: a password cut in two could no longer be found.
  const auto& index = context_.analysis.index;
  std::string text = analysis::object_text(
      index.masked_text(std::string(source.has_text ? source.line_text(span->line) : source_line)));
  // A boot script's line is about its command (`rc.local/ulimit`), whatever its arguments.
  if (file == context_.rc_local_file) text = text.substr(0, text.find_first_of(" \t"));
  return fmt::format("{}/{}", name, text);
}

FindingHandle Findings::add(FileId file, std::optional<Span> span, std::string message, std::string source_line) {
  // Kept as the rule wrote it: check::conceal_secrets masks every string of
  // the finding once it is complete, whatever a rule quoted or set later.
  Finding finding{.rule = &rule_,
                  .severity = rule_.severity,
                  .file = file,
                  .span = span,
                  .object = {},
                  .message = std::move(message),
                  .fix = std::nullopt,
                  .source_line = std::move(source_line),
                  .suppression = std::nullopt};
  // A finding an inline suppression silences is kept, marked, and counts
  // towards no bound: the bound is on what is reported, and EMG010 must see
  // every finding a suppression silenced to call none of them unused.
  if (file == context_.config_file) {
    const std::optional<std::size_t> line = span ? std::optional(span->line) : std::nullopt;
    if (const auto* suppression = context_.analysis.inline_suppressions.silencing(rule_.id, line)) {
      finding.suppression = report::Suppression{
          .kind = report::Suppression::Kind::inline_comment, .reason = suppression->reason, .expires = {}};
      finding.object = object_in(file, span, finding.source_line);
      out_.push_back(std::move(finding));
      return {out_, out_.size() - 1};
    }
  }
  const std::size_t bound = context_.settings.max_findings;
  if (bound != 0 && kept_[file] >= bound) {
    auto& [count, last] = left_out_[file];
    ++count;
    last = std::move(finding);
    return FindingHandle(last);
  }
  ++kept_[file];
  finding.object = object_in(file, span, finding.source_line);
  out_.push_back(std::move(finding));
  return {out_, out_.size() - 1};
}

FindingHandle Findings::report(const Span& span, std::string message) {
  return add(context_.config_file, span, std::move(message), std::string(context_.config.line_text(span.line)));
}

FindingHandle Findings::report_path(std::string path, std::string message) {
  return add(file_of(std::move(path)), std::nullopt, std::move(message), {});
}

FindingHandle Findings::report_path(FileId file, std::string message) {
  return add(file, std::nullopt, std::move(message), {});
}

FindingHandle Findings::report_in(std::string path, const Span& span, std::string message, std::string source_line) {
  return add(file_of(std::move(path)), span, std::move(message), std::move(source_line));
}

void Findings::count_left_out(const Span& span, std::size_t count) {
  if (count == 0) return;
  auto& [left_out, last] = left_out_[context_.config_file];
  if (left_out == 0 || !last.span || last.span->line <= span.line) {
    last = Finding{.rule = &rule_, .severity = rule_.severity, .file = context_.config_file, .span = span};
    last.source_line = context_.config.line_text(span.line);
  }
  left_out += count;
}

void Findings::finish() {
  // Two findings about one object (two `ulimit` lines alike) still differ.
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = first_; i < out_.size(); ++i) {
    Finding& finding = out_[i];
    const std::size_t times = ++seen[fmt::format("{}\n{}", finding.file, finding.object)];
    if (times > 1) finding.object += fmt::format(" #{}", times);
    finding.occurrence = times;
  }
  for (auto& [file, entry] : left_out_) {
    auto& [count, last] = entry;
    const std::size_t bound = context_.settings.max_findings;
    last.message =
        fmt::format("{} more {} finding{} in this file {} not shown{}", count, rule_.id, count == 1 ? "" : "s",
                    count == 1 ? "is" : "are", bound != 0 ? fmt::format(" (--max-findings {})", bound) : "");
    last.object = "more";
    last.fix.reset();
    out_.push_back(std::move(last));
  }
  left_out_.clear();
}

}  // namespace emglint::rules
