// Osprey's own tables, written by hand, facts only: how security news names
// countries (common short names and abbreviations, demonyms, and capitals or
// seats of government used as metonyms: "Pyongyang denied …"), the phrasings
// it uses for sectors, and the regions it names that UN M49 lacks. Each row
// joins the upstream entity through its ISO code, sector name or M49 code.
#include "osprey/kb/names.h"
#include "osprey/kb/readers.h"

namespace osprey::kb {
namespace {

using Names = std::vector<std::string_view>;

struct CountryRow {
  std::string_view iso2;
  Names names;     // first: the common English short name
  Names demonyms;  // adjectives and nouns for its people
  Names metonyms;  // capital cities and seats of government standing for the state
};

// The countries most present in security news, by ISO 3166 alpha-2 code.
const std::vector<CountryRow>& country_rows() {
  static const std::vector<CountryRow> kRows = {
      {"US",
       {"United States", "US", "U.S.", "USA", "U.S.A.", "America"},
       {"American", "Americans"},
       {"Washington", "Washington, D.C.", "White House"}},
      {"RU",
       {"Russia", "Russian Federation"},
       {"Russian", "Russians"},
       {"Moscow", "Kremlin", "the Kremlin"}},
      {"CN",
       {"China", "PRC", "People's Republic of China", "Mainland China"},
       {"Chinese"},
       {"Beijing"}},
      {"KP",
       {"North Korea", "DPRK", "N. Korea", "Democratic People's Republic of Korea"},
       {"North Korean", "North Koreans"},
       {"Pyongyang"}},
      {"KR",
       {"South Korea", "ROK", "S. Korea", "Republic of Korea"},
       {"South Korean", "South Koreans"},
       {"Seoul"}},
      {"IR", {"Iran", "Islamic Republic of Iran"}, {"Iranian", "Iranians"}, {"Tehran"}},
      {"IL", {"Israel"}, {"Israeli", "Israelis"}, {"Jerusalem"}},
      {"UA", {"Ukraine"}, {"Ukrainian", "Ukrainians"}, {"Kyiv", "Kiev"}},
      {"BY", {"Belarus"}, {"Belarusian", "Belarusians", "Belarussian"}, {"Minsk"}},
      {"GB",
       {"United Kingdom", "UK", "U.K.", "Britain", "Great Britain"},
       {"British", "Briton", "Britons"},
       {"London", "Downing Street", "Whitehall"}},
      {"FR", {"France"}, {"French"}, {"Paris", "Élysée"}},
      {"DE", {"Germany"}, {"German", "Germans"}, {"Berlin"}},
      {"IT", {"Italy"}, {"Italian", "Italians"}, {"Rome"}},
      {"ES", {"Spain"}, {"Spanish", "Spaniard", "Spaniards"}, {"Madrid"}},
      {"PT", {"Portugal"}, {"Portuguese"}, {"Lisbon"}},
      {"NL", {"Netherlands", "The Netherlands", "Holland"}, {"Dutch"}, {"Amsterdam", "The Hague"}},
      {"BE", {"Belgium"}, {"Belgian", "Belgians"}, {"Brussels"}},
      {"CH", {"Switzerland"}, {"Swiss"}, {"Bern"}},
      {"AT", {"Austria"}, {"Austrian", "Austrians"}, {"Vienna"}},
      {"IE", {"Ireland"}, {"Irish"}, {"Dublin"}},
      {"PL", {"Poland"}, {"Polish"}, {"Warsaw"}},
      {"CZ", {"Czech Republic", "Czechia"}, {"Czech"}, {"Prague"}},
      {"SK", {"Slovakia"}, {"Slovak", "Slovakian"}, {"Bratislava"}},
      {"HU", {"Hungary"}, {"Hungarian", "Hungarians"}, {"Budapest"}},
      {"RO", {"Romania"}, {"Romanian", "Romanians"}, {"Bucharest"}},
      {"BG", {"Bulgaria"}, {"Bulgarian", "Bulgarians"}, {"Sofia"}},
      {"RS", {"Serbia"}, {"Serbian", "Serbians"}, {"Belgrade"}},
      {"GR", {"Greece"}, {"Greek", "Greeks"}, {"Athens"}},
      {"SE", {"Sweden"}, {"Swedish", "Swedes"}, {"Stockholm"}},
      {"NO", {"Norway"}, {"Norwegian", "Norwegians"}, {"Oslo"}},
      {"FI", {"Finland"}, {"Finnish", "Finns"}, {"Helsinki"}},
      {"DK", {"Denmark"}, {"Danish", "Danes"}, {"Copenhagen"}},
      {"EE", {"Estonia"}, {"Estonian", "Estonians"}, {"Tallinn"}},
      {"LV", {"Latvia"}, {"Latvian", "Latvians"}, {"Riga"}},
      {"LT", {"Lithuania"}, {"Lithuanian", "Lithuanians"}, {"Vilnius"}},
      {"MD", {"Moldova"}, {"Moldovan", "Moldovans"}, {"Chișinău", "Chisinau"}},
      {"GE", {"Georgia"}, {"Georgian", "Georgians"}, {"Tbilisi"}},
      {"AM", {"Armenia"}, {"Armenian", "Armenians"}, {"Yerevan"}},
      {"AZ", {"Azerbaijan"}, {"Azerbaijani", "Azerbaijanis", "Azeri"}, {"Baku"}},
      {"KZ", {"Kazakhstan"}, {"Kazakh", "Kazakhstani"}, {"Astana"}},
      {"UZ", {"Uzbekistan"}, {"Uzbek", "Uzbekistani"}, {"Tashkent"}},
      {"TR", {"Turkey", "Türkiye"}, {"Turkish"}, {"Ankara"}},
      {"SY", {"Syria"}, {"Syrian", "Syrians"}, {"Damascus"}},
      {"LB", {"Lebanon"}, {"Lebanese"}, {"Beirut"}},
      {"PS",
       {"Palestine", "Palestinian Territories"},
       {"Palestinian", "Palestinians"},
       {"Ramallah"}},
      {"JO", {"Jordan"}, {"Jordanian", "Jordanians"}, {"Amman"}},
      {"IQ", {"Iraq"}, {"Iraqi", "Iraqis"}, {"Baghdad"}},
      {"SA", {"Saudi Arabia", "KSA"}, {"Saudi", "Saudis"}, {"Riyadh"}},
      {"AE", {"United Arab Emirates", "UAE"}, {"Emirati", "Emiratis"}, {"Abu Dhabi"}},
      {"QA", {"Qatar"}, {"Qatari", "Qataris"}, {"Doha"}},
      {"KW", {"Kuwait"}, {"Kuwaiti", "Kuwaitis"}, {"Kuwait City"}},
      {"BH", {"Bahrain"}, {"Bahraini", "Bahrainis"}, {"Manama"}},
      {"OM", {"Oman"}, {"Omani", "Omanis"}, {"Muscat"}},
      {"YE", {"Yemen"}, {"Yemeni", "Yemenis"}, {"Sanaa", "Sana'a"}},
      {"EG", {"Egypt"}, {"Egyptian", "Egyptians"}, {"Cairo"}},
      {"LY", {"Libya"}, {"Libyan", "Libyans"}, {"Tripoli"}},
      {"TN", {"Tunisia"}, {"Tunisian", "Tunisians"}, {"Tunis"}},
      {"DZ", {"Algeria"}, {"Algerian", "Algerians"}, {"Algiers"}},
      {"MA", {"Morocco"}, {"Moroccan", "Moroccans"}, {"Rabat"}},
      {"NG", {"Nigeria"}, {"Nigerian", "Nigerians"}, {"Abuja"}},
      {"KE", {"Kenya"}, {"Kenyan", "Kenyans"}, {"Nairobi"}},
      {"ET", {"Ethiopia"}, {"Ethiopian", "Ethiopians"}, {"Addis Ababa"}},
      {"ZA", {"South Africa"}, {"South African", "South Africans"}, {"Pretoria"}},
      {"AF", {"Afghanistan"}, {"Afghan", "Afghans"}, {"Kabul"}},
      {"PK", {"Pakistan"}, {"Pakistani", "Pakistanis"}, {"Islamabad"}},
      {"IN", {"India"}, {"Indian", "Indians"}, {"New Delhi"}},
      {"BD", {"Bangladesh"}, {"Bangladeshi", "Bangladeshis"}, {"Dhaka"}},
      {"LK", {"Sri Lanka"}, {"Sri Lankan", "Sri Lankans"}, {"Colombo"}},
      {"NP", {"Nepal"}, {"Nepali", "Nepalese"}, {"Kathmandu"}},
      {"MM", {"Myanmar", "Burma"}, {"Burmese"}, {"Naypyidaw"}},
      {"TH", {"Thailand"}, {"Thai"}, {"Bangkok"}},
      {"VN", {"Vietnam", "Viet Nam"}, {"Vietnamese"}, {"Hanoi"}},
      {"KH", {"Cambodia"}, {"Cambodian", "Cambodians"}, {"Phnom Penh"}},
      {"MY", {"Malaysia"}, {"Malaysian", "Malaysians"}, {"Kuala Lumpur"}},
      {"SG", {"Singapore"}, {"Singaporean", "Singaporeans"}, {}},
      {"ID", {"Indonesia"}, {"Indonesian", "Indonesians"}, {"Jakarta"}},
      {"PH",
       {"Philippines", "The Philippines"},
       {"Filipino", "Filipinos", "Philippine"},
       {"Manila"}},
      {"TW", {"Taiwan"}, {"Taiwanese"}, {"Taipei"}},
      {"HK", {"Hong Kong"}, {"Hongkonger", "Hongkongers"}, {}},
      {"JP", {"Japan"}, {"Japanese"}, {"Tokyo"}},
      {"MN", {"Mongolia"}, {"Mongolian", "Mongolians"}, {"Ulaanbaatar"}},
      {"AU", {"Australia"}, {"Australian", "Australians"}, {"Canberra"}},
      {"NZ", {"New Zealand"}, {"New Zealander", "New Zealanders"}, {"Wellington"}},
      {"CA", {"Canada"}, {"Canadian", "Canadians"}, {"Ottawa"}},
      {"MX", {"Mexico"}, {"Mexican", "Mexicans"}, {"Mexico City"}},
      {"BR", {"Brazil"}, {"Brazilian", "Brazilians"}, {"Brasília", "Brasilia"}},
      {"AR", {"Argentina"}, {"Argentine", "Argentinian", "Argentinians"}, {"Buenos Aires"}},
      {"CL", {"Chile"}, {"Chilean", "Chileans"}, {"Santiago"}},
      {"CO", {"Colombia"}, {"Colombian", "Colombians"}, {"Bogotá", "Bogota"}},
      {"PE", {"Peru"}, {"Peruvian", "Peruvians"}, {"Lima"}},
      {"VE", {"Venezuela"}, {"Venezuelan", "Venezuelans"}, {"Caracas"}},
      {"CU", {"Cuba"}, {"Cuban", "Cubans"}, {"Havana"}},
  };
  return kRows;
}

struct SectorRow {
  std::string_view sector;  // the MISP sector's name, or a sector MISP lacks
  Names phrasings;
};

const std::vector<SectorRow>& sector_rows() {
  static const std::vector<SectorRow> kRows = {
      {"Think Tanks", {"think tank", "think-tank", "think-tanks", "policy institutes"}},
      {"Academia - University",
       {"academia", "academic", "academics", "universities", "university", "academic institutions",
        "university staff", "higher education"}},
      {"Education",
       {"schools", "K-12", "educational institutions", "education sector", "school districts",
        "school district"}},
      {"Defense",
       {"defence", "defense industrial base", "DIB", "defense industry", "defence industry",
        "defense contractors", "defence contractors", "defence organisations",
        "defense organizations", "defence firms", "defense firms", "defence ministries"}},
      {"Military",
       {"armed forces", "militaries", "military units", "military personnel",
        "military organisations", "military organizations"}},
      {"Health",
       {"healthcare", "health care", "hospitals", "hospital", "healthcare providers",
        "health services", "health service", "healthcare sector", "health sector",
        "hospital systems", "health systems", "hospital networks", "health networks", "clinics",
        "healthcare organisations", "healthcare organizations", "medical centres",
        "medical centers"}},
      {"Pharmacy",
       {"pharmaceutical", "pharmaceuticals", "pharma", "drugmakers", "pharmacies",
        "pharmacy chains"}},
      {"Finance", {"financial services", "financial institutions", "financial sector", "fintech"}},
      {"Bank", {"banks", "banking", "banking sector"}},
      {"Insurance", {"insurers", "insurer", "insurance companies"}},
      {"Payment", {"payment processors", "payments"}},
      {"Infrastructure", {"critical infrastructure", "critical national infrastructure", "CNI"}},
      {"Government, Administration",
       {"government agencies",
        "public sector",
        "public administration",
        "federal agencies",
        "government entities",
        "ministries",
        "government",
        "governments",
        "local governments",
        "state governments",
        "state and local governments",
        "government offices",
        "government staff",
        "government departments",
        "government organisations",
        "government organizations",
        "government bodies",
        "government networks",
        "state bodies",
        "municipalities",
        "city governments",
        "government ministries",
        "city councils",
        "city council",
        "county councils",
        "local councils",
        "local authorities"}},
      {"Diplomacy",
       {"embassies", "diplomats", "diplomatic entities", "foreign ministries",
        "ministry of foreign affairs", "diplomatic missions", "diplomatic institutions",
        "foreign affairs ministries"}},
      {"Police - Law enforcement",
       {"police", "police departments", "police dispatch", "police forces",
        "law-enforcement bodies"}},
      {"Energy",
       {"energy sector", "energy companies", "energy suppliers", "energy providers", "energy firms",
        "energy utilities"}},
      {"Electric",
       {"electric utilities", "power utilities", "electricity sector", "power grid",
        "electricity company", "electricity companies", "electricity providers", "electrical grid",
        "electrical grids", "electric grid", "electric grids", "power plants", "power stations",
        "grid operators", "electrical utilities"}},
      // "Oil and gas" names both of the galaxy's sectors.
      {"Oil", {"oil and gas", "oil & gas"}},
      {"Gas", {"oil and gas", "oil & gas"}},
      {"Water",
       {"water utilities", "water sector", "wastewater", "water treatment plants", "water systems",
        "water facilities", "water providers"}},
      {"Telecoms",
       {"telecommunications", "communications", "telecom", "telecoms sector", "telcos",
        "telecom operators", "telecommunications providers", "telecoms", "telecom providers",
        "telecoms providers", "telecoms operators", "telecommunications companies",
        "telecommunications operators", "telecom companies", "mobile operators",
        "communications providers", "communications companies"}},
      {"IT - ISP", {"ISPs", "internet service providers"}},
      {"Managed Services Provider", {"MSP", "MSPs", "managed service providers"}},
      {"Technology", {"tech companies", "technology companies", "tech sector", "tech firms"}},
      {"Semi-conductors", {"semiconductors", "chipmakers", "chip makers"}},
      {"Manufacturing",
       {"manufacturers", "manufacturer", "manufacturing sector", "manufacturing firms",
        "manufacturing companies", "factories"}},
      {"Industrial", {"industrial control systems", "operational technology"}},
      {"Transport",
       {"transportation sector", "transportation", "transport networks", "transportation networks",
        "transport companies", "public transport"}},
      {"Civil Aviation", {"aviation", "airlines", "airports"}},
      {"Maritime",
       {"ports", "maritime sector", "port authorities", "maritime companies", "shipping ports"}},
      {"Logistic", {"logistics"}},
      {"Retail", {"retailers", "retailer", "retail chains", "retail companies", "retail sector"}},
      {"eCommerce", {"e-commerce", "online retailers"}},
      {"Hospitality", {"hospitality sector", "hotels and restaurants", "hotel", "hotel chain"}},
      {"Game", {"gaming", "video games", "game developers"}},
      {"Casino", {"casinos", "gambling"}},
      {"News - Media", {"media outlets", "news organizations", "news organisations"}},
      {"Journalist", {"journalists", "reporters"}},
      {"NGO",
       {"NGOs", "non-governmental organizations", "non-governmental organisations",
        "human rights organisations", "human rights organizations", "human rights groups"}},
      {"Non-profit organisation", {"nonprofits", "non-profits", "charities"}},
      {"Civil society", {"civil society organizations", "civil society organisations"}},
      {"Activists", {"human rights activists", "human rights defenders"}},
      {"Political party", {"political parties"}},
      {"Legal", {"law firms", "law firm", "legal sector", "legal firms"}},
      {"Accounting", {"accountancy", "accounting firms", "accountancy firms"}},
      {"Research - Innovation",
       {"research institutions", "research centers", "research centres", "nuclear research",
        "research institutes", "research organisations", "research organizations"}},
      {"Automotive", {"automakers", "car manufacturers"}},
      {"Agriculture", {"agricultural sector", "farming"}},
      {"Hotels", {"hotels", "hotel operators", "hotel groups", "hotel chains"}},
      {"Restaurant", {"restaurants", "restaurant chains"}},
      {"Justice", {"court services", "courts", "court systems", "judiciary"}},
      {"Mining", {"miner", "miners", "mining companies", "mining firms"}},
      {"Cryptocurrency",
       {"crypto", "cryptocurrency exchanges", "crypto exchanges", "DeFi", "Web3"}},
  };
  return kRows;
}

struct RegionRow {
  std::string_view m49;   // the UN M49 region the phrasings name, or "" for a region M49 lacks
  std::string_view name;  // the region's name when M49 lacks it
  Names phrasings;
};

const std::vector<RegionRow>& region_rows() {
  static const std::vector<RegionRow> kRows = {
      {"035", "", {"Southeast Asia", "South East Asia", "South-East Asia"}},
      {"034", "", {"South Asia"}},
      {"030", "", {"East Asia"}},
      {"011", "", {"West Africa"}},
      {"014", "", {"East Africa"}},
      {"015", "", {"North Africa"}},
      {"419", "", {"Latin America", "LATAM"}},
      {"021", "", {"North America"}},
      {"145", "", {"West Asia"}},
      {"", "Middle East", {"Middle Eastern", "MidEast"}},
      {"", "Middle East and North Africa", {"MENA"}},
      {"", "Asia-Pacific", {"Asia Pacific", "APAC"}},
      {"", "Europe, the Middle East and Africa", {"EMEA"}},
      {"", "Nordic countries", {"Nordics", "Scandinavia"}},
      {"", "Balkans", {"the Balkans", "Western Balkans"}},
  };
  return kRows;
}

void add_names(std::vector<std::string>& out, const Names& names, size_t from = 0) {
  for (size_t i = from; i < names.size(); ++i) out.emplace_back(names[i]);
}

}  // namespace

SourceRead read_country_table(const nlohmann::json&, const SourceSpec& spec, std::string_view) {
  SourceRead out;
  for (const CountryRow& row : country_rows()) {
    SourceRecord record;
    record.type = EntityType::kLocation;
    record.category = "country";
    record.identity.push_back("iso2:" + std::string(row.iso2));
    if (spec.name == "osprey:country-name") {
      record.primary_names.emplace_back(row.names.front());
      add_names(record.synonyms, row.names, 1);
    } else if (spec.name == "osprey:demonym") {
      add_names(record.synonyms, row.demonyms);
    } else {
      add_names(record.synonyms, row.metonyms);
    }
    if (!record.primary_names.empty() || !record.synonyms.empty()) out.records.push_back(record);
  }
  return out;
}

SourceRead read_sector_table(const nlohmann::json&, const SourceSpec&, std::string_view) {
  SourceRead out;
  for (const SectorRow& row : sector_rows()) {
    SourceRecord record;
    record.type = EntityType::kSector;
    record.primary_names.emplace_back(row.sector);
    record.identity.push_back("sector:" + name_key(row.sector));
    add_names(record.synonyms, row.phrasings);
    out.records.push_back(std::move(record));
  }
  return out;
}

SourceRead read_region_table(const nlohmann::json&, const SourceSpec&, std::string_view) {
  SourceRead out;
  for (const RegionRow& row : region_rows()) {
    SourceRecord record;
    record.type = EntityType::kLocation;
    record.category = "region";
    if (!row.m49.empty()) {
      record.identity.push_back("m49:" + std::string(row.m49));
    } else {
      record.primary_names.emplace_back(row.name);
      record.identity.push_back("region:" + name_key(row.name));
    }
    add_names(record.synonyms, row.phrasings);
    out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace osprey::kb
