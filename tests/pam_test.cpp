// PAM's files as emglint reads them (service files of /etc/pam.d, limits.conf)
// and what they mean for a watchdog started through `su`: pam_limits in the
// session stack, the `nofile` lines that apply, and pam_limits' precedence.
#include <catch2/catch.hpp>

#include "analysis/open_files.h"
#include "analysis/pam_limits.h"
#include "analysis/rc_local_analysis.h"
#include "parser/pam_config.h"
#include "parser/rc_local.h"

using namespace emglint;
using Verdict = analysis::WatchdogPamLimits::Verdict;

namespace {

inspect::PamServiceFile service(const std::string& name, const std::string& text) {
  return {.path = "/etc/pam.d/" + name, .exists = true, .read_error = {}, .entries = pam::parse_service(text)};
}

inspect::LimitsFile limits(const std::string& path, const std::string& text) {
  return {.path = path, .exists = true, .read_error = {}, .entries = pam::parse_limits(text)};
}

// Debian 12's su: pam_limits on, su-l taking su's session lines.
inspect::PamLimitsFacts debian(const std::string& limits_conf,
                               const std::string& su_limits_line = "session    required   pam_limits.so\n") {
  inspect::PamLimitsFacts facts;
  facts.pam_dir = "/etc/pam.d";
  facts.services["su"] =
      service("su", "auth sufficient pam_rootok.so\n" + su_limits_line + "@include common-session\n");
  facts.services["su-l"] =
      service("su-l", "auth include su\nsession optional pam_keyinit.so force revoke\nsession include su\n");
  facts.services["common-session"] = service("common-session", "session required pam_unix.so\n");
  facts.limits_conf = limits("/etc/security/limits.conf", limits_conf);
  facts.limits_d = "/etc/security/limits.d";
  return facts;
}

struct Watchdog {
  rclocal::RcLocalModel model;
  analysis::RcLocalAnalysis rc_local;
  explicit Watchdog(std::string script)
      : model(rclocal::parse_rc_local(std::move(script))),
        rc_local(analysis::analyze_rc_local(model, "emg_watchdog")) {}
};

const Watchdog login_su("#!/bin/sh\nulimit -n 4096\nsu - emg -c 'perl emg_watchdog.pl &'\n");

analysis::WatchdogPamLimits decided(const inspect::PamLimitsFacts& facts, const Watchdog& watchdog = login_su,
                                    const inspect::UserAccount* account = nullptr) {
  auto result = analysis::watchdog_pam_limits(facts, watchdog.model, watchdog.rc_local, account);
  REQUIRE(result.has_value());
  return *result;
}

}  // namespace

TEST_CASE("PAM service files: modules, includes, brackets, continuations and comments") {
  const auto entries = pam::parse_service(
      "#%PAM-1.0\n"
      "auth\t[success=1 default=ignore]\tpam_unix.so nullok\n"
      "-session   optional   /lib/x86_64-linux-gnu/security/pam_systemd.so\n"
      "SESSION    Required   pam_limits.so \\\n"
      "    set_all # a comment\n"
      "# session required pam_mkhomedir.so\n"
      "session include system-auth\n"
      "@include common-session\n"
      "session\n");
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].control == "[success=1 default=ignore]");
  CHECK(entries[0].target == "pam_unix.so");
  CHECK(entries[1].type == "session");
  CHECK(entries[1].module_name() == "pam_systemd.so");
  CHECK(entries[2].line == 4);
  CHECK(entries[2].module_name() == "pam_limits.so");
  CHECK(entries[2].arguments == std::vector<std::string>{"set_all"});
  CHECK(entries[3].kind == pam::ServiceEntry::Kind::include);
  CHECK(entries[3].includes_type("session"));
  CHECK_FALSE(entries[3].includes_type("auth"));
  CHECK(entries[4].kind == pam::ServiceEntry::Kind::include);
  CHECK(entries[4].target == "common-session");
  CHECK(entries[4].includes_type("auth"));
}

TEST_CASE("limits.conf lines: four fields, an exemption, comments, case") {
  const auto entries = pam::parse_limits(
      "# <domain> <type> <item> <value>\n"
      "*\tsoft\tNOFILE\t4096 # raised\n"
      "@emg  -  nofile  Unlimited\n"
      "emg -\n"
      "broken line\n");
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].line == 2);
  CHECK(entries[0].item == "nofile");
  CHECK(entries[0].value == "4096");
  CHECK(entries[1].domain == "@emg");
  CHECK(entries[1].value == "unlimited");
  CHECK(entries[2].exemption);
}

TEST_CASE("su's user is its first operand after the options") {
  const auto user_of = [](const std::string& line) {
    const auto model = rclocal::parse_rc_local(line + "\n");
    REQUIRE_FALSE(model.commands.empty());
    REQUIRE(rclocal::is_su(model.commands[0]));
    return rclocal::su_user(model.commands[0]);
  };
  CHECK(user_of("su - emg -c 'x'") == "emg");
  CHECK(user_of("/bin/su -s /bin/sh -l emg -c 'x'") == "emg");
  CHECK(user_of("su -c 'x' emg") == "emg");
  CHECK(user_of("su --shell=/bin/bash --login emg -c x") == "emg");
  CHECK(user_of("su -lc 'x'") == "root");
  CHECK(user_of("su -- emg -c x") == "emg");
}

TEST_CASE("pam_limits sets the soft limit of the most specific line, the later of equals") {
  auto facts = debian("* soft nofile 1024\n@admins soft nofile 9999\nemg soft nofile 2048\n");
  facts.limits_d_files.push_back(limits("/etc/security/limits.d/10-emg.conf", "emg soft nofile 4096\n"));
  facts.limits_d_files.push_back(limits("/etc/security/limits.d/20-all.conf", "* soft nofile 65536\n"));
  const inspect::UserAccount emg{.uid = 1000, .name = "emg", .gid = 1000, .group_ids = {1000}, .group_names = {"emg"}};
  const auto result = decided(facts, login_su, &emg);
  CHECK(result.verdict == Verdict::sets);
  CHECK(result.user == "emg");
  CHECK(result.login);
  CHECK(result.service == "/etc/pam.d/su-l");
  CHECK(result.pam_limits == "/etc/pam.d/su:2");
  REQUIRE(result.effective_soft());
  CHECK(result.effective_soft()->limit == 4096);
  CHECK(result.effective_soft()->where == "/etc/security/limits.d/10-emg.conf:1");
}

TEST_CASE("a hard limit lowers the soft one; a group line counts for members only") {
  auto facts = debian("@emg - nofile 8192\n@admins hard nofile 512\n*    hard nofile 4096\n");
  const inspect::UserAccount member{
      .uid = 1000, .name = "emg", .gid = 1000, .group_ids = {1000}, .group_names = {"emg"}};
  auto result = decided(facts, login_su, &member);
  REQUIRE(result.effective_soft());
  CHECK(result.effective_soft()->limit == 8192);  // the group's hard 8192 outranks `*`'s 4096
  // The groups of another user than the installation's owner are not known.
  const inspect::UserAccount other{.uid = 1001, .name = "other", .gid = 1001, .group_ids = {}, .group_names = {}};
  result = decided(facts, login_su, &other);
  CHECK(result.verdict == Verdict::unknown);
  CHECK(result.why_unknown.find("/etc/security/limits.conf:1") != std::string::npos);
  // A user's own line decides whatever the groups, and its hard limit lowers its soft one.
  facts = debian("@emg soft nofile 8192\nemg soft nofile 2048\nemg hard nofile 1024\n");
  result = decided(facts);
  CHECK(result.verdict == Verdict::sets);
  REQUIRE(result.effective_soft());
  CHECK(result.effective_soft()->limit == 1024);
  CHECK(result.effective_soft()->where == "/etc/security/limits.conf:3");
  // Where the user's lines leave the hard limit open, a group's line may still set it.
  result = decided(debian("@emg hard nofile 512\nemg soft nofile 2048\n"));
  CHECK(result.verdict == Verdict::unknown);
}

TEST_CASE("without a nofile line, an exemption or pam_limits, PAM's part is said as it is") {
  CHECK(decided(debian("* soft nproc 100\n")).verdict == Verdict::no_nofile_line);
  const auto set_all = decided(debian("", "session required pam_limits.so set_all\n"));
  CHECK(set_all.verdict == Verdict::no_nofile_line);
  CHECK(set_all.set_all);
  CHECK(decided(debian("* soft nofile 1024\nemg -\n")).verdict == Verdict::exempt);
  CHECK(decided(debian("emg soft nofile 2048\n", "#session required pam_limits.so\n")).verdict ==
        Verdict::no_pam_limits);
  const auto other_file = decided(debian("", "session required pam_limits.so conf=/etc/emg-limits.conf\n"));
  CHECK(other_file.verdict == Verdict::unknown);
}

TEST_CASE("what cannot be read leaves PAM's part unknown") {
  auto facts = debian("emg soft nofile 2048\n");
  facts.services["common-session"] = {
      .path = "/etc/pam.d/common-session", .exists = false, .read_error = {}, .entries = {}};
  // pam_limits stands before the missing include: it runs whatever that holds.
  CHECK(decided(facts).verdict == Verdict::sets);
  facts = debian("emg soft nofile 2048\n", "");
  facts.services["common-session"].exists = false;
  const auto missing = decided(facts);
  CHECK(missing.verdict == Verdict::unknown);
  CHECK(missing.why_unknown == "/etc/pam.d/common-session does not exist");
  facts = debian("");
  facts.limits_conf.read_error = "Permission denied";
  CHECK(decided(facts).verdict == Verdict::unknown);
  // No su-l: `su -` opens su's session.
  facts = debian("emg soft nofile 2048\n");
  facts.services["su-l"] = {.path = "/etc/pam.d/su-l", .exists = false, .read_error = {}, .entries = {}};
  const auto fallback = decided(facts);
  CHECK(fallback.verdict == Verdict::sets);
  CHECK(fallback.service == "/etc/pam.d/su");
}

TEST_CASE("a plain su opens su's session, and no su none at all") {
  const Watchdog plain("#!/bin/sh\nulimit -n 4096\nsu emg -c 'perl emg_watchdog.pl &'\n");
  const auto result = decided(debian("emg soft nofile 2048\n"), plain);
  CHECK_FALSE(result.login);
  CHECK(result.service == "/etc/pam.d/su");
  const Watchdog direct("#!/bin/sh\nulimit -n 4096\nperl emg_watchdog.pl &\n");
  CHECK_FALSE(analysis::watchdog_pam_limits(debian(""), direct.model, direct.rc_local, nullptr).has_value());
}

TEST_CASE("the limit PAM sets is an open-files source unless the ulimit runs after it") {
  const auto pam = decided(debian("emg soft nofile 2048\nemg hard nofile 8192\n"));
  const analysis::CheckSettings settings;
  inspect::RcLocalFacts rc_local;
  rc_local.path = "/etc/rc.local";
  rc_local.exists = true;
  rc_local.model = login_su.model;
  auto limits = analysis::open_files_limits(settings, nullptr, &rc_local, &login_su.rc_local, &pam);
  REQUIRE(limits.size() == 2);
  CHECK(limits[1].source == analysis::OpenFilesLimit::Source::pam);
  CHECK(limits[1].limit == 2048);
  CHECK(limits[1].where == "/etc/security/limits.conf:1");
  CHECK(limits[1].file == "/etc/security/limits.conf");

  // Inside the watchdog's own su, the ulimit comes after PAM: only PAM's hard limit still binds.
  const Watchdog inside("#!/bin/sh\nsu - emg -c 'ulimit -n 4096; perl emg_watchdog.pl &'\n");
  rc_local.model = inside.model;
  limits = analysis::open_files_limits(settings, nullptr, &rc_local, &inside.rc_local, &pam);
  REQUIRE(limits.size() == 2);
  CHECK(limits[1].limit == 8192);
  CHECK(limits[1].where == "/etc/security/limits.conf:2");
}
