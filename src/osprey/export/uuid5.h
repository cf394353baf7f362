// Name-based UUIDs (RFC 9562 version 5, SHA-1) for deterministic export ids:
// the same finding exported twice gets the same id, in every format.
#pragma once

#include <string>
#include <string_view>

namespace osprey::exporting {

// The namespace STIX 2.1 (section 2.9) prescribes for cyber-observable ids.
inline constexpr std::string_view kStixScoNamespace = "00abedb4-aa42-466c-9c01-fed23315a9b7";

// Osprey's own namespace for SDO, SRO, report and MISP uuids, derived once as
// uuid5(NAMESPACE_URL, "https://osprey.invalid/export") and fixed forever:
// changing it would change every exported id.
inline constexpr std::string_view kOspreyNamespace = "fc99075b-13cc-5271-a368-050de3e49945";

// The lower-case, hyphenated UUIDv5 of `name` in `namespace_uuid` (itself a
// hyphenated UUID string; a malformed namespace counts as the nil UUID).
std::string uuid5(std::string_view namespace_uuid, std::string_view name);

// "<type>--<uuid5(kOspreyNamespace, key)>": ids for Osprey's SDOs and SROs.
std::string osprey_stix_id(std::string_view type, std::string_view key);

}  // namespace osprey::exporting
