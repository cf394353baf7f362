// Peer benchmark: time ioc-extractor (npm, v8) on one text file.
//
// Usage: node peer_ioc_extractor.mjs FILE
// Prints {"seconds": S, "count": N}: S covers only the extractIOC(text) call
// (not node start-up, module loading or file reading); N sums the lengths of
// all arrays in the returned object (the package de-duplicates values).
//
// The package must be resolvable from this file's folder, so
// peer_ioc_extractor.sh copies this script next to its node_modules.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { extractIOC } from "ioc-extractor";

const file = process.argv[2];
if (!file || file === "--help" || file === "-h") {
  console.error("usage: node peer_ioc_extractor.mjs FILE");
  process.exit(file ? 0 : 2);
}

const text = readFileSync(file, "utf8");
const start = performance.now();
const result = extractIOC(text);
const seconds = (performance.now() - start) / 1000;

let count = 0;
for (const value of Object.values(result)) {
  if (Array.isArray(value)) count += value.length;
}
console.log(JSON.stringify({ seconds, count }));
