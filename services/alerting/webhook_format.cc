#include "services/alerting/webhook_format.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "services/common/proto_time.h"

namespace targetwatch {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));  // UTF-8 passes through
        }
    }
  }
  return out + "\"";
}

std::string Object(const std::map<std::string, std::string>& values) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : values) {
    absl::StrAppend(&out, first ? "" : ",", Quote(k), ":", Quote(v));
    first = false;
  }
  return out + "}";
}

std::string Time(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "0001-01-01T00:00:00Z";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", FromTimestamp(t), absl::UTCTimeZone());
}

// The entries every map in `maps` has with the same value.
std::map<std::string, std::string> Common(
    const std::vector<std::map<std::string, std::string>>& maps) {
  if (maps.empty()) return {};
  std::map<std::string, std::string> common = maps[0];
  for (size_t i = 1; i < maps.size(); ++i) {
    for (auto it = common.begin(); it != common.end();) {
      auto found = maps[i].find(it->first);
      if (found == maps[i].end() || found->second != it->second) {
        it = common.erase(it);
      } else {
        ++it;
      }
    }
  }
  return common;
}

}  // namespace

std::string WebhookJson(const std::string& receiver, const std::vector<std::string>& group_by,
                        const std::vector<v1::Alert>& alerts) {
  std::vector<std::map<std::string, std::string>> labels, annotations;
  bool any_firing = false;
  std::string items;
  for (const v1::Alert& a : alerts) {
    std::map<std::string, std::string> l(a.labels().begin(), a.labels().end());
    std::map<std::string, std::string> n(a.annotations().begin(), a.annotations().end());
    bool firing = a.state() == v1::FIRING;
    any_firing = any_firing || firing;
    absl::StrAppend(&items, items.empty() ? "" : ",", "{\"status\":", Quote(firing ? "firing" : "resolved"),
                    ",\"labels\":", Object(l), ",\"annotations\":", Object(n),
                    ",\"startsAt\":", Quote(Time(a.fire_time().seconds() ? a.fire_time() : a.active_time())),
                    ",\"endsAt\":", Quote(firing ? Time({}) : Time(a.resolve_time())),
                    ",\"generatorURL\":\"\",\"fingerprint\":", Quote(a.fingerprint()), "}");
    labels.push_back(std::move(l));
    annotations.push_back(std::move(n));
  }
  std::map<std::string, std::string> common = Common(labels);
  std::map<std::string, std::string> group;
  for (const std::string& key : group_by) {
    auto it = common.find(key);
    if (it != common.end()) group[key] = it->second;
  }
  std::string group_key = "{}:{";
  bool first = true;
  for (const auto& [k, v] : group) {
    absl::StrAppend(&group_key, first ? "" : ",", k, "=", Quote(v));
    first = false;
  }
  group_key += "}";
  return absl::StrCat("{\"version\":\"4\",\"groupKey\":", Quote(group_key),
                      ",\"truncatedAlerts\":0,\"status\":", Quote(any_firing ? "firing" : "resolved"),
                      ",\"receiver\":", Quote(receiver), ",\"groupLabels\":", Object(group),
                      ",\"commonLabels\":", Object(common),
                      ",\"commonAnnotations\":", Object(Common(annotations)),
                      ",\"externalURL\":\"\",\"alerts\":[", items, "]}");
}

}  // namespace targetwatch
