// Runs Mozilla Readability (with jsdom) over HTML files and reports pages/s.
// usage: node readability_peer.mjs FILE...   (module paths resolved from NODE_PATH dir)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.PEER_DIR + "/node_modules/");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const files = process.argv.slice(2);
const quiet = new VirtualConsole();
let chars = 0;
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
for (const file of files) {
  const html = readFileSync(file, "utf8");
  const dom = new JSDOM(html, { url: "https://example.com/", virtualConsole: quiet });
  const article = new Readability(dom.window.document).parse();
  chars += article && article.textContent ? article.textContent.length : 0;
  dom.window.close();
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`readability: ${files.length} pages, CPU ${cpuSeconds.toFixed(2)} s = ` +
            `${(files.length / cpuSeconds).toFixed(1)} pages/s (wall ${seconds.toFixed(2)} s; ` +
            `${chars} chars extracted)`);
