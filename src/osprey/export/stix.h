// STIX 2.1 export: one bundle with an Osprey identity as creator, a report
// per story, the entities (intrusion sets, malware, tools, techniques,
// vulnerabilities, locations, sectors, organisations), indicators with their
// cyber observables, and relationships carrying Osprey's confidence and the
// evidence sentence.
//
// Ids are deterministic. Cyber observables use the spec's UUIDv5 rule
// (kStixScoNamespace over the canonical JSON of the id contributing
// properties); every other object uses UUIDv5 in kOspreyNamespace (uuid5.h)
// over an Osprey key: "intrusion-set|<kb entity id>", "indicator|<type>|<value>",
// "relationship|<source id>|<type>|<target id>", "report|story|<id>".
// Every SDO and SRO is stamped created = modified = ExportSet::generated_at, so
// the same input and generated_at give the same bytes.
//
// Crypto wallets: STIX 2.1 has no wallet object. Osprey emits the
// `cryptocurrency-wallet` SCO (the form OpenCTI and others read: a `value`
// property, plus our `currency` ticker) declared as a new SCO by an
// extension-definition object in the bundle (kWalletExtensionId), with
// indicator patterns "[cryptocurrency-wallet:value = '…']".
#pragma once

#include <string>
#include <string_view>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// The extension-definition that declares the cryptocurrency-wallet SCO.
std::string wallet_extension_id();

// A STIX pattern string literal: the value in single quotes with backslash
// and single quote escaped by a backslash (STIX 2.1 patterning, 9.2).
std::string stix_quote(std::string_view value);

// The STIX pattern for an observable of a registry type ("ipv4", "sha256" …),
// e.g. "[ipv4-addr:value = '198.51.100.3']"; empty when the type has no
// pattern (cve, ATT&CK ids …).
std::string stix_pattern(std::string_view type, std::string_view value);

// "<sco type>--<uuid5>" for an observable, by the spec's rules; empty when the
// type has no cyber-observable object.
std::string stix_sco_id(std::string_view type, std::string_view value);

// The bundle as JSON text (2-space indented, fixed key order).
std::string to_stix_bundle(const ExportSet& set, const ExportOptions& options);

}  // namespace osprey::exporting
