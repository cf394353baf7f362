#include "osprey/kb/notice.h"

namespace osprey::kb {
namespace {

constexpr std::string_view kHead = R"(# Knowledge base: sources and licences

These files are facts (names, aliases, identifiers, countries, technique and
tactic links, `uses` and overlap relations) derived by `osprey kb build` from
the public data below. They hold no description text and no references.
Osprey's own hand-written tables (`osprey:*` sources: demonyms, capital and
seat-of-government metonyms, common country names, sector and region
phrasings) are part of Osprey and under its licence.

)";

constexpr std::string_view kLicences = R"(
## Licences

* **MISP galaxy** (`misp:*` sources) — the repository's `LICENSE.md`
  dual-licenses all galaxy JSON under CC0 1.0 or the BSD 2-Clause licence;
  Osprey takes the CC0 option and credits the MISP project and the galaxy
  authors anyway.
  Some clusters are compiled from third-party data whose own terms may bind
  redistributors:
  * `misp:country` derives from GeoNames (geonames.org), licensed under
    Creative Commons Attribution 4.0 (CC BY 4.0): country names and codes
    here are from GeoNames.
  * `misp:malpedia` derives from Malpedia (Fraunhofer FKIE), whose site
    content is CC BY-NC-SA 3.0. Only family names and synonyms are taken
    here; treat redistribution for commercial purposes as needing review.
  * `misp:tidal-*` derive from the Tidal Cyber community API, whose terms are
    not stated upstream; only names and ATT&CK ids are taken.
  * `misp:mitre-*` mirror MITRE ATT&CK: the ATT&CK licence below applies.
* **MITRE ATT&CK** (`attack:*` sources), reproduced as its licence requires:

```
ATT&CK®
===========================
License
-------
The MITRE Corporation (MITRE) hereby grants you a non-exclusive, royalty-free license to use ATT&CK® for research,
development, and commercial purposes. Any copy you make for such purposes is authorized provided that you reproduce
MITRE's copyright designation and this license in any such copy.

"© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation."

Disclaimers
-----------
MITRE does not claim ATT&CK enumerates all possibilities for the types of actions and behaviors documented as part
of its adversary model and framework of techniques. Using the information contained within ATT&CK to address or
cover full categories of techniques will not guarantee full defensive coverage as there may be undisclosed techniques
or variations on existing techniques not documented by ATT&CK.

ALL DOCUMENTS AND THE INFORMATION CONTAINED THEREIN ARE PROVIDED ON AN "AS IS" BASIS AND THE CONTRIBUTOR, THE
ORGANIZATION HE/SHE REPRESENTS OR IS SPONSORED BY (IF ANY), THE MITRE CORPORATION, ITS BOARD OF TRUSTEES, OFFICERS,
AGENTS, AND EMPLOYEES, DISCLAIM ALL WARRANTIES, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO ANY WARRANTY THAT THE
USE OF THE INFORMATION THEREIN WILL NOT INFRINGE ANY RIGHTS OR ANY IMPLIED WARRANTIES OF MERCHANTABILITY OR FITNESS
FOR A PARTICULAR PURPOSE.
```
)";

std::string cell(const std::string& text) {
  return text.empty() ? "—" : text;
}

}  // namespace

std::string notice_text(const Manifest& manifest) {
  std::string out(kHead);
  out += "Built " + cell(manifest.built) + ".\n\n";
  out += "| source | file | version | upstream commit | records |\n";
  out += "|---|---|---|---|---|\n";
  for (const SourceInfo& s : manifest.sources) {
    std::string upstream;
    if (s.name.rfind("attack:", 0) == 0) upstream = "mitre/cti ";
    if (s.name.rfind("misp:", 0) == 0) upstream = "MISP/misp-galaxy ";
    out += "| `" + s.name + "` | " + cell(s.file) + " | " + cell(s.version) + " | " +
           (s.commit.empty() ? "—" : upstream + s.commit) + " | " + std::to_string(s.records) +
           " |\n";
  }
  out += kLicences;
  return out;
}

}  // namespace osprey::kb
