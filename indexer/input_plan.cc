// @brief Inputs to files: folder walks and formats by extension.
#include "indexer/input_plan.h"

#include <algorithm>
#include <filesystem>

#include "schema/errors.h"

namespace hqa {
namespace fs = std::filesystem;
namespace {

InputFormat format_of_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".txt" || ext == ".page") return InputFormat::kPage;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonl;
  if (ext == ".xml") return InputFormat::kMedquad;
  return InputFormat::kAuto;
}

// The files under `folder`, hidden ones and hidden folders left out, in a stable order.
void plan_folder(const std::string& folder, InputFormat format, InputPlan& plan) {
  std::vector<fs::path> found;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) found.push_back(it->path());
  }
  if (error) {
    plan.problems.push_back({{folder, 0, "", "cannot read folder: " + error.message()},
                             absolute_path(folder)});  // prunes nothing under it
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& file : found) {
    InputFormat file_format = format_of_extension(file);
    if (file_format == InputFormat::kAuto ||
        (format != InputFormat::kAuto && file_format != format)) {
      ++plan.ignored_files;
      continue;
    }
    plan.files.push_back({file.string(), file_format});
  }
}

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "page") return InputFormat::kPage;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "medquad") return InputFormat::kMedquad;
  throw InvalidInput("unknown format '" + name + "' (page, jsonl, medquad or auto)");
}

void plan_input(const std::string& input, InputFormat format, InputPlan& plan) {
  if (input == "-") {
    plan.files.push_back({"-", InputFormat::kJsonl});
    return;
  }
  std::error_code error;
  fs::file_status status = fs::status(input, error);
  if (!fs::exists(status)) {
    plan.problems.push_back({{input, 0, "", "no such file or folder"}, ""});
    return;
  }
  if (fs::is_directory(status)) {
    plan_folder(input, format, plan);
    return;
  }
  if (format == InputFormat::kAuto) format = format_of_extension(input);
  if (format == InputFormat::kAuto) {
    plan.problems.push_back(
        {{input, 0, "", "unknown input format (name it .txt, .jsonl or .xml, or pass --format)"},
         ""});
    return;
  }
  plan.files.push_back({input, format});
}

std::string absolute_path(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  return (error ? fs::path(path) : absolute).lexically_normal().string();
}

bool is_under(const std::string& path, const std::string& root) {
  if (path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

}  // namespace hqa
