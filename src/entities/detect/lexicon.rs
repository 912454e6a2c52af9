//! The word lists of name detection: titles, heads that make a run an
//! organization, a place, a document or an event, known places, function
//! words, describing words. Closed lists of English (and a few Russian)
//! words, never this corpus's names.

use super::super::mentions::TITLES;
use super::places::{is_place, place_stem};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words that announce a person, besides [`TITLES`] (folded).
#[rustfmt::skip]
const MORE_TITLES: &[&str] = &[
    "miss", "ms", "dr", "sir", "madame", "mme", "mlle", "senor", "herr", "admiral", "colonel",
    "col", "captain", "capt", "lieutenant", "lt", "marshal", "governor", "senator",
    "representative", "congressman", "deputy", "assistant", "under", "undersecretary", "director",
    "counselor", "consul", "attache", "professor", "prof", "emperor", "king", "queen", "prince",
    "princess", "lord", "lady", "father", "bishop", "judge", "justice", "envoy", "delegate",
    "commissioner", "official", "spokesman", "adviser", "advisor", "acting", "charge", "chargé",
    "archbishop", "patriarch", "cardinal", "metropolitan", "pope", "rabbi", "reverend", "rev",
    "sheikh", "shah", "sultan", "emir", "dame", "duke", "earl", "baron", "viscount", "marquess",
    "marquis", "brigadier", "commander", "head", "sergeant", "mayor", "empress", "majesty",
    "majesties", "highness", "interpreter", "translator", "notetaker", "rapporteur", "messrs", "chef", "sec", "drs",
    "administrator", "amb", "secy", "pres", "gov", "fonmin", "primin", "depfonmin",
    "господин", "товарищ", "тов", "г",
    "господа", "генерал", "посол", "министр", "премьер", "председатель",
];

/// Capitalized words that make one title with the title after them
/// ("Field Marshal", "Air Marshal", "Rear Admiral", "High Commissioner").
pub(super) const TITLE_PREFIXES: &[&str] = &[
    "field",
    "air",
    "rear",
    "high",
    "grand",
    "lord",
    "crown",
    "attorney",
    "postmaster",
    "surgeon",
    "solicitor",
    "inspector",
];

/// Titles that name an office, which a capitalized word before them
/// narrows ("Science Advisor", "Finance Minister", "Press Secretary").
#[rustfmt::skip]
pub(super) const OFFICES: &[&str] = &[
    "adviser", "advisor", "minister", "secretary", "attache", "attaché", "director", "counselor",
    "counsellor", "commissioner", "spokesman",
];

/// Abbreviations after a name that make it a military base ("Misawa AB").
pub(super) const BASES: &[&str] = &["AB", "AFB", "NAS", "MCAS", "RAF"];

/// Words inside a title: "Secretary of State", "Minister of Foreign
/// Affairs", and the portfolios telegrams write without "of" ("Minister
/// Finance").
#[rustfmt::skip]
pub(super) const TITLE_TAILS: &[&str] = &[
    "of", "state", "foreign", "affairs", "defense", "defence", "general", "d’affaires",
    "d'affaires", "affaires", "finance", "justice", "trade", "commerce", "agriculture", "labor",
    "labour", "education", "health", "interior", "war", "welfare", "industry", "transport",
    "central", "intelligence",
];

/// Lower-case particles inside a person's name ("Couve de Murville",
/// "Ludwig van Beethoven", "Werner von Braun").
#[rustfmt::skip]
pub(crate) const PARTICLES: &[&str] = &[
    "de", "du", "des", "van", "von", "der", "den", "di", "da", "del", "della", "dos", "ter", "ten",
];

/// A last word that makes a run an organization.
#[rustfmt::skip]
pub(super) const ORG_HEADS: &[&str] = &[
    "embassy", "ministry", "department", "party", "office", "government", "council", "committee",
    "bureau", "agency", "commission", "delegation", "diet", "cabinet", "house", "senate",
    "congress", "assembly", "university", "bank", "company", "corporation", "institute",
    "association", "league", "federation", "navy", "army", "corps", "court", "nations",
    "secretariat", "presidium", "legation", "consulate", "staff", "command", "forces", "board",
    "administration", "organization", "times", "press", "news", "files", "papers", "records",
    "notes", "union", "club", "affairs", "treasury", "center", "centre", "force", "group", "team",
    "library", "archives", "museum", "diaries", "collection", "shimbun", "tribune", "herald",
    "gazette", "journal", "materials", "branch", "division", "correspondence", "politburo",
    "kremlin", "comintern", "cominform", "ballet", "theater", "theatre", "orchestra",
    "opera", "airlines", "airways", "front", "pao", "bao", "daily", "zeitung", "knights",
    "motors", "electric", "oil", "steel", "industries", "aircraft", "state", "senat",
    "foundation", "society", "federation", "министерство", "партия",
    "посольство", "правительство",
];

/// Newspapers, news agencies and assemblies named by one word ("Pravda
/// said", "the Bundestag"): a closed list of the period's press and
/// bodies, never persons.
#[rustfmt::skip]
pub(super) const PRESS: &[&str] = &[
    "pravda", "izvestiya", "izvestia", "trud", "krasnaya", "asahi", "mainichi", "yomiuri",
    "sankei", "nikkei", "akahata", "xinhua", "renmin",
    // Legislatures and parties named by one word ("member of the Bundestag").
    "bundestag", "bundesrat", "knesset", "duma", "sejm", "majlis", "storting", "riksdag",
    "folketing", "althing", "kuomintang", "comecon", "nato", "seato", "cento",
    // Airlines and makers of aircraft and arms of the period.
    "aeroflot", "lufthansa", "boeing", "lockheed", "grumman", "northrop", "northrup", "raytheon",
    "convair", "vickers", "krupp", "pentagon", "harvard", "yale", "cornell", "stanford",
    "sorbonne", "bundesbank", "wehrmacht", "bundeswehr", "luftwaffe", "reichstag", "volkspolizei",
    "stasi", "kampfgruppen", "benelux",
];

/// A first word that makes "X of Y" or "X Tokyo" an organization.
#[rustfmt::skip]
pub(super) const ORG_FIRST: &[&str] = &[
    "embassy", "ministry", "department", "office", "bureau", "board", "council", "commission",
    "committee",
];

/// A last word that makes a run a place.
#[rustfmt::skip]
pub(crate) const PLACE_HEADS: &[&str] = &[
    "islands", "island", "isles", "strait", "straits", "sea", "ocean", "river", "city", "province",
    "prefecture", "peninsula", "bay", "gulf", "mountains", "mountain", "mount", "lake", "coast",
    "district", "region", "regions", "provinces", "territory", "territories", "county", "harbor",
    "harbour", "port", "valley", "base", "canal", "zone", "airfield", "airbase", "dam", "line",
    "strip", "hotel", "empire", "kingdom", "republic", "autobahn",
    "palace", "airport", "building", "avenue", "street", "square", "station", "острова", "остров",
];

/// A last word that makes a run an event ("Second Plenary Session",
/// "Japanese Peace Conference", "Korean War").
#[rustfmt::skip]
pub(super) const EVENT_HEADS: &[&str] = &[
    "session", "conference", "meeting", "talks", "negotiations", "war", "crisis", "revolution",
    "summit", "incident", "uprising", "battle", "olympics", "trip", "visit", "tour", "mission", "day",
    "round", "parteitag", "конференция", "война",
];

/// A last word that makes a run a document: a treaty, a charter, a plan
/// ("Potomac Charter", "Marshall Plan", "Baghdad Pact").
#[rustfmt::skip]
pub(super) const DOCUMENT_HEADS: &[&str] = &[
    "treaty", "charter", "pact", "agreement", "declaration", "convention", "protocol", "accord",
    "accords", "doctrine", "plan", "communique", "communiqué", "resolution", "proclamation",
    "formula", "statute", "book", "report", "study", "diary", "agreements", "treaties",
    "protocols", "conventions", "declarations", "poll", "survey", "договор", "декларация", "соглашение",
];

/// Nouns for members of a people, a faith or a party, besides the
/// demonyms in [`ADJECTIVES`] ("Turks", "Cypriots", "Moderates"): a closed
/// list of English words, never a person's name alone.
#[rustfmt::skip]
const GROUP_NOUNS: &[&str] = &[
    "turk", "cypriot", "jew", "kurd", "slav", "pole", "czech", "serb", "croat", "dane", "finn",
    "swede", "scot", "briton", "moslem", "muslim", "hindu", "sikh", "buddhist", "catholic",
    "protestant", "nationalist", "moderate", "liberal", "conservative", "radical", "democrat",
    "republican", "tory", "tories", "bolshevik", "nazi", "fascist", "laborite", "labourite",
    "leftist", "rightist", "neutralist", "westerner", "easterner", "islander",
];

/// A word that says its subject is a person ("Kono said", "Dulles told").
#[rustfmt::skip]
pub(super) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "stated", "states", "told", "asked", "replied", "added", "agreed", "explained",
    "remarked", "emphasized", "stressed", "suggested", "felt", "believed", "believes", "thought",
    "declared", "insisted", "observed", "commented", "answered", "urged", "wrote", "proposed",
    "promised", "warned", "recalled", "responded", "inquired", "requested", "expressed",
    "indicated", "mentioned", "pointed", "argued", "hoped", "wished", "sent", "met", "called",
    "forwarded", "approved", "noted", "reported", "сказал", "заявил",
];

/// A first word that makes a run a place ("San Francisco", "Port Arthur").
#[rustfmt::skip]
pub(super) const PLACE_FIRST: &[&str] = &[
    "san", "santa", "st", "saint", "fort", "ft", "port", "mount", "mt", "cape", "lake", "hotel",
];

/// Words before "to", "of" or "from" that make what follows a place
/// ("trip to Hiroshima", "tour of Shikoku", "repeated to Naha").
#[rustfmt::skip]
pub(super) const TRAVEL: &[&str] = &[
    "trip", "tour", "visit", "journey", "travel", "return", "returned", "flight", "flew", "route",
    "road", "repeated", "sent", "posted", "transferred", "moved", "way", "arrival", "arrived",
    "departure", "left", "went", "came", "back", "evacuation", "withdrawal",
];

/// Lower-case nouns after a name that make it a thing's: a weapon, a
/// project ("Matador missiles", "a Plowshare excavation experiment").
#[rustfmt::skip]
pub(super) const THING_NOUNS: &[&str] = &[
    "missile", "missiles", "rocket", "rockets", "deployment", "excavation", "experiment",
    "experiments", "warhead", "warheads", "satellite", "satellites", "submarine", "submarines",
];

/// Weapons, rockets and programmes of the period named by one word
/// ("Polaris", "Skybolt"): a closed list, objects, never persons.
#[rustfmt::skip]
pub(super) const WEAPONS: &[&str] = &[
    "polaris", "minuteman", "titan", "atlas", "thor", "jupiter", "nike", "skybolt", "dynosoar",
    "dynasoar", "poseidon", "trident", "pershing", "matador", "redstone", "snark", "regulus",
    "sentinel", "safeguard", "sputnik", "vanguard", "plowshare", "corona", "apollo", "gemini",
    "mig", "migs",
];

/// Short English words after a name and a hyphen ("Nasser-type",
/// "Soviet-led"): not the lower-case half of a given name ("Chong-pil").
#[rustfmt::skip]
pub(super) const HYPHEN_TAILS: &[&str] = &[
    "type", "like", "led", "born", "made", "era", "wide", "free", "held", "run", "owned", "line",
    "day", "year", "time", "side", "area", "zone", "size", "only", "bound", "less", "ward",
];

/// Words before a place ("in London", "the islands of Habomai").
#[rustfmt::skip]
pub(super) const PLACE_BEFORE: &[&str] = &[
    "in", "at", "from", "near", "to", "via", "toward", "towards", "into", "across", "around", "в",
    "во", "из", "на",
];

/// Capitalized words that are never names (folded).
#[rustfmt::skip]
pub(super) const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "if", "as", "at", "by", "for", "from", "in", "into", "of",
    "on", "to", "with", "he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our",
    "their", "this", "that", "these", "those", "there", "here", "what", "which", "who", "when",
    "where", "why", "how", "all", "any", "both", "each", "no", "not", "yes", "so", "then", "than",
    "also", "another", "other", "others", "every", "some", "such", "many", "most", "several",
    "either", "neither", "after", "before", "since", "while", "although", "however", "yesterday", "today",
    "tomorrow", "please", "dear", "sincerely", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "source", "secret", "confidential",
    "priority", "niact", "exdis", "limdis", "nodis", "noforn", "box", "folder", "memcon", "memcons", "limit", "limited", "distribution", "repeated", "official", "use", "only",
    "top", "eyes", "ibid", "supra", "infra", "see", "printed", "drafted", "reference", "ref",
    "subject", "participants", "dept", "deptel", "deptels", "embtel", "embtels", "emb", "govt",
    "tel", "tels", "mytel", "urtel", "memo", "memorandum", "memoranda", "telegram", "despatch", "dispatch",
    "letter", "note", "document", "documents", "article", "articles", "section", "annex", "chapter",
    "part", "vol", "volume", "page", "pages", "p", "pp", "no", "nos", "file", "central", "lot",
    "copy", "draft", "signed", "enclosure", "attachment", "tab", "editorial", "footnote", "item",
    "paragraph", "para", "point", "points", "question", "answer", "comment", "comments", "summary",
    "conclusion", "record", "minutes", "agenda", "text", "translation", "original", "english",
    "russian", "japanese", "chinese", "soviet", "soviets", "american", "americans", "british",
    "french", "german", "korean", "okinawan", "european", "asian", "communist", "communists",
    "socialist", "socialists", "western", "eastern", "northern", "southern", "allied", "allies",
    "italian", "indian", "canadian", "australian", "polish", "arab", "philippine", "red", "free",
    "new", "old", "great", "north", "south", "east", "west", "upper", "lower", "mid", "ok", "etc",
    "viz", "cf", "eg", "ie", "re", "per", "mr", "mrs", "god", "lord", "sir", "jr", "sr", "none",
    "i'm", "i’m", "i'll", "i’ll", "i've", "i’ve", "i'd", "i’d",
    "supplement", "christmas", "easter",
];

/// Capitalized words that describe rather than name: demonyms, compass
/// words, a few common adjectives and ordinals (folded). A well-known
/// closed list, not this corpus's words: English capitalizes them ("Far
/// East", "Soviet Union", "Afro-Asian", "Eighth Session"), so they may sit
/// inside a place's or an organization's name but are never a person's, and
/// a run ending with one is an adjective ("Far Eastern affairs").
#[rustfmt::skip]
pub(super) const ADJECTIVES: &[&str] = &[
    "english", "russian", "japanese", "chinese", "soviet", "american", "british", "french",
    "german", "korean", "okinawan", "european", "asian", "communist", "socialist", "western",
    "eastern", "northern", "southern", "allied", "italian", "indian", "canadian", "australian",
    "polish", "arab", "philippine", "red", "free", "new", "old", "great", "north", "south", "east",
    "west", "upper", "lower", "mid", "far", "near", "middle", "outer", "inner", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "central", "latin", "pacific", "atlantic", "arctic", "african", "afro",
    "sino", "anglo", "dutch", "spanish", "swedish", "turkish", "greek", "israeli", "egyptian",
    "iranian", "vietnamese", "burmese", "thai", "indonesian", "mongolian", "ukrainian", "first",
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "united",
    // Telegraphic abbreviations ("Sov proposals", "Brit views", "Chicom").
    "sov", "jap", "brit", "amer", "chicom", "chinat", "lao",
    // Demonyms no ending rule finds ("Yugoslav" of Yugoslavia), and a few
    // describing words of the past ("the Trojan horse").
    "yugoslav", "slovak", "swiss", "welsh", "scots", "basque", "trojan", "saudi", "commie",
    "quadripartite", "tripartite", "bipartite", "big",
    // Numbers name groups, never persons ("the Ten", "the Big Four").
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Endings of English adjectives and abstract or plural common nouns
/// ("Presidential", "Pacific", "Republics", "Conservative", "Presidency"):
/// a lone word so shaped is a name only with a person's evidence (a title,
/// initials, a list of participants).
#[rustfmt::skip]
const COMMON_ENDINGS: &[&str] = &[
    "al", "ic", "ics", "ive", "ives", "ency", "ancy", "ity", "ism", "ist", "ists", "ion", "ions",
    "ness", "ship", "ian", "ians", "ean", "eans", "ese", "ish",
];
// Not "-ies", "-ers", "-ings", "-ory", "-ment": Menzies, Rogers, Hastings,
// Gregory, Clement are surnames.

/// A demonym, an adjective or a group noun, singular or plural
/// ("Greek", "Greeks", "Turks", "Moderates"), but not a known place
/// ("Philippines").
pub(super) fn describes(key: &str) -> bool {
    let one = |k: &str| ADJECTIVES.contains(&k) || GROUP_NOUNS.contains(&k) || of_a_place(k);
    !is_place(key) && (one(key) || key.strip_suffix('s').is_some_and(one))
}

/// A known place's people ("Ryukyuan" of the Ryukyus, "Korean" of Korea).
fn of_a_place(key: &str) -> bool {
    ["an", "n", "ian", "ese"].iter().any(|end| {
        key.strip_suffix(end)
            .is_some_and(|stem| stem.len() > 2 && place_stem(stem))
    })
}

pub(super) fn common_shaped(key: &str) -> bool {
    key.chars().count() > 4 && COMMON_ENDINGS.iter().any(|e| key.ends_with(e))
}

/// Is a folded word a person's title? Asked of every word of every
/// paragraph at build, hence a set rather than two list scans.
pub fn is_title(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| TITLES.iter().chain(MORE_TITLES).copied().collect())
        .contains(key)
}
