// Language identification: one case per language and script, thin evidence,
// hostile bytes, and agreement with the languages the datasets declare.
#include "osprey/analyze/language.h"

#include <gtest/gtest.h>

#include "analyze/triage_support.h"

namespace osprey::analyze {
namespace {

TEST(DetectLanguage, LatinScriptByFunctionWords) {
  const std::pair<const char*, const char*> cases[] = {
      {"en", "The attackers said that the data was taken from the servers of the company."},
      {"de", "Die Angreifer haben die Daten von den Servern der Firma gestohlen, sagte er."},
      {"fr", "Les attaquants ont volé les données dans les serveurs de la société, selon lui."},
      {"es", "Los atacantes robaron los datos de los servidores de la empresa, según la policía."},
      {"it", "Gli attaccanti hanno rubato i dati dai server della società, secondo la polizia."},
      {"pt", "Os invasores roubaram os dados dos servidores da empresa, segundo a polícia."},
      {"nl", "De aanvallers hebben de gegevens van de servers gestolen, volgens de politie."},
  };
  for (const auto& [code, text] : cases) EXPECT_EQ(detect_language(text).code, code) << text;
}

TEST(DetectLanguage, OtherScripts) {
  EXPECT_EQ(detect_language("Хакеры атаковали сеть больницы и требуют выкуп.").code, "ru");
  EXPECT_EQ(detect_language("Хакери атакували мережу лікарні і вимагають викуп.").code, "uk");
  EXPECT_EQ(detect_language("銀行のシステムに不正アクセスがあった。").code, "ja");
  EXPECT_EQ(detect_language("一家医院遭到勒索软件攻击，系统全面瘫痪。").code, "zh");
  EXPECT_EQ(detect_language("한 제조업체가 랜섬웨어 공격을 받았다.").code, "ko");
  EXPECT_EQ(detect_language("تعرضت شركة طيران لهجوم إلكتروني.").code, "ar");
  EXPECT_EQ(detect_language("Οι επιτιθέμενοι έκλεψαν δεδομένα.").code, "el");
}

TEST(DetectLanguage, ThinEvidenceIsUndetermined) {
  EXPECT_EQ(detect_language("").code, "und");
  EXPECT_EQ(detect_language("CVE-2025-1234 198.51.100.7").code, "und");
  EXPECT_EQ(detect_language("LockBit").code, "und");
}

TEST(DetectLanguage, AnyBytesAreAccepted) {
  std::string junk = "\xff\xfe\xc3\x28 the \x80 and \xe3\x81 of the data was";
  EXPECT_EQ(detect_language(junk).code, "en");
  std::string big(20u << 20, 'a');
  EXPECT_EQ(detect_language(big).code, "und");
}

TEST(DetectLanguage, AgreesWithTheDatasets) {
  size_t total = 0, agree = 0;
  for (const char* name : {"train.jsonl", "eval.jsonl"})
    for (const TriageSample& item : testing::triage_dataset(name)) {
      ++total;
      std::string got = detect_language(triage_text(item.article)).code;
      if (got == item.article.language) {
        ++agree;
      } else {
        // Thin evidence may give "und", never another language.
        EXPECT_EQ(got, "und") << item.article.title << ": " << item.article.language;
      }
    }
  EXPECT_GE(total, 450u);
  EXPECT_GE(agree * 100, total * 99);  // measured: 477 of 478
}

}  // namespace
}  // namespace osprey::analyze
