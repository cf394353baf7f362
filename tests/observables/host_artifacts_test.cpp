// Host artefacts: file names, Windows registry keys and user agents.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

// ---------------------------------------------------------------- filename

TEST(Filename, KindsOfFiles) {
  Findings f = extract(
      "ran evil.exe, loader.dll and run.ps1 then Invoice_2024.docm and backup.rar and stage2.bat");
  EXPECT_EQ(values(f, "filename"), strings({"evil.exe", "loader.dll", "run.ps1",
                                            "Invoice_2024.docm", "backup.rar", "stage2.bat"}));
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Filename, SpanAndCaseKept) {
  const std::string text = "get update.EXE now";
  Findings f = extract(text);
  const Observable* o = only(f, "filename");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "update.EXE");
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, 14u);
}

TEST(Filename, TrailingSentenceDotNotInSpan) {
  const std::string text = "read README.pdf.";
  Findings f = extract(text);
  const Observable* o = only(f, "filename");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "README.pdf");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 15u);
}

TEST(Filename, ScriptsDocumentsArchives) {
  EXPECT_EQ(values("a dropper.vbs b invoice.xlsm c lure.lnk d setup.msi e disk.iso", "filename"),
            strings({"dropper.vbs", "invoice.xlsm", "lure.lnk", "setup.msi", "disk.iso"}));
  EXPECT_EQ(values("get my-tool_v2.msi now", "filename"), strings({"my-tool_v2.msi"}));
}

TEST(Filename, ExtensionsThatAreAlsoTldsInProse) {
  EXPECT_EQ(values("open report.zip and script.py and install.sh now", "filename"),
            strings({"report.zip", "script.py", "install.sh"}));
}

TEST(Filename, MultipleExtensions) {
  EXPECT_EQ(values("get archive.tar.gz now", "filename"), strings({"archive.tar.gz"}));
  EXPECT_EQ(values("open invoice.pdf.exe now", "filename"), strings({"invoice.pdf.exe"}));
}

TEST(Filename, FrameworkNamesRejected) {
  EXPECT_TRUE(all_pairs(extract("Built on Node.js today")).empty());
  EXPECT_TRUE(values("Uses Vue.js and React.js", "filename").empty());
  EXPECT_EQ(values("drops loader.js now", "filename"), strings({"loader.js"}));
}

TEST(Filename, NumbersRejected) {
  EXPECT_TRUE(values("download 2.zip now", "filename").empty());
  EXPECT_TRUE(values("run 1.0.sh now", "filename").empty());
}

TEST(Filename, UnknownExtensionsRejected) {
  EXPECT_TRUE(all_pairs(extract("edit config.json and notes.md")).empty());
  EXPECT_TRUE(values("see photo.jpeg and song.mp3", "filename").empty());
}

TEST(Filename, ExtensionAloneRejected) {
  EXPECT_TRUE(values("get .exe now", "filename").empty());
}

TEST(Filename, InsideWindowsPath) {
  const std::string text = "dropped C:\\Users\\Public\\evil.dll here";
  Findings f = extract(text);
  const Observable* o = only(f, "filename");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "evil.dll");
  EXPECT_EQ(o->spans[0].start, text.find("evil.dll"));
  EXPECT_EQ(o->spans[0].end, text.find(" here"));
}

TEST(Filename, InsideUnixPath) {
  EXPECT_EQ(values("wrote /tmp/.x/kworker.sh then", "filename"), strings({"kworker.sh"}));
}

TEST(Filename, InsideUrlNotReported) {
  Findings f = extract("get http://evil.com/payload.exe now");
  EXPECT_TRUE(values(f, "filename").empty());
}

TEST(Filename, InsideRegistryKeyNotReported) {
  Findings f = extract("set HKCU\\Software\\Run\\evil.exe now");
  EXPECT_TRUE(values(f, "filename").empty());
  EXPECT_EQ(values(f, "registry-key"), strings({"HKEY_CURRENT_USER\\Software\\Run\\evil.exe"}));
}

TEST(Filename, InsideEmailNotReported) {
  EXPECT_TRUE(values("mail invoice.pdf@evil.com now", "filename").empty());
}

// Regression (fixed): ".dot" (Word template) is a file extension and also a TLD, but it is
// missing from the list of extension TLDs that need host context, so
// "invoice.dot" in plain prose is reported as a domain instead of a file name.
TEST(Filename, WordTemplateIsAFileInProse) {
  Findings f = extract("Open invoice.dot now");
  EXPECT_EQ(values(f, "filename"), strings({"invoice.dot"}));
  EXPECT_TRUE(values(f, "domain").empty());
}

// ---------------------------------------------------------------- registry-key

TEST(RegistryKey, HklmExpandedWithSpan) {
  const std::string text =
      "set HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run was modified";
  Findings f = extract(text);
  const Observable* o = only(f, "registry-key");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, text.find(" was"));
}

TEST(RegistryKey, OtherHives) {
  EXPECT_EQ(values("key HKCU\\Software\\Evil, then", "registry-key"),
            strings({"HKEY_CURRENT_USER\\Software\\Evil"}));
  EXPECT_EQ(values("key HKCR\\exefile\\shell\\open\\command.", "registry-key"),
            strings({"HKEY_CLASSES_ROOT\\exefile\\shell\\open\\command"}));
  EXPECT_EQ(values("key HKU\\S-1-5-21\\Software\\X;", "registry-key"),
            strings({"HKEY_USERS\\S-1-5-21\\Software\\X"}));
  EXPECT_EQ(values("key HKCC\\System\\X ok", "registry-key"),
            strings({"HKEY_CURRENT_CONFIG\\System\\X"}));
}

TEST(RegistryKey, FullHiveNameKept) {
  EXPECT_EQ(
      values("key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\evil (persistence)",
             "registry-key"),
      strings({"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\evil"}));
  EXPECT_EQ(values("key HKEY_CURRENT_USER\\Environment here", "registry-key"),
            strings({"HKEY_CURRENT_USER\\Environment"}));
}

TEST(RegistryKey, ShortAndLongFormsMerge) {
  Findings f = extract("HKLM\\Software\\X and HKEY_LOCAL_MACHINE\\Software\\X");
  const Observable* o = only(f, "registry-key");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->count, 2u);
}

TEST(RegistryKey, PowerShellDrive) {
  const std::string text = "ps HKLM:\\Software\\X here";
  Findings f = extract(text);
  const Observable* o = only(f, "registry-key");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "HKEY_LOCAL_MACHINE\\Software\\X");
  EXPECT_EQ(o->spans[0].start, 3u);
  EXPECT_EQ(o->spans[0].end, text.find(" here"));
}

TEST(RegistryKey, LowercaseHive) {
  EXPECT_EQ(values("low hklm\\software\\x here", "registry-key"),
            strings({"HKEY_LOCAL_MACHINE\\software\\x"}));
}

TEST(RegistryKey, SpacesInsideComponentsKept) {
  const std::string text =
      "key HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon was modified";
  Findings f = extract(text);
  const Observable* o = only(f, "registry-key");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value,
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon");
  EXPECT_EQ(o->spans[0].end, text.find(" was"));
}

TEST(RegistryKey, TrailingPunctuationTrimmed) {
  EXPECT_EQ(values("(HKCU\\Software\\Evil).", "registry-key"),
            strings({"HKEY_CURRENT_USER\\Software\\Evil"}));
  EXPECT_EQ(values("key \"HKCU\\Software\\Classes\\ms-settings\\shell\\open\\command\" set",
                   "registry-key"),
            strings({"HKEY_CURRENT_USER\\Software\\Classes\\ms-settings\\shell\\open\\command"}));
  EXPECT_EQ(values("under HKLM\\Software\\Evil: a value", "registry-key"),
            strings({"HKEY_LOCAL_MACHINE\\Software\\Evil"}));
}

TEST(RegistryKey, HiveAloneOrGluedRejected) {
  EXPECT_TRUE(values("key HKLM\\ alone", "registry-key").empty());
  EXPECT_TRUE(values("key XHKLM\\Software ok", "registry-key").empty());
}

// ---------------------------------------------------------------- user-agent

TEST(UserAgent, QuotedAfterWordsSpanCoversValueOnly) {
  const std::string text = "with the user agent \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\" to";
  Findings f = extract(text);
  const Observable* o = only(f, "user-agent");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
  EXPECT_EQ(o->spans[0].start, text.find("Mozilla"));
  EXPECT_EQ(o->spans[0].end, text.rfind('"'));
  EXPECT_TRUE(values(f, "ipv4").empty());
}

TEST(UserAgent, HeaderStyle) {
  const std::string text = "User-Agent: \"curl/8.1.2\" sent";
  Findings f = extract(text);
  const Observable* o = only(f, "user-agent");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "curl/8.1.2");
  EXPECT_EQ(o->spans[0].start, 13u);
  EXPECT_EQ(o->spans[0].end, 23u);
}

TEST(UserAgent, CurlyQuotesAfterUserAgentString) {
  const std::string text =
      "the user-agent string \xE2\x80\x9Cpython-requests/2.31.0\xE2\x80\x9D was";
  Findings f = extract(text);
  const Observable* o = only(f, "user-agent");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "python-requests/2.31.0");
  EXPECT_EQ(o->spans[0].start, text.find("python"));
  EXPECT_EQ(o->spans[0].end, text.find("\xE2\x80\x9D"));
}

TEST(UserAgent, SingleQuotes) {
  EXPECT_EQ(values("user agent 'Go-http-client/1.1' x", "user-agent"),
            strings({"Go-http-client/1.1"}));
}

TEST(UserAgent, LongValueWithProductTokenChromeVersion) {
  Findings f = extract(
      "User-Agent: \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 "
      "Safari/537.36\"");
  EXPECT_EQ(values(f, "user-agent"),
            strings({"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                     "Chrome/120.0.0.0 Safari/537.36"}));
  EXPECT_TRUE(values(f, "ipv4").empty());
}

TEST(UserAgent, UnquotedRejected) {
  EXPECT_TRUE(values("User-Agent: Mozilla/5.0 (X11; Linux) sent", "user-agent").empty());
}

TEST(UserAgent, WithoutProductTokenRejected) {
  EXPECT_TRUE(values("the user agent \"NotAProductToken here\" x", "user-agent").empty());
}

TEST(UserAgent, TooShortRejected) {
  EXPECT_TRUE(values("the user agent \"a/1\" x", "user-agent").empty());
}

TEST(UserAgent, TooFarAfterTheWordsRejected) {
  EXPECT_TRUE(values("the useragent of the implant, which many analysts have discussed at length "
                     "in the past, is "
                     "\"Mozilla/5.0 (compatible)\" x",
                     "user-agent")
                  .empty());
}

TEST(UserAgent, QuoteOnNextLineRejected) {
  EXPECT_TRUE(values("the user agent\n\"Mozilla/5.0 (compatible)\"", "user-agent").empty());
}

TEST(UserAgent, QuotedStringWithoutTheWordsIsNotAUserAgent) {
  EXPECT_TRUE(values("it sent \"Mozilla/5.0 (compatible)\" to the server", "user-agent").empty());
}

// Regression (fixed): the nearest quote character after the words is taken as the opening
// quote, even an apostrophe inside a word ("agent's"); no closing apostrophe
// follows, so the quoted value is never considered.
TEST(UserAgent, ApostropheIsNotAnOpeningQuote) {
  EXPECT_EQ(values("The user agent's value was \"python-requests/2.31.0\" today", "user-agent"),
            strings({"python-requests/2.31.0"}));
}
