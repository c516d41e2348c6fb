#ifndef TARGETWATCH_SERVICES_REGISTRY_CHILD_RESOURCES_H_
#define TARGETWATCH_SERVICES_REGISTRY_CHILD_RESOURCES_H_

// Indicators and milestones live inside their project's document: one set
// of Get / List / Create / Update / Delete for both, told apart by traits.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/registry/registry_validation.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

template <typename T>
struct ChildTraits;

template <>
struct ChildTraits<v1::Indicator> {
  static constexpr char kCollection[] = "indicators";
  static constexpr char kField[] = "indicator";
  static constexpr char kPattern[] = "projects/*/indicators/*";
  static const std::set<std::string>& Mutable() {
    static const auto* fields = new std::set<std::string>{
        "level1", "level2", "title", "target", "weight", "cumulative"};
    return *fields;
  }
  static const std::set<std::string>& Filters() {
    static const auto* fields = new std::set<std::string>{"level1", "level2"};
    return *fields;
  }
  static std::string FilterValue(const v1::Indicator& i, const std::string& field) {
    return field == "level1" ? i.level1() : i.level2();
  }
  static google::protobuf::RepeatedPtrField<v1::Indicator>* Of(v1::Project& p) {
    return p.mutable_indicators();
  }
  // Types the target from its raw text, too.
  static absl::Status Prepare(v1::Indicator& i) { return ValidateAndTypeIndicator(i, kField); }
  // A deleted indicator no longer judges a monitored service.
  static void OnDelete(v1::Project& p, const std::string& name) {
    auto* services = p.mutable_monitored_services();
    for (int k = services->size() - 1; k >= 0; --k) {
      if (services->Get(k).indicator() == name) services->erase(services->begin() + k);
    }
  }
};

template <>
struct ChildTraits<v1::Milestone> {
  static constexpr char kCollection[] = "milestones";
  static constexpr char kField[] = "milestone";
  static constexpr char kPattern[] = "projects/*/milestones/*";
  static const std::set<std::string>& Mutable() {
    static const auto* fields =
        new std::set<std::string>{"title", "due_date", "done_date", "district"};
    return *fields;
  }
  static const std::set<std::string>& Filters() {
    static const auto* fields = new std::set<std::string>{"district"};
    return *fields;
  }
  static std::string FilterValue(const v1::Milestone& m, const std::string&) {
    return m.district();
  }
  static google::protobuf::RepeatedPtrField<v1::Milestone>* Of(v1::Project& p) {
    return p.mutable_milestones();
  }
  // Created or edited by a person: no longer the table's proposal.
  static absl::Status Prepare(v1::Milestone& m) {
    m.set_inferred(false);
    return ValidateMilestone(m, kField);
  }
  static void OnDelete(v1::Project&, const std::string&) {}
};

template <typename T>
T* FindChild(google::protobuf::RepeatedPtrField<T>* children, const std::string& name) {
  for (T& child : *children) {
    if (child.name() == name) return &child;
  }
  return nullptr;
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_CHILD_RESOURCES_H_
