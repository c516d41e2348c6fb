#include "services/tables/text_norm.h"

#include <cctype>
#include <cstdint>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace targetwatch::tables {
namespace {

// Decodes one code point at text[*i] and advances *i; invalid bytes are
// returned as themselves so that nothing is lost.
uint32_t NextCodePoint(absl::string_view text, size_t* i) {
  unsigned char c = static_cast<unsigned char>(text[*i]);
  int extra;
  if (c < 0x80) {
    extra = 0;
  } else if ((c >> 5) == 0x6) {
    extra = 1;
  } else if ((c >> 4) == 0xE) {
    extra = 2;
  } else if ((c >> 3) == 0x1E) {
    extra = 3;
  } else {
    ++*i;
    return c;
  }
  if (*i + extra >= text.size()) {
    ++*i;
    return c;
  }
  uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(text[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsSpaceCodePoint(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' ||
         cp == '\f' || cp == 0x3000 || cp == 0xA0;
}

}  // namespace

std::string NormalizeWidth(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(text, &i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFEE0));
    } else if (cp == 0x3000 || cp == 0xA0) {
      out.push_back(' ');
    } else if (cp == 0x2267) {  // ≧
      AppendUtf8(0x2265, &out);
    } else if (cp == 0x2266) {  // ≦
      AppendUtf8(0x2264, &out);
    } else if (cp == 0x2550) {  // ═
      out.push_back('=');
    } else {
      out.append(text.data() + start, i - start);
    }
  }
  return out;
}

absl::string_view TrimText(absl::string_view text) {
  // Leading: decode forward.
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsSpaceCodePoint(NextCodePoint(text, &next))) break;
    begin = next;
  }
  size_t end = text.size();
  while (end > begin) {
    // Step back to the start of the last code point.
    size_t start = end - 1;
    while (start > begin &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    size_t next = start;
    if (!IsSpaceCodePoint(NextCodePoint(text, &next))) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::vector<std::string> SplitTabbedCells(absl::string_view line) {
  // An HTML tag (<p ...>, </p>, <br/>) becomes a tab. Only '<' followed by
  // a letter or '/' starts one, so a target "<5%" stays as it is.
  std::string text;
  bool had_tags = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '<' && i + 1 < line.size() &&
        (std::isalpha(static_cast<unsigned char>(line[i + 1])) ||
         line[i + 1] == '/')) {
      size_t close = line.find('>', i);
      if (close != absl::string_view::npos) {
        text.push_back('\t');
        had_tags = true;
        i = close;
        continue;
      }
    }
    text.push_back(line[i]);
  }
  std::vector<std::string> cells;
  for (absl::string_view raw : absl::StrSplit(text, '\t')) {
    std::string cell(TrimText(absl::StrReplaceAll(
        raw, {{"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})));
    // Tabs' empty cells carry column positions; tags' carry nothing.
    if (had_tags && cell.empty()) continue;
    cells.push_back(std::move(cell));
  }
  return cells;
}

std::vector<std::string> SplitSpacedCells(absl::string_view line) {
  std::vector<std::string> cells;
  std::string cell;
  size_t i = 0;
  while (i < line.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(line, &i);
    if (IsSpaceCodePoint(cp)) {
      if (!cell.empty()) cells.push_back(std::move(cell));
      cell.clear();
    } else {
      cell.append(line.data() + start, i - start);
    }
  }
  if (!cell.empty()) cells.push_back(std::move(cell));
  return cells;
}

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace targetwatch::tables
