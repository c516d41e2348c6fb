#include "services/common/update_mask.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/field_mask_util.h"

namespace targetwatch {

using google::protobuf::FieldMask;
using google::protobuf::util::FieldMaskUtil;

absl::Status ApplyUpdateMask(const google::protobuf::Message& source,
                             const FieldMask& mask,
                             const std::set<std::string>& mutable_fields,
                             google::protobuf::Message* target) {
  FieldMask effective;
  if (mask.paths().empty()) {
    std::vector<const google::protobuf::FieldDescriptor*> fields;
    source.GetReflection()->ListFields(source, &fields);
    for (const auto* field : fields) {
      if (mutable_fields.count(field->name())) effective.add_paths(field->name());
    }
  } else {
    for (const std::string& path : mask.paths()) {
      std::string first = path.substr(0, path.find('.'));
      if (!FieldMaskUtil::GetFieldDescriptors(source.GetDescriptor(), path, nullptr)) {
        return absl::InvalidArgumentError(
            absl::StrCat("update_mask: \"", path, "\" names no field"));
      }
      if (!mutable_fields.count(first)) {
        return absl::InvalidArgumentError(
            absl::StrCat("update_mask: \"", path, "\" cannot be updated"));
      }
      effective.add_paths(path);
    }
  }
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(source, effective, options, target);
  return absl::OkStatus();
}

}  // namespace targetwatch
