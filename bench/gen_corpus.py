#!/usr/bin/env python3
"""Generate a synthetic English security-news corpus for benchmarking Osprey.

The text mixes vendor-report phrasing, news phrasing and plain prose. On
average it carries about one indicator per kilobyte (IPv4, domain, URL, email,
MD5/SHA-1/SHA-256, CVE, file name, registry key; some of them defanged) and
about one "trap" per kilobyte (version numbers, decimals, times, dates) that an
extractor should not report. Output is deterministic for a given seed.

Usage: gen_corpus.py [--mb N] [--seed S] -o FILE
"""

import argparse
import random
import sys

# ---------------------------------------------------------------- vocabulary

ADJ = ("Crimson", "Silent", "Velvet", "Iron", "Amber", "Hollow", "Frozen", "Copper",
       "Midnight", "Scarlet", "Granite", "Emerald", "Obsidian", "Pale", "Rusty",
       "Golden", "Shadow", "Broken", "Quiet", "Wandering", "Electric", "Cobalt")
NOUN = ("Lantern", "Heron", "Typhoon", "Badger", "Spider", "Mantis", "Falcon",
        "Orchid", "Harbor", "Comet", "Jackal", "Tempest", "Kettle", "Lynx",
        "Raven", "Glacier", "Viper", "Willow", "Anchor", "Beacon", "Monsoon")
MALWARE_A = ("Dark", "Quick", "Snow", "Ghost", "Black", "Night", "Sly", "Hex",
             "Zero", "Grim", "Echo", "Pixel", "Mirror", "Bit", "Cold", "Red")
MALWARE_B = ("Loader", "Stealer", "Rat", "Gate", "Crypt", "Drop", "Worm", "Bot",
             "Lock", "Door", "Shell", "Hook", "Miner", "Spy", "Wiper", "Agent")
VENDOR_A = ("Blue Harbor", "Northgate", "Sable", "Kestrel", "Lighthouse", "Ridgeway",
            "Cinder", "Polaris", "Tidewater", "Ironbark", "Meridian", "Foxglove")
VENDOR_B = ("Security", "Labs", "Threat Intelligence", "Research", "Cyber",
            "Networks", "Defense", "Analytics")
SECTOR = ("healthcare", "financial services", "manufacturing", "education",
          "government", "energy", "retail", "telecommunications", "logistics",
          "legal", "hospitality", "defense contracting", "water utilities",
          "insurance", "media", "pharmaceutical", "aviation")
REGION = ("Eastern Europe", "Southeast Asia", "Latin America", "the Middle East",
          "North America", "Western Europe", "East Africa", "Central Asia",
          "the Nordic countries", "the Gulf region", "South America", "Oceania")
CITY = ("LONDON", "SINGAPORE", "TORONTO", "BERLIN", "TOKYO", "SAN FRANCISCO",
        "SYDNEY", "PARIS", "SEOUL", "AMSTERDAM", "WASHINGTON", "TEL AVIV")
MONTH = ("January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December")
WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PRODUCT = ("VPN appliance", "file transfer server", "email gateway", "web portal",
           "remote desktop gateway", "content management system", "print server",
           "backup console", "firewall management interface", "helpdesk platform",
           "identity provider", "load balancer", "collaboration suite")
TECHNIQUE = ("spear-phishing", "password spraying", "DLL side-loading",
             "living-off-the-land binaries", "credential dumping", "token theft",
             "malicious macros", "drive-by downloads", "SEO poisoning",
             "watering-hole attacks", "supply-chain compromise", "MFA fatigue",
             "scheduled tasks", "WMI persistence", "reflective loading")
VERB_OBS = ("observed", "identified", "tracked", "detected", "documented",
            "attributed", "linked", "analyzed", "uncovered", "flagged")
PERSON = ("Maria Okafor", "Daniel Reyes", "Priya Nair", "Tomas Lindqvist",
          "Aiko Tanaka", "Samuel Brandt", "Lena Kowalski", "Omar Haddad",
          "Grace Whitfield", "Jonas Meyer", "Ines Carvalho", "Kwame Mensah")
ROLE = ("principal researcher", "head of threat intelligence", "incident responder",
        "chief information security officer", "malware analyst",
        "senior detection engineer", "vice president of research")
WORDS = ("update", "secure", "portal", "cdn", "login", "cloud", "sync", "mail",
         "office", "support", "invoice", "static", "api", "files", "account",
         "verify", "service", "docs", "share", "auth", "news", "media", "track",
         "data", "edge", "host", "panel", "app", "store", "micro", "net", "web")
TLD = ("com", "net", "org", "info", "ru", "top", "xyz", "io", "biz", "cc",
       "online", "site", "club", "pw", "su", "live", "co", "me", "cn", "de")
FILE_BASE = ("invoice", "update", "setup", "report", "payload", "svchost32",
             "msedge_helper", "readme", "loader", "runtime", "winlogon_x64",
             "chrome_patch", "document", "scan", "order_details", "resume",
             "wsus_agent", "taskhostw", "java_update", "driver", "plugin")
FILE_EXT = ("exe", "dll", "ps1", "vbs", "js", "hta", "lnk", "docm", "xlsm", "bat",
            "scr", "zip", "iso", "msi", "jar", "one", "rar", "sys", "py")
REG_ROOT = ("HKLM", "HKCU", "HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER")
REG_PATH = (r"Software\Microsoft\Windows\CurrentVersion\Run",
            r"Software\Microsoft\Windows\CurrentVersion\RunOnce",
            r"SYSTEM\CurrentControlSet\Services",
            r"Software\Microsoft\Windows NT\CurrentVersion\Winlogon",
            r"Software\Classes\CLSID",
            r"Software\Microsoft\Office\16.0\Word\Security",
            r"Software\Policies\Microsoft\Windows Defender")
USER = ("admin", "billing", "support", "j.smith", "hr-team", "noreply", "it.help",
        "payroll", "security", "ceo.office", "accounts", "m.garcia", "sales")
PATH_SEG = ("wp-content", "uploads", "images", "api", "v2", "gate", "panel",
            "static", "js", "download", "files", "tmp", "cdn", "assets", "dl")


def fictional_vendor(r):
    return r.choice(VENDOR_A) + " " + r.choice(VENDOR_B)


# ------------------------------------------------------------------ templates
# Slots are filled lazily by Filler; {x} is the indicator or trap.

PROSE = (
    "Researchers at {vendor} said the campaign has been active since {month} {year}.",
    "The group, which {vendor} tracks as {actor}, has historically targeted {sector} organizations in {region}.",
    "{actor} relies heavily on {technique} to gain an initial foothold.",
    "According to the report, the operators moved laterally within hours of the first compromise.",
    "Victims were mostly small and medium-sized businesses with limited security staff.",
    "\"We have not seen this level of operational discipline from a financially motivated group before,\" said {person}, {role} at {vendor}.",
    "The advisory urges administrators to patch internet-facing systems and to review authentication logs.",
    "It is not yet clear how many organizations were affected.",
    "{malware} is distributed as a service on underground forums, where access is sold for a monthly fee.",
    "Analysts believe the intrusion set overlaps with earlier activity attributed to {actor}.",
    "The attackers disabled endpoint protection before deploying {malware} across the network.",
    "Law enforcement agencies in several countries coordinated the takedown on {weekday}.",
    "{vendor} published detection rules alongside its findings.",
    "In several cases the threat actor exfiltrated data before encrypting file shares.",
    "The malware checks the system language and exits if it finds a keyboard layout from the region it avoids.",
    "Security teams should treat any unexpected outbound connection from the {product} as suspicious.",
    "The company said it had notified affected customers and engaged an outside forensic firm.",
    "Phishing lures referenced unpaid invoices, shipping delays and payroll changes.",
    "Once installed, {malware} collects browser credentials, session cookies and cryptocurrency wallets.",
    "The vulnerability in the {product} allows an unauthenticated attacker to execute arbitrary code.",
    "{person}, {role} at {vendor}, described the activity as opportunistic rather than targeted.",
    "The breach was disclosed in a regulatory filing late on {weekday}.",
    "Shares of the company fell after the disclosure, although trading later recovered.",
    "The agency's guidance stops short of naming the country believed to be behind the attacks.",
    "Investigators found that the attackers had access to the network for several months.",
    "The toolkit includes a keylogger, a screen-capture module and a reverse proxy.",
    "{malware} injects itself into a legitimate process and communicates over HTTPS.",
    "The phishing kit supports more than a dozen brands and bypasses some forms of two-factor authentication.",
    "Cloud storage accounts were used to stage data before it left the network.",
    "{vendor} warned that copycat campaigns are likely now that the technique is public.",
    "None of the affected hospitals reported an impact on patient care, officials said.",
    "The exploit requires no user interaction, which makes it attractive to ransomware affiliates.",
    "The group's tooling has changed little since it was first documented.",
    "A proof-of-concept exploit was published on a code-sharing site two days after the patch.",
    "Interviews with affected staff suggest the initial email arrived on a {weekday} morning.",
    "The campaign coincided with a spike in credential phishing aimed at {sector} firms.",
    "{vendor} {verb} the same infrastructure being reused across at least three campaigns.",
    "Some of the stolen data later appeared on a leak site operated by the group.",
    "The loader uses {technique} and a layer of string encryption to frustrate analysis.",
    "Defenders in {sector} were advised to hunt for persistence mechanisms created in the last thirty days.",
    "The ransom note instructs victims to contact the operators through a chat portal.",
    "Officials declined to say whether any ransom had been paid.",
    "The researchers cautioned that attribution remains tentative.",
    "Several of the compromised hosts were running software that had reached end of life.",
    "The second stage is only delivered to machines that pass a series of anti-sandbox checks.",
    "Telemetry from {vendor} shows a sharp rise in activity during the first week of {month}.",
    "{actor} appears to be adapting quickly to public reporting about its tools.",
    "A spokesperson for the agency said the investigation is ongoing.",
    "The intrusion began with a single compromised contractor account.",
    "Users were tricked into running a script that they believed would fix a display error.",
    "The operators rotated their infrastructure every few days to evade blocklists.",
    "Command-and-control traffic was disguised as ordinary web browsing.",
    "Backups stored on the same domain were deleted before the encryption stage.",
    "The report recommends enforcing multi-factor authentication for all remote access.",
    "Smaller organizations in {region} have been hit hardest, the researchers said.",
)

IOC_GENERIC = (
    "Defenders should search their logs for {x}.",
    "The indicator {x} appeared in multiple unrelated incidents.",
    "{vendor} listed {x} among the indicators of compromise.",
    "One of the samples referenced {x}, which had not been reported before.",
    "Network defenders are encouraged to block {x} at the perimeter.",
    "Among the artifacts recovered was {x}.",
    "The indicator ({x}) was shared with industry partners on {weekday}.",
    "Analysts first saw {x} during the second phase of the intrusion.",
    "Hunting queries published by {vendor} look for {x} in proxy and endpoint logs.",
    "Incident responders found references to {x} in memory dumps from two servers.",
)

IOC_BY_TYPE = {
    "ipv4": (
        "The implant beaconed to {x} over TCP port {port}.",
        "Outbound connections to {x} were recorded shortly after the macro executed.",
        "The server at {x} hosted the second-stage payload for roughly two weeks.",
        "Login attempts originated from {x}, an address previously tied to {actor}.",
    ),
    "domain": (
        "The malware resolved {x} to locate its command-and-control server.",
        "Victims were redirected to {x}, a lookalike of a legitimate login page.",
        "The operators registered {x} just days before the campaign started.",
        "DNS queries for {x} should be treated as a sign of compromise.",
    ),
    "url": (
        "The lure document downloaded its payload from {x} when opened.",
        "A PowerShell one-liner fetched the next stage from {x}.",
        "The phishing email contained a link to {x}.",
        "Stolen data was posted to {x} in compressed archives.",
    ),
    "email": (
        "The messages were sent from {x} and spoofed a known supplier.",
        "Ransom negotiations took place through {x}.",
        "The domain was registered using the address {x}.",
    ),
    "md5": (
        "The dropper has the MD5 hash {x}.",
        "A variant with MD5 {x} was uploaded to a public sandbox from {region}.",
    ),
    "sha1": (
        "The signed driver (SHA-1 {x}) was abused to terminate security processes.",
        "Its SHA1 is {x}.",
    ),
    "sha256": (
        "The final payload has the SHA-256 hash {x}.",
        "The sample analyzed by {vendor} (SHA256: {x}) was compiled in {month}.",
    ),
    "cve": (
        "The attackers exploited {x}, a flaw in the {product}.",
        "Patches for {x} have been available since {month} {year}.",
        "{x} is being exploited in the wild, the advisory warned.",
    ),
    "file": (
        "The infection chain ends with a file named {x} in the user's temp folder.",
        "A scheduled task launches {x} every time the user logs on.",
        "The archive contained a single executable, {x}, disguised as a document.",
    ),
    "registry": (
        "Persistence is achieved by writing a value under {x}.",
        "The malware modifies {x} to disable security notifications.",
        "Responders found an unexpected entry at {x} on every infected host.",
    ),
}

TRAP = (
    "The flaw affects version {ver} and earlier releases.",
    "Customers running build {ver} should upgrade immediately.",
    "The first alert fired at {time} UTC on {weekday}.",
    "Ransom demands averaged {dec} million dollars, up from {dec} million last year.",
    "The vendor released version {ver} to address the issue.",
    "Detection rates improved by {dec} percent over the quarter.",
    "The exploit succeeded in {dec}% of test runs against firmware {ver}.",
    "The report, dated {date}, covers activity through {time} local time.",
    "The compromised package was downloaded {n} times before its removal.",
    "Patch {ver} was rolled out to {dec} percent of devices by {time}.",
    "Attackers remained undetected for an average of {days} days, or about {dec} months.",
    "The campaign peaked between {time} and {time} on weekdays.",
    "Sensor {ver} reported the first anomaly, according to the timeline.",
    "The archive expands to {dec} GB on disk.",
)

HEADINGS = ("Background", "Technical analysis", "Initial access", "Persistence",
            "Command and control", "Impact", "Mitigation", "Timeline",
            "Attribution", "Indicators of compromise", "Recommendations")
DATELINE = "{city} ({month} {day}) - "


class Filler(dict):
    """Mapping for str.format_map that invents slot values on demand."""

    def __init__(self, r, x=""):
        super().__init__(x=x)
        self.r = r

    def __missing__(self, key):
        r = self.r
        if key == "vendor":
            return fictional_vendor(r)
        if key == "actor":
            return r.choice(ADJ) + " " + r.choice(NOUN)
        if key == "malware":
            return r.choice(MALWARE_A) + r.choice(MALWARE_B)
        if key == "ver":
            return ".".join(str(r.randint(0, 19)) for _ in range(r.choice((2, 3, 3, 4, 4))))
        if key == "dec":
            return "%d.%d" % (r.randint(0, 99), r.randint(1, 9))
        if key == "time":
            return "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
        if key == "date":
            return "%d.%02d.%02d" % (r.randint(2015, 2025), r.randint(1, 12), r.randint(1, 28))
        if key == "n":
            return "{:,}".format(r.randint(2, 250000))
        if key == "port":
            return str(r.choice((443, 80, 8080, 8443, 4444, 53, 1337, 9001, 2083)))
        if key == "days":
            return str(r.randint(3, 400))
        if key == "year":
            return str(r.randint(2016, 2025))
        if key == "day":
            return str(r.randint(1, 28))
        for name, pool in (("sector", SECTOR), ("region", REGION), ("month", MONTH),
                           ("weekday", WEEKDAY), ("product", PRODUCT),
                           ("technique", TECHNIQUE), ("verb", VERB_OBS),
                           ("person", PERSON), ("role", ROLE), ("city", CITY)):
            if key == name:
                return r.choice(pool)
        raise KeyError(key)


# ----------------------------------------------------------------- indicators

def defang_dots(r, s):
    """Defang one or all dots of s with [.] (occasionally (.))."""
    token = "[.]" if r.random() < 0.85 else "(.)"
    if r.random() < 0.5:
        return s.replace(".", token)
    head, _, tail = s.rpartition(".")
    return head + token + tail


def gen_ipv4(r):
    first = r.choice((r.randint(1, 223), 203, 198, 185, 45, 91, 104))
    if first in (10, 127):
        first = 77
    ip = "%d.%d.%d.%d" % (first, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    return defang_dots(r, ip) if r.random() < 0.3 else ip


def _hostname(r):
    parts = [r.choice(WORDS) + r.choice(("", "", "-" + r.choice(WORDS), str(r.randint(1, 99))))]
    if r.random() < 0.3:
        parts.insert(0, r.choice(("www", "cdn", "mail", "api", "login", "m", "static")))
    return ".".join(parts) + "." + r.choice(TLD)


def gen_domain(r):
    d = _hostname(r)
    return defang_dots(r, d) if r.random() < 0.3 else d


def gen_url(r):
    host = _hostname(r) if r.random() < 0.8 else "%d.%d.%d.%d" % (
        r.randint(11, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    path = "/".join(r.choice(PATH_SEG) for _ in range(r.randint(0, 3)))
    if r.random() < 0.5:
        path += ("/" if path else "") + r.choice(FILE_BASE) + "." + r.choice(("php", "exe", "zip", "html", "js", "bin"))
    url = host + (":%d" % r.choice((8080, 8443, 443)) if r.random() < 0.1 else "") + "/" + path
    if r.random() < 0.25:
        url += "?id=%d&ref=%s" % (r.randint(1, 99999), r.choice(WORDS))
    if r.random() < 0.35:
        return r.choice(("hxxp://", "hxxps://", "hXXps://")) + (defang_dots(r, host) + url[len(host):] if r.random() < 0.5 else url)
    return r.choice(("http://", "https://", "https://")) + url


def gen_email(r):
    e = r.choice(USER) + "@" + _hostname(r)
    return defang_dots(r, e) if r.random() < 0.15 else e


def gen_hex(bits):
    def gen(r):
        h = "%0*x" % (bits // 4, r.getrandbits(bits))
        return h.upper() if r.random() < 0.15 else h
    return gen


def gen_cve(r):
    return "CVE-%d-%d" % (r.randint(2014, 2025), r.randint(1000, 52999))


def gen_file(r):
    return r.choice(FILE_BASE) + r.choice(("", "", "_" + str(r.randint(1, 64)), "-v2")) + "." + r.choice(FILE_EXT)


def gen_registry(r):
    path = r.choice(REG_PATH)
    root = r.choice(REG_ROOT[::2] if path.startswith("SYSTEM") else REG_ROOT)
    key = root + "\\" + path
    return key + "\\" + r.choice(FILE_BASE) if r.random() < 0.6 else key


GENERATORS = (("ipv4", gen_ipv4, 18), ("domain", gen_domain, 16), ("url", gen_url, 16),
              ("email", gen_email, 7), ("md5", gen_hex(128), 8), ("sha1", gen_hex(160), 6),
              ("sha256", gen_hex(256), 10), ("cve", gen_cve, 8), ("file", gen_file, 7),
              ("registry", gen_registry, 4))
GEN_NAMES = [g[0] for g in GENERATORS]
GEN_FUNCS = {g[0]: g[1] for g in GENERATORS}
GEN_WEIGHTS = [g[2] for g in GENERATORS]


# ------------------------------------------------------------------ generator

def ioc_sentence(r, kind):
    x = GEN_FUNCS[kind](r)
    pool = IOC_BY_TYPE[kind] if r.random() < 0.65 else IOC_GENERIC
    return r.choice(pool).format_map(Filler(r, x))


def generate(out, target_bytes, seed, block_bytes=4 << 20):
    r = random.Random(seed)
    mean_gap = 1024.0
    pos = 0            # characters produced so far (text is almost all ASCII)
    next_ioc = r.expovariate(1 / mean_gap)
    next_trap = r.expovariate(1 / mean_gap)
    counts = dict.fromkeys(GEN_NAMES, 0)
    traps = 0
    block, block_len, written = [], 0, 0
    while written + block_len < target_bytes:
        para = []
        if r.random() < 0.08:
            para.append(r.choice(HEADINGS) + "\n\n")
        lead = DATELINE.format_map(Filler(r)) if r.random() < 0.1 else ""
        sentences = []
        for _ in range(r.randint(3, 8)):
            if pos >= next_ioc:
                if r.random() < 0.04:   # a short bulleted indicator list
                    items = r.choices(GEN_NAMES, GEN_WEIGHTS, k=r.randint(3, 6))
                    for kind in items:
                        counts[kind] += 1
                        next_ioc += r.expovariate(1 / mean_gap)
                    bullets = "\n".join("- " + GEN_FUNCS[k](r) for k in items)
                    s = "The following indicators were observed:\n" + bullets + "\n"
                else:
                    kind = r.choices(GEN_NAMES, GEN_WEIGHTS)[0]
                    counts[kind] += 1
                    next_ioc += r.expovariate(1 / mean_gap)
                    s = ioc_sentence(r, kind)
            elif pos >= next_trap:
                traps += 1
                next_trap += r.expovariate(1 / mean_gap)
                s = r.choice(TRAP).format_map(Filler(r))
            else:
                s = r.choice(PROSE).format_map(Filler(r))
            pos += len(s) + 1
            sentences.append(s)
        para.append(lead + " ".join(sentences).replace("\n ", "\n") + "\n\n")
        text = "".join(para)
        block.append(text)
        block_len += len(text)
        if block_len >= block_bytes:
            written += out.write("".join(block).encode("utf-8"))
            block, block_len = [], 0
    written += out.write("".join(block).encode("utf-8"))
    return written, counts, traps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=64, help="approximate size in MiB (default 64)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--output", required=True, help="output file ('-' for stdout)")
    a = ap.parse_args()
    target = int(a.mb * (1 << 20))
    if a.output == "-":
        written, counts, traps = generate(sys.stdout.buffer, target, a.seed)
    else:
        with open(a.output, "wb") as f:
            written, counts, traps = generate(f, target, a.seed)
    total = sum(counts.values())
    mix = ", ".join("%s=%d" % kv for kv in counts.items())
    print("gen_corpus: %d bytes, %d indicators (%.2f/KiB; %s), %d traps"
          % (written, total, total * 1024.0 / max(written, 1), mix, traps), file=sys.stderr)


if __name__ == "__main__":
    main()
