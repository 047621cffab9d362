// The engine demo: an M/M/c contact centre simulated with replications, printed beside
// Erlang C, which is exact for it. Replaced as the main job by `fccsim run` once the contact
// centre model lands.

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "model/erlang.h"
#include "model/mmc_queue.h"
#include "sim/confidence_interval.h"
#include "sim/tally.h"

namespace {

void Usage() {
  std::fprintf(stderr,
               "usage: fccsim_mmc_demo [--servers N] [--calls-per-hour X] [--handle-s S]\n"
               "                       [--hours H] [--replications R] [--seed S]\n"
               "Simulates an M/M/c queue and prints it beside Erlang C.\n");
}

bool ParseDouble(const char* s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s, &end);
  return end != s && *end == '\0';
}

std::string Cell(const std::optional<fccsim::sim::ConfidenceInterval>& ci, double scale,
                 const char* fmt) {
  if (!ci) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, ci->mean * scale, ci->half_width * scale);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fccsim;
  model::MmcParams p;
  p.servers = 50;
  double calls_per_hour = 675.0;  // 45 Erlangs at a 240 s mean handling time
  p.mean_handle_s = 240.0;
  double hours = 24.0;
  double replications = 10, seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      Usage();
      return 0;
    }
    double value = 0;
    if (i + 1 >= argc || !ParseDouble(argv[i + 1], &value)) {
      std::fprintf(stderr, "fccsim_mmc_demo: %s needs a number\n", flag.c_str());
      Usage();
      return 2;
    }
    ++i;
    if (flag == "--servers") p.servers = static_cast<int>(value);
    else if (flag == "--calls-per-hour") calls_per_hour = value;
    else if (flag == "--handle-s") p.mean_handle_s = value;
    else if (flag == "--hours") hours = value;
    else if (flag == "--replications") replications = value;
    else if (flag == "--seed") seed = value;
    else {
      std::fprintf(stderr, "fccsim_mmc_demo: unknown flag %s\n", flag.c_str());
      Usage();
      return 2;
    }
  }
  if (p.servers < 1 || !(calls_per_hour > 0) || !(p.mean_handle_s > 0) || !(hours > 0) ||
      replications < 1 || seed < 0) {
    std::fprintf(stderr, "fccsim_mmc_demo: every value must be positive\n");
    return 2;
  }
  p.arrival_rate_per_s = calls_per_hour / 3600.0;
  p.warm_up_s = 3600.0;
  p.horizon_s = p.warm_up_s + hours * 3600.0;

  sim::Tally p_wait, asa, sl20, occupancy;
  for (std::uint64_t r = 0; r < static_cast<std::uint64_t>(replications); ++r) {
    const model::MmcReplication rep = model::SimulateMmc(p, static_cast<std::uint64_t>(seed), r);
    p_wait.Add(static_cast<double>(rep.waited) / static_cast<double>(rep.offered));
    asa.Add(rep.wait_s.Mean());
    sl20.Add(rep.wait_ticks.FractionAtMost(20'000'000));
    occupancy.Add(rep.occupancy);
  }
  const double a = p.arrival_rate_per_s * p.mean_handle_s;
  std::printf("M/M/%d: %.1f calls/h, mean handling %.0f s (%.2f Erlangs), %.0f h x %d replications\n",
              p.servers, calls_per_hour, p.mean_handle_s, a, hours, static_cast<int>(replications));
  std::printf("%-22s %-22s %s\n", "measure", "simulated (95% CI)", "Erlang C");
  std::printf("%-22s %-22s %.4f\n", "P(wait > 0)",
              Cell(sim::StudentTInterval(p_wait), 1, "%.4f +- %.4f").c_str(),
              model::ErlangC(p.servers, a));
  std::printf("%-22s %-22s %.2f\n", "ASA (s)", Cell(sim::StudentTInterval(asa), 1, "%.2f +- %.2f").c_str(),
              model::ErlangCAsa(p.servers, p.arrival_rate_per_s, p.mean_handle_s));
  std::printf("%-22s %-22s %.2f\n", "answered in 20 s (%)",
              Cell(sim::StudentTInterval(sl20), 100, "%.2f +- %.2f").c_str(),
              100 * model::ErlangCServiceLevel(p.servers, p.arrival_rate_per_s, p.mean_handle_s, 20));
  std::printf("%-22s %-22s %.2f\n", "occupancy (%)",
              Cell(sim::StudentTInterval(occupancy), 100, "%.2f +- %.2f").c_str(),
              100 * model::ErlangCOccupancy(p.servers, p.arrival_rate_per_s, p.mean_handle_s));
  return 0;
}
