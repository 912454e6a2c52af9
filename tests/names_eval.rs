//! Names found with no register, measured against FRUS's own markup.
//!
//! FRUS's TEI marks persons with `<persName>` (places `<placeName>`,
//! organizations `<orgName>`): a free gold standard. Each fixture is
//! imported, its Name spans kept aside as gold and dropped from the text,
//! the edition's list of persons left out (no register at all), and
//! [`docent::entities::detect`] run on what is left; the found entities'
//! mentions (the mention matcher over their names) are compared with the
//! gold spans.
//!
//! **Matching rule.** A detected mention is correct when it is in the same
//! paragraph as a gold span of the same kind, overlaps it, and names the
//! same words once titles are dropped on both sides (`eval_key`:
//! folded, possessive `'s` dropped, leading "Mr.", "Ambassador",
//! "Colonel" … — detection's own titles — removed),
//! so "Mr." or "Ambassador" outside the markup's span is allowed.
//! Precision = correct detected / detected of that kind; recall = gold
//! spans matched / gold spans. **Grouping**: of the gold persons (by
//! `@corresp`) with at least one detected mention, the share whose detected
//! mentions all belong to one found entity; **purity**: of the found
//! entities matched to gold persons, the share matched to one person only
//! (`@corresp` keys are the volume's own: one person in two volumes bears
//! two keys, and two persons in two volumes may bear one).
//!
//! **Unmarked persons.** FRUS marks a person where its editors identified
//! them, not every name: "Hatoyama", "Nemoto", "Suma", "Adenauer" are
//! persons its markup leaves plain. Precision is reported twice: *strict*
//! (against the markup alone) and *judged*, where a detected person whose
//! name is in [`UNMARKED_PERSONS`] (checked by hand against the text, after
//! tuning for the held-out documents) counts as correct. The floor is on
//! judged precision and on recall.
//!
//! Tuned on the eight documents of tests/fixtures/tei (FRUS 1955–57
//! vol. XXIII), and on two sets each held out for one run and then tuned
//! on: tests/fixtures/tei-v24 (vol. XXIV) and tests/fixtures/tei-v18-v5
//! (1958–60 vol. XVIII, 1961–63 vol. V) and tests/fixtures/tei-v22-v29
//! (1961–63 vol. XXII, 1964–68 vol. XXIX part 2) and tests/fixtures/tei-v14-v15
//! (1952–54 vol. XIV part 2, 1961–63 vol. XV) and tests/fixtures/tei-v14-v19
//! (1964–68 vol. XIV, 1969–76 vol. XIX part 2) and tests/fixtures/tei-v12-v6
//! (1969–76 vol. XII, 1961–63 vol. VI) and tests/fixtures/tei-v30-v19
//! (1964–68 vol. XXX, 1958–60 vol. XIX) and tests/fixtures/tei-v11-v3
//! (1964–68 vol. XI, 1955–57 vol. III) and tests/fixtures/tei-v8-v17
//! (1961–63 vol. VIII, 1964–68 vol. XVII) and tests/fixtures/tei-v10-v13
//! (1958–60 vol. X part 2, 1964–68 vol. XIII) and tests/fixtures/tei-v10-v2
//! (1955–57 vol. X, 1958–60 vol. II) and tests/fixtures/tei-v15-v1 (1964–68
//! vol. XV, 1969–76 vol. I) and tests/fixtures/tei-v26-v9 (1955–57 vol.
//! XXVI, 1961–63 vol. IX) and tests/fixtures/tei-v3-v16 (1969–76 vol. III,
//! 1961–63 vol. XVI). Held out: the documents of two
//! other volumes in tests/fixtures/tei-heldout and of two more in
//! tests/fixtures/tei-heldout-b, chosen by size and markup counts by someone
//! else and never read while tuning.
//! `bash scripts/names-eval.sh` prints the figures and every difference
//! (`-v`; with `NAMES_EVAL_CONTEXT=1` also each extra's paragraph).

use docent::entities::{self, person_key, Mentions, Register};
use docent::model::{Document, SpanKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Persons named in the fixtures that FRUS does not mark `persName`
/// (folded, titles dropped), each checked by hand in its context.
const UNMARKED_PERSONS: &[&str] = &[
    // tuned set
    "hatoyama",
    "suma",
    "adenauer",
    "ryutaro nemoto",
    "nemoto",
    // d97, d101, d105, d106 (held out until their errors were read)
    "malik",
    "takasaki",
    "kuriyama",
    "wellington koo",
    "v. k. wellington koo",
    "v k wellington koo",
    "koo",
    "tsu mo",
    // tests/fixtures/tei-v24, judged after its one held-out run
    "churchill",
    "archbishop makarios",
    "makarios",
    // tests/fixtures/tei-v18-v5, judged after its one held-out run: persons its
    // markup leaves plain ("Exclusive for Deming", "Only Wada was present",
    // "Miki–Matsumura faction", "back Ishii", the poets Frost and
    // Tvardovsky, "see Reeve, Robert Frost in Russia", "Deputy Foreign
    // Minister Semenov"); not "Whitman" (the Whitman File), "F. Kennedy"
    // (half of "John F. Kennedy") or the places taken for persons.
    "deming",
    "wada",
    "miki",
    "matsumura",
    "ishii",
    "robert frost",
    "frost",
    "tvardovsky",
    "vinogradov",
    "dobrynin",
    "reeve",
    "semenov",
    // tests/fixtures/tei-v22-v29, judged after its one held-out run: persons its
    // markup leaves plain (participants' interpreters and aides, Korean
    // generals and envoys, "Senator Morse", "French Ambassador Alphand",
    // "Special Ambassador Soo" as the text writes him); not the partial
    // spans of marked names ("Kim Chong", "Pak Chung", "Hilsman" for
    // "Roger Hilsman"), "U.S. Yoo", "Nam" (Viet-Nam) or the bodies.
    "toshiro shimanouchi",
    "james j. wickel",
    "james j wickel",
    "wickel",
    "kiichi miyazawa",
    "ikeda",
    "choi",
    "choi kyong nok",
    "pak",
    "nasser",
    "yun yong lim",
    "lim",
    "yang soo yoo",
    "yoo",
    "soo",
    "morse",
    "chung",
    "chang",
    "alphand",
    // tests/fixtures/tei-v14-v15, judged after its one held-out run: persons its
    // markup leaves plain ("Ikeda accompanied by Suzuki and Miyazawa and
    // I by Diehl and Leonhart", "Mr. Torao Ushiroku, First Secretary",
    // "Crown Prince Akihito", "Drafted by Imhof", Ichimada, Malcolm
    // MacDonald); not the partial spans of marked names ("Yoshida" in
    // "Shigeru Yoshida", "Kenneth T. Young" without "Jr.", "Couve" and
    // "Murville"), "Sov", "Crown", "Empress", "Majesties" or the places.
    "ichimada",
    "torao ushiroku",
    "leonhart",
    "miyazawa",
    "suzuki",
    "malcolm macdonald",
    "akihito",
    "imhof",
    // tests/fixtures/tei-v14-v19 (FRUS 1964–68 vol. XIV, 1969–76 vol. XIX
    // part 2), judged after its one held-out run: persons its markup leaves plain
    // ("agreed Tsarapkin and Foster should meet", "Senators Fulbright,
    // Hickenlooper, MAGNUSON, and Monroney", "Rostow gave Johnson three
    // options", "Drafted … by V. I. Toumanoff", "Public Papers: Nixon",
    // "Ambassador Genichi Akatani (Interpreter)", "Ernest Johnston of the
    // NSC staff"); not "Law" (of the Sea),
    // "Pueblo", "Mt", "Misawa" (an air base), companies, "Interpreter",
    // "Attorney", "Exdis" or "Fools" (April Fools' Day).
    "hornig",
    "tsarapkin",
    "foster",
    "kohler",
    "arkady a. sobolev",
    "arkady a sobolev",
    "sobolev",
    "gordon",
    "juan trippe",
    "hickenlooper",
    "monroney",
    "rostow",
    "johnson",
    "george bunn",
    "yuri n. chernyakov",
    "yuri n chernyakov",
    "v. i. toumanoff",
    "v i toumanoff",
    "yuly vorontsov",
    "vorontsov",
    "james pratt",
    "pratt",
    "kissinger",
    "wilbur mills",
    "mills",
    "sato",
    "genichi akatani",
    "nixon",
    "ernest johnston",
    "johnston",
    // tests/fixtures/tei-v12-v6 (FRUS 1969–76 vol. XII, 1961–63 vol. VI),
    // judged after its one run: persons its markup leaves plain ("former
    // President Eisenhower", "Drafted by Krimer", "Executive Secretary
    // Walsh", "Secretaries Hardin and Stans", "my wife Nina Petrovna",
    // "General Nosavan", "the Boun Oum group", "Premier Souvana Phouma"
    // as the letter spells him, "adherents of Chiang-Kai-shek"); not the
    // spans that differ from the markup's ("[Anatoly] Dobrynin" for
    // "Dobrynin", "Jacob Malik" for "Malik", "Rogers" in "William
    // Rogers", "Kai-shek"), "Gleason" (gear), "Pathet Lao" or the places.
    "eisenhower",
    "lodge",
    "krimer",
    "walsh",
    "hardin",
    "nikita khrushchev",
    "ralph bunche",
    "dubcek",
    "sihanouk",
    "nina petrovna",
    "nosavan",
    "boun oum",
    "souvana phouma",
    "taylor",
    "chiang",
    // read while tuning on it
    "chiang-kai-shek",
    "chiang kai-shek",
    "chiang kai shek",
    // tests/fixtures/tei-v22-v29, read while tuning on it: unmarked
    // mentions of marked persons.
    "fitzgerald",
    "pak chung hui",
    // tests/fixtures/tei-v30-v19 (FRUS 1964–68 vol. XXX, 1958–60 vol. XIX),
    // judged after its one run: persons its markup leaves plain ("Wang
    // said Paracels are Chinese", "Wilson mission", "Senators Morse and
    // Gruening", "they had had Senghor in Ottawa", "Dr. S.Y.Tan,
    // Minister", "Senator Fulbright", "statements by Peng Te-huai", "Sir
    // Robert Ho-tung", "memorandum from Jeff Parsons", "talk to Dick
    // Nixon", "Vice President Chen Cheng's", "Tunku Abdul Rahman"); not
    // the spans that differ from the markup's ("H.E. Paul Martin",
    // "Adenauer of Germany", "Peiping Mao"), titles and nicknames used
    // as names ("Generalissimo's", "Gimo"), or things ("Pegasus",
    // "Gallup Poll", "Front", "Chinas").
    "wang",
    "wilson",
    "gruening",
    "senghor",
    "s.y.tan",
    "s y tan",
    "fulbright",
    "peng te huai",
    "peng",
    "robert ho tung",
    "dick nixon",
    "jeff parsons",
    "chen cheng",
    "tunku abdul rahman",
    // tests/fixtures/tei-v11-v3 (FRUS 1964–68 vol. XI, 1955–57 vol. III),
    // judged after its one run: persons its markup leaves plain
    // ("imprisonment Father Wagner", "Thomas R. Bowden, Acting Director",
    // "Dr. Walter Rieger", "including Birrenbach", "Edwin D. Crowley,
    // EUR/GER", "Hornig, and Bundy"); not the spans that differ from the
    // markup's ("Yu Ta" and "Wei" for "Yu Ta-Wei", "Gaulle" of "de
    // Gaulle"), or things ("State" and "States", "Matador", "Plowshare",
    // "Water", "Bundestag", "Sylvania Electric", "Mercator Projection").
    "wagner",
    "thomas r bowden",
    "bowden",
    "walter rieger",
    "birrenbach",
    "edwin d crowley",
    "bundy",
    // read while tuning on it: "live with de Gaulle", whole once the
    // particle opens the name.
    "de gaulle",
    // tests/fixtures/tei-v8-v17 (FRUS 1961–63 vol. VIII, 1964–68 vol.
    // XVII), judged after its one run: persons its markup leaves plain,
    // often all mentions after the first ("Dave Bell", "Averell Harriman",
    // "Ed Murrow", "probably Max Taylor", "Ewell reported", "McGeorge
    // Bundy", "Henry Owen", "Ambassador Hazi", "as Lisle had already told
    // Nagy", "Ambassador Crnobrnja", "Stalin", "Tito’s", "Madame Broz",
    // "Kosygin", "Orme Wilson", "Guerassimov", "Drafted by Houston",
    // "Vesselin Vassilev, Attache", "Departure of Tarabanov"); not the spans
    // that differ from the markup's ("Dillon" of "Douglas Dillon", "McG" of
    // "McG. B.", "Averell" alone, "Robert B. Houston" of "…, Jr."), or
    // things ("Yugoslav", "Dynosoar", "Polaris", "Skybolt", "Relo",
    // "Genesis", "Vanga").
    "dave bell",
    "averell harriman",
    "ed murrow",
    "max taylor",
    "ewell",
    "mcgeorge bundy",
    "henry owen",
    "owen",
    "hazi",
    "lisle",
    "bogdan crnobrnja",
    "crnobrnja",
    "stalin",
    "tito",
    "broz",
    "kosygin",
    "orme wilson",
    "guerassimov",
    "houston",
    "vesselin vassilev",
    "tarabanov",
    // tests/fixtures/tei-v10-v13 (FRUS 1958–60 vol. X part 2, 1964–68 vol.
    // XIII), judged after its one run: persons its markup leaves plain, most
    // of a meeting's participants and speakers ("Mr. Murat W. Williams,
    // Deputy Director", "Mrs. Sissman noted", "Messrs. Kaplan and
    // Sanderson", "Chief of Naval Operations Burke", "Mr. Kucherov of the
    // U.S. News", "Beethoven", "Goethe", "Hitler", "Minister Terruzzi",
    // "Ferri's"); not the spans that differ from the markup's ("Stabler" of
    // "Wells Stabler", "W. Taylor" of "Rush W. Taylor, Jr.", "Chef Karl" and
    // "Heinz Narjes" of "Aide du Chef Karl-Heinz Narjes"), or things and
    // places ("Messrs", "Swiss", "Weser", "Kennedy Round", "Trojan",
    // "Sec State", "Ottoman Empire", "Teutonic Knights", "Lwow", "Wilno",
    // "Oder", "Neisse", "Milwaukee", "Selma").
    "burke",
    "maynard glitman",
    "vinton mitchell",
    "mitchell",
    "howard j ashford",
    "ashford",
    "kearns",
    "louise sissman",
    "sissman",
    "stanley metzger",
    "metzger",
    "robert yost",
    "yost",
    "kaplan",
    "sanderson",
    "murat w williams",
    "francis f lincoln",
    "robert meyer",
    "kucherov",
    "beethoven",
    "goethe",
    "heine",
    "schiller",
    "hitler",
    "felicjan dembinski",
    "stanislaw gucwa",
    "e s glenn",
    "marian dobrosielski",
    "terruzzi",
    "ferri",
    // read while tuning on it: "Aide du Chef Karl-Heinz Narjes", whose
    // markup marks "Karl" alone.
    "karl heinz narjes",
    // tests/fixtures/tei-v10-v2 (FRUS 1955–57 vol. X, 1958–60 vol. II),
    // judged after its one run: persons its markup leaves plain, most of a
    // Council meeting's speakers ("Herter", "Drs. Edward Purcell and
    // Herbert York", "Dr. T. Keith Glennan, Administrator", "S. Everett
    // Gleason", "Mr. Allen Dulles observed … Dulles", "Capt. Thorp", "King
    // Saud", "Khrushchev’s challenge", "Mr. Hair’s suggestion" and
    // "Secretary Quarks" as the text spells them); not things ("Saudi",
    // "Commie", "Intelligence" of "Central Intelligence", "Interior",
    // "Administrator", "Drs").
    "thorp",
    "saud",
    "hair",
    "herter",
    "herbert york",
    "york",
    "purcell",
    "t keith glennan",
    "glennan",
    "s everett gleason",
    "gleason",
    "khrushchev",
    "dulles",
    "quarks",
    // tests/fixtures/tei-v15-v1 (FRUS 1964–68 vol. XV, 1969–76 vol. I),
    // judged after its one run: persons its markup leaves plain, most of a
    // meeting's speakers ("Malcolm Moos:", "Levi: Stated"), Germans named
    // again and again ("Schroeder", "Erhard", "Kiesinger's" — a person, but
    // proposed as a variant spelling of Kissinger's name, wrongly), "General
    // Clay", "Connally and Barber", "Congressman William Stanton", "Thomas
    // Bell", "Roben W. Fleming" as the text spells him; not the spans that
    // differ from the markup's ("William" of "William Friday"), or things
    // ("Kent State", "Cornell", "Berkeley", "Pentagon", "Senat",
    // "Parteitag", "Autobahn", "Quadripartite", "Big Four", "Germanies",
    // "Mickey Mouse", "I'm", "Perhaps", "Congressmen").
    "abrasimov",
    "kiesinger",
    "brezhnev",
    "ruete",
    "schroeder",
    "erhard",
    "barber",
    "connally",
    "gilbert",
    "carl j gilbert",
    "rockefeller",
    "nelson rockefeller",
    "c fred bergsten",
    "peterson",
    "clay",
    "pusey",
    "allen wallis",
    "w allen wallis",
    "wallis",
    "fred harrington",
    "fred h harrington",
    "malcolm levi",
    "levi",
    "edward levi",
    "malcolm moos",
    "moos",
    "sam brown",
    "alexander heard",
    "g alexander heard",
    "roben w fleming",
    "mccarthy",
    "finch",
    "edward l morgan",
    "morgan",
    "charles c hitch",
    "thomas bell",
    "william stanton",
    // tests/fixtures/tei-v26-v9 (FRUS 1955–57 vol. XXVI, 1961–63 vol.
    // IX), judged after its one run: persons its markup leaves plain,
    // most of a participants list ("Dr. Krekeler, German Ambassador",
    // "Mr. Creel", "Von Kessel", "Harkort", "Limbourg", "Lilienfeld",
    // "Jaenicke"), "Brentano", "Sandys", "Lemnitzer", "Drafted by
    // Klutznick, Seymour M. Finger, and David Tilson and cleared by …
    // Hefner", "Mac Bundy", "Ed Martin's", "Congressman Lipscomb", "Ambassador
    // Thompson's"; not the spans that differ ("Welck" of "Baron von Welck",
    // "Bundy of Defense", "Von Brentano United States"), or things ("USSR–GDR
    // Actions", "Problems", "A. Listing", "Developments During",
    // "Wehrmacht", "Kampfgruppen", "a Van de Graaf accelerator", "Dupont's").
    "howard furnas",
    "john c guthrie",
    "timmons",
    "creel",
    "parker",
    "von brentano",
    "brentano",
    "krekeler",
    "grewe",
    "von kessel",
    "harkort",
    "limbourg",
    "lilienfeld",
    "jaenicke",
    "sandys",
    "david tilson",
    "hefner",
    "seymour m finger",
    "hodges",
    "mac bundy",
    "james l colbert",
    "ed martin",
    "lipscomb",
    "thompson",
    "lemnitzer",
    "seymour weiss",
    "robert knight",
    "robert macy",
    // tests/fixtures/tei-v3-v16 (FRUS 1969–76 vol. III, 1961–63 vol.
    // XVI), judged after its one run: "conversation with Mates", "Drafted
    // by Cook", "Foreign Minister Averoff", "Ambassador Palamas", "Edgar R.
    // Faure", "Drafted by Kupinsky", "Chairman Ossola", "Giscard gave",
    // "Deputy Assistant Secretary Tietmeyer", "Pete Peterson"; not things
    // ("the Ten", "the Six", "Benelux", "Bundesbank", "the Hill").
    "mates",
    "cook",
    "eiler r cook",
    "averoff",
    "palamas",
    "edgar r faure",
    "kupinsky",
    "ossola",
    "giscard",
    "tietmeyer",
    "pete peterson",
    // tests/fixtures/tei-heldout (FRUS 1955–57 vol. XIX, 1958–60 vol. VII
    // part 1), judged after its one run: persons its markup leaves plain
    // ("Mr. Charles Sullivan, Director", "presided over by Karl Harr",
    // "Cutler", "Strauss", "Drs. Teller and Lawrence", "Niels H.D. Bohr",
    // "Goodpaster", "Curtis LeMay", "General Gruenther", a participants list
    // of Japanese and Americans, "Generals Lemnitzer and White", "Joxe,
    // Debre", "Gromyko’s", "Merchant", "Walter S. Robertson", "Gorman A.
    // Robertson" as the text spells him); not the spans that differ from
    // the markup's ("John Irwin" of "John Irwin II", "Elizabeth" of "Queen
    // Elizabeth II", "Hartley" of "Taft-Hartley"), or things ("Navy Air",
    // "Palais de Chaillot", "Uncle Sam", "Inglis", "Turbine Contract", "St.
    // LAWRENCE SEAWAY", "Orissa").
    "charles sullivan",
    "karl harr",
    "cutler",
    "strauss",
    "lawrence",
    "teller",
    "bohr",
    "niels h d bohr",
    "goodpaster",
    "lemay",
    "curtis lemay",
    "gruenther",
    "j graham parsons",
    "douglas macarthur",
    "david m bane",
    "richard l sneider",
    "sneider",
    "kishi",
    "nobusuke kishi",
    "asakai",
    "koichiro asakai",
    "aiichiro fujiyama",
    "haruki mori",
    "takeshi yasukawa",
    "white",
    "thomas d white",
    "debre",
    "gromyko",
    "merchant",
    "walter robertson",
    "walter s robertson",
    "gorman a robertson",
    // tests/fixtures/tei-heldout-b (FRUS 1964–68 vol. XVI, 1955–57 vol.
    // XIV), judged after its one run: persons its markup leaves plain ("Sir
    // Robert Scott", "Kaissouni", "Kyprianou said", "Suat Urguplu",
    // "Garoufalias", "Denktash", "moderates like Ihsan Ali", "Kollias
    // objected", "Costopoulos" and "Constopoulos" as the text once spells
    // him, "Papandreou", "King Constantine", "Nicolareizis'"); not things
    // ("H.M.G.", "Following is uncleared", "Nile", "Red Crescent",
    // "Junta", "Alsace", "Kastellorizon", "Greco-Turkish").
    "robert scott",
    "scott",
    "kaissouni",
    "kyprianou",
    "suat urguplu",
    "garoufalias",
    "denktash",
    "ihsan ali",
    "kollias",
    "costopoulos",
    "constopoulos",
    "papandreou",
    "constantine",
    "nicolareizis",
    // tests/fixtures/tei-v22-v29, read while tuning: "Thomson’s draft
    // memorandum" (James C. Thomson, Jr.), found once a name after an
    // initial counted as written mid-sentence.
    "thomson",
    // tests/fixtures/tei-v14-v19, read while tuning: "Rex Beach, Special
    // Assistant to Kennedy", found once a common word may be a surname.
    "rex beach",
];

/// A name's words with the leading titles detection knows dropped.
fn eval_key(name: &str) -> String {
    let key = person_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    let titles = words
        .iter()
        .take_while(|w| entities::detect::is_title(w))
        .count();
    words[titles.min(words.len().saturating_sub(1))..].join(" ")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tag {
    Person,
    Place,
    Org,
}

/// One gold span: document, paragraph, byte range, kind, `@corresp` key.
#[derive(Clone, Debug)]
struct Gold {
    doc: usize,
    para: u32,
    start: u32,
    end: u32,
    tag: Tag,
    key: String,
}

/// The element kind of each (key, text) the file marks.
fn tags_of(xml: &str) -> HashMap<(String, String), Tag> {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mut out = HashMap::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = match n.tag_name().name() {
            "persName" => Tag::Person,
            "placeName" => Tag::Place,
            "orgName" => Tag::Org,
            _ => continue,
        };
        let key = ["corresp", "ref", "key"]
            .iter()
            .find_map(|a| n.attribute(*a))
            .unwrap_or("")
            .trim_start_matches('#')
            .to_string();
        let text: String = n
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect();
        out.insert(
            (key, text.split_whitespace().collect::<Vec<_>>().join(" ")),
            tag,
        );
    }
    out
}

/// Imports the fixtures, takes their Name spans out as gold.
fn load(files: &[&Path]) -> (Vec<Document>, Vec<Gold>) {
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).unwrap();
        let tags = tags_of(std::str::from_utf8(&bytes).unwrap());
        let name = path.file_name().unwrap().to_string_lossy();
        let volume = name
            .rsplit_once("-d")
            .map_or(&*name, |(v, _)| v)
            .to_string();
        let (file, _) = docent::import::tei::parse_file(&format!("documents/{name}"), &bytes);
        for mut d in file.documents {
            let di = docs.len();
            for (pi, p) in d.paragraphs.iter_mut().enumerate() {
                for s in &p.spans {
                    if let SpanKind::Name(key) = &s.kind {
                        let text = p.text[s.start as usize..s.end as usize]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        let tag = tags
                            .get(&(key.clone(), text.clone()))
                            .copied()
                            .unwrap_or_else(|| {
                                // Text with a footnote marker inside: by key alone.
                                tags.iter()
                                    .find(|((k, t), _)| k == key && text.starts_with(t.as_str()))
                                    .map_or(Tag::Person, |(_, t)| *t)
                            });
                        gold.push(Gold {
                            doc: di,
                            para: pi as u32,
                            start: s.start,
                            end: s.end,
                            tag,
                            // Keys are the volume's own: p_HS1 is S. K.
                            // Huang in one volume and Sol Hurok in another.
                            key: if key.is_empty() {
                                String::new()
                            } else {
                                format!("{volume}:{key}")
                            },
                        });
                    }
                }
                p.spans.retain(|s| !matches!(s.kind, SpanKind::Name(_)));
            }
            docs.push(d);
        }
    }
    (docs, gold)
}

/// Figures for one kind, and the differences.
#[derive(Default, Debug)]
struct Score {
    correct: usize,
    /// Correct, or an unmarked person judged by hand.
    judged: usize,
    detected: usize,
    matched_gold: usize,
    gold: usize,
    persons: usize,
    grouped: usize,
    entities: usize,
    pure: usize,
    diffs: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.correct as f64 / self.detected.max(1) as f64
    }
    fn judged_precision(&self) -> f64 {
        self.judged as f64 / self.detected.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.matched_gold as f64 / self.gold.max(1) as f64
    }
    fn grouping(&self) -> f64 {
        self.grouped as f64 / self.persons.max(1) as f64
    }
}

fn score(docs: &[Document], gold: &[Gold], tag: Tag) -> Score {
    let found = entities::detect(docs, &Register::default());
    let reg = Register::new(
        found.into_iter().map(|f| f.entity).collect(),
        vec![],
        "found",
    );
    let mentions = Mentions::build(&reg, docs);
    let kind = match tag {
        Tag::Person => entities::Kind::Person,
        Tag::Place => entities::Kind::Place,
        Tag::Org => entities::Kind::Organization,
    };
    let text = |d: usize, p: u32, s: u32, e: u32| -> &str {
        &docs[d].paragraphs[p as usize].text[s as usize..e as usize]
    };
    let gold: Vec<&Gold> = gold.iter().filter(|g| g.tag == tag).collect();
    let mut s = Score {
        gold: gold.len(),
        ..Default::default()
    };
    let mut hit = vec![false; gold.len()];
    // gold person key -> found entities of its matched mentions
    let mut groups: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut members: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for (di, (_, ms)) in mentions.docs.iter().enumerate() {
        for m in ms {
            if reg.entities[m.entities[0] as usize].kind != kind {
                continue;
            }
            s.detected += 1;
            let surface = text(di, m.paragraph, m.start, m.end);
            let key = eval_key(surface);
            let g = gold.iter().position(|g| {
                g.doc == di
                    && g.para == m.paragraph
                    && g.start < m.end
                    && m.start < g.end
                    && eval_key(text(g.doc, g.para, g.start, g.end)) == key
            });
            match g {
                Some(i) => {
                    s.correct += 1;
                    s.judged += 1;
                    hit[i] = true;
                    if !gold[i].key.is_empty() && m.entities.len() == 1 {
                        groups
                            .entry(gold[i].key.clone())
                            .or_default()
                            .insert(m.entities[0]);
                        members
                            .entry(m.entities[0])
                            .or_default()
                            .insert(gold[i].key.clone());
                    }
                }
                None => {
                    let unmarked = tag == Tag::Person && UNMARKED_PERSONS.contains(&key.as_str());
                    if unmarked {
                        s.judged += 1;
                    }
                    s.diffs.push(format!(
                        "{}   {} ¶{} «{surface}» as {}",
                        if unmarked { "plain" } else { "extra" },
                        docs[di].id,
                        m.paragraph,
                        reg.entities[m.entities[0] as usize].name
                    ));
                    if std::env::var_os("NAMES_EVAL_CONTEXT").is_some() {
                        s.diffs.push(format!(
                            "          in «{}»",
                            docs[di].paragraphs[m.paragraph as usize].text
                        ));
                    }
                }
            }
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if hit[i] {
            s.matched_gold += 1;
        } else {
            s.diffs.push(format!(
                "missed  {} ¶{} «{}» ({})",
                docs[g.doc].id,
                g.para,
                text(g.doc, g.para, g.start, g.end),
                g.key
            ));
        }
    }
    s.persons = groups.len();
    for (k, es) in &groups {
        if es.len() == 1 {
            s.grouped += 1;
        } else {
            let names: Vec<&str> = es
                .iter()
                .map(|&e| reg.entities[e as usize].name.as_str())
                .collect();
            s.diffs.push(format!("split   {k} into {names:?}"));
        }
    }
    s.entities = members.len();
    for (e, ks) in &members {
        // One person across volumes bears one key in each.
        let volumes: BTreeSet<&str> = ks.iter().map(|k| k.split(':').next().unwrap()).collect();
        if volumes.len() == ks.len() {
            s.pure += 1;
        } else {
            s.diffs.push(format!(
                "merged  {ks:?} in {}",
                reg.entities[*e as usize].name
            ));
        }
    }
    s
}

fn fixtures(dir: &str, names: &[&str]) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    names.iter().map(|n| root.join(n)).collect()
}

/// Every document of tests/fixtures/tei was read while tuning: d90, d91,
/// d93, d95 first, then d97, d101, d105, d106 (held out until their errors
/// were listed and fixed).
const TUNED: &[&str] = &[
    "frus1955-57v23p1-d90.xml",
    "frus1955-57v23p1-d91.xml",
    "frus1955-57v23p1-d93.xml",
    "frus1955-57v23p1-d95.xml",
    "frus1955-57v23p1-d97.xml",
    "frus1955-57v23p1-d101.xml",
    "frus1955-57v23p1-d105.xml",
    "frus1955-57v23p1-d106.xml",
];

/// FRUS 1955–57 vol. XXIV (Cyprus, 1955): held out for one run (judged
/// precision 0.764, recall 0.976, grouping 0.941), then tuned on.
const TUNED_V24: &[&str] = &[
    "frus1955-57v24-d144.xml",
    "frus1955-57v24-d145.xml",
    "frus1955-57v24-d146.xml",
    "frus1955-57v24-d147.xml",
    "frus1955-57v24-d148.xml",
];

/// FRUS 1958–60 vol. XVIII (Japan) and 1961–63 vol. V (Soviet Union):
/// held out for one run (judged precision 0.867, recall 0.950, grouping
/// 1.000), then tuned on.
const TUNED_V18_V5: &[&str] = &[
    "frus1958-60v18-d39.xml",
    "frus1958-60v18-d40.xml",
    "frus1958-60v18-d132.xml",
    "frus1961-63v05-d237.xml",
    "frus1961-63v05-d363.xml",
    "frus1961-63v05-d364.xml",
];

/// FRUS 1961–63 vol. XXII (Northeast Asia) and 1964–68 vol. XXIX part 2
/// (Japan): held out for one run (judged precision 0.858, recall 0.953,
/// grouping 1.000), then tuned on.
const TUNED_V22_V29: &[&str] = &[
    "frus1961-63v22-d232.xml",
    "frus1961-63v22-d233.xml",
    "frus1961-63v22-d234.xml",
    "frus1964-68v29p2-d42.xml",
    "frus1964-68v29p2-d103.xml",
    "frus1964-68v29p2-d105.xml",
];

/// FRUS 1952–54 vol. XIV part 2 (China and Japan) and 1961–63 vol. XV
/// (Berlin crisis): held out for one run (judged precision 0.696, recall
/// 0.907, grouping 1.000), then tuned on.
const TUNED_V14_V15: &[&str] = &[
    "frus1952-54v14p2-d675.xml",
    "frus1952-54v14p2-d790.xml",
    "frus1952-54v14p2-d825.xml",
    "frus1961-63v15-d218.xml",
    "frus1961-63v15-d225.xml",
    "frus1961-63v15-d226.xml",
];

/// FRUS 1964–68 vol. XIV (Soviet Union) and 1969–76 vol. XIX part 2
/// (Japan, 1969–1972): held out for one run (judged precision 0.858,
/// recall 0.975, grouping 1.000), then tuned on.
const TUNED_V14_V19: &[&str] = &[
    "frus1964-68v14-d76.xml",
    "frus1964-68v14-d172.xml",
    "frus1964-68v14-d267.xml",
    "frus1969-76v19p2-d30.xml",
    "frus1969-76v19p2-d86.xml",
    "frus1969-76v19p2-d113.xml",
];

/// FRUS 1969–76 vol. XII (Soviet Union) and 1961–63 vol. VI
/// (Kennedy–Khrushchev exchanges): held out for one run (judged precision
/// 0.829, recall 0.904, grouping 1.000), then tuned on.
const TUNED_V12_V6: &[&str] = &[
    "frus1969-76v12-d31.xml",
    "frus1969-76v12-d104.xml",
    "frus1969-76v12-d169.xml",
    "frus1961-63v06-d24.xml",
    "frus1961-63v06-d74.xml",
    "frus1961-63v06-d91.xml",
];

/// FRUS 1964–68 vol. XXX (China) and 1958–60 vol. XIX (China): held out
/// for one run (judged precision 0.890, recall 0.974, grouping 0.842),
/// then tuned on.
const TUNED_V30_V19: &[&str] = &[
    "frus1964-68v30-d91.xml",
    "frus1964-68v30-d189.xml",
    "frus1964-68v30-d287.xml",
    "frus1958-60v19-d105.xml",
    "frus1958-60v19-d223.xml",
    "frus1958-60v19-d341.xml",
];

/// FRUS 1964–68 vol. XI (arms control and disarmament) and 1955–57 vol.
/// III (China): held out for one run (judged precision 0.757, recall
/// 0.949, grouping 1.000), then tuned on.
const TUNED_V11_V3: &[&str] = &[
    "frus1964-68v11-d70.xml",
    "frus1964-68v11-d179.xml",
    "frus1964-68v11-d259.xml",
    "frus1955-57v03-d72.xml",
    "frus1955-57v03-d154.xml",
    "frus1955-57v03-d251.xml",
];

/// FRUS 1961–63 vol. VIII (national security policy) and 1964–68 vol.
/// XVII (Eastern Europe): held out for one run (judged precision 0.892,
/// recall 0.890, grouping 1.000), then tuned on.
const TUNED_V8_V17: &[&str] = &[
    "frus1961-63v08-d51.xml",
    "frus1961-63v08-d94.xml",
    "frus1961-63v08-d131.xml",
    "frus1964-68v17-d35.xml",
    "frus1964-68v17-d112.xml",
    "frus1964-68v17-d186.xml",
];

/// FRUS 1958–60 vol. X part 2 (Eastern Europe; Finland; Greece; Turkey)
/// and 1964–68 vol. XIII (Western Europe region): held out for one run
/// (judged precision 0.893, recall 0.961, grouping 1.000), then tuned on.
const TUNED_V10_V13: &[&str] = &[
    "frus1958-60v10p2-d85.xml",
    "frus1958-60v10p2-d212.xml",
    "frus1958-60v10p2-d319.xml",
    "frus1964-68v13-d77.xml",
    "frus1964-68v13-d178.xml",
    "frus1964-68v13-d278.xml",
];

/// FRUS 1955–57 vol. X (foreign aid and economic defense policy) and
/// 1958–60 vol. II (United Nations and general international matters):
/// held out for one run (judged precision 0.937, recall 0.993, grouping
/// 1.000), then tuned on.
const TUNED_V10_V2: &[&str] = &[
    "frus1955-57v10-d40.xml",
    "frus1955-57v10-d142.xml",
    "frus1955-57v10-d233.xml",
    "frus1958-60v02-d159.xml",
    "frus1958-60v02-d283.xml",
    "frus1958-60v02-d437.xml",
];

/// FRUS 1964–68 vol. XV (Germany and Berlin) and 1969–76 vol. I
/// (foundations of foreign policy): held out for one run (judged precision
/// 0.873, recall 0.933, grouping 1.000), then tuned on.
const TUNED_V15_V1: &[&str] = &[
    "frus1964-68v15-d84.xml",
    "frus1964-68v15-d183.xml",
    "frus1964-68v15-d274.xml",
    "frus1969-76v01-d35.xml",
    "frus1969-76v01-d66.xml",
    "frus1969-76v01-d102.xml",
];

/// FRUS 1955–57 vol. XXVI (Central and Southeastern Europe) and 1961–63
/// vol. IX (foreign economic policy): held out for one run (judged precision
/// 0.909, recall 0.974, grouping 1.000), then tuned on.
const TUNED_V26_V9: &[&str] = &[
    "frus1955-57v26-d96.xml",
    "frus1955-57v26-d228.xml",
    "frus1955-57v26-d279.xml",
    "frus1961-63v09-d93.xml",
    "frus1961-63v09-d195.xml",
    "frus1961-63v09-d298.xml",
];

/// FRUS 1969–76 vol. III (foreign economic policy, 1969–1972) and 1961–63
/// vol. XVI (Eastern Europe; Cyprus; Greece; Turkey): held out for one run
/// (judged precision 0.917, recall 0.944, grouping 0.971), then tuned on.
const TUNED_V3_V16: &[&str] = &[
    "frus1969-76v03-d64.xml",
    "frus1969-76v03-d133.xml",
    "frus1969-76v03-d190.xml",
    "frus1961-63v16-d102.xml",
    "frus1961-63v16-d205.xml",
    "frus1961-63v16-d332.xml",
];

/// FRUS 1955–57 vol. XIX (national security policy) and 1958–60 vol. VII
/// part 1 (Western European integration and security; Canada): chosen by
/// someone else by position, size and markup counts, never read while
/// tuning.
const HELD_OUT: &[&str] = &[
    "frus1955-57v19-d65.xml",
    "frus1955-57v19-d107.xml",
    "frus1955-57v19-d151.xml",
    "frus1958-60v07p1-d100.xml",
    "frus1958-60v07p1-d226.xml",
    "frus1958-60v07p1-d301.xml",
];

/// FRUS 1964–68 vol. XVI (Cyprus; Greece; Turkey) and 1955–57 vol. XIV
/// (Arab-Israeli dispute, 1955): a second held-out set, chosen the same
/// way from two other volumes, never read while tuning.
const HELD_OUT_B: &[&str] = &[
    "frus1964-68v16-d84.xml",
    "frus1964-68v16-d185.xml",
    "frus1964-68v16-d291.xml",
    "frus1955-57v14-d125.xml",
    "frus1955-57v14-d314.xml",
    "frus1955-57v14-d423.xml",
];

/// Scores one set and prints it; `verbose` lists every difference.
fn report(label: &str, files: &[std::path::PathBuf]) -> [Score; 3] {
    let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let (docs, gold) = load(&paths);
    let verbose = std::env::var_os("NAMES_EVAL_VERBOSE").is_some();
    let scores = [Tag::Person, Tag::Place, Tag::Org].map(|t| score(&docs, &gold, t));
    for (t, s) in ["persons", "places", "organizations"].iter().zip(&scores) {
        println!(
            "{label:<10} {t:<13} precision {:.3} ({}/{}) judged {:.3} ({}/{})  recall {:.3} ({}/{})  grouped {:.3} ({}/{})  pure {}/{}",
            s.precision(),
            s.correct,
            s.detected,
            s.judged_precision(),
            s.judged,
            s.detected,
            s.recall(),
            s.matched_gold,
            s.gold,
            s.grouping(),
            s.grouped,
            s.persons,
            s.pure,
            s.entities
        );
        if verbose {
            for d in &s.diffs {
                println!("    {d}");
            }
        }
    }
    scores
}

/// The floors on person mentions: judged precision, recall, grouping.
/// The issue asks for 0.9 / 0.9 / 1.0 on held-out documents. Each held-out
/// set was measured once, then tuned on: vol. XXIV judged precision 0.764,
/// recall 0.976, grouping 0.941; vol. XVIII + V 0.867, 0.950, 1.000; vol.
/// XXII + XXIX 0.858, 0.953, 1.000; vol. XIV (1952–54) + XV 0.696, 0.907,
/// 1.000; vol. XIV (1964–68) + XIX 0.858, 0.975, 1.000; vol. XII + VI
/// 0.829, 0.904, 1.000; vol. XXX + XIX 0.890, 0.974, 0.842; vol. XI + III
/// 0.757, 0.949, 1.000; vol. VIII + XVII 0.892, 0.890, 1.000; vol. X part
/// 2 + XIII 0.893, 0.961, 1.000; vol. X (1955–57) + II 0.937, 0.993,
/// 1.000; vol. XV + I 0.873, 0.933, 1.000; vol. XXVI + IX 0.909, 0.974,
/// 1.000; vol. III + XVI 0.917, 0.944, 0.971. The two sets held out now,
/// each measured once on the same detection and not tuned on:
/// tests/fixtures/tei-heldout (1955–57 vol. XIX, 1958–60 vol. VII part 1)
/// 0.924 (171/185; strict 0.676, against the markup alone), 0.940
/// (125/133), 1.000 (32/32); tests/fixtures/tei-heldout-b (1964–68 vol.
/// XVI, 1955–57 vol. XIV) 0.923 (169/183; strict 0.716), 0.963 (131/136),
/// 1.000 (36/36) — together 0.924 (340/368), 0.952 (256/269), 1.000
/// (68/68). What is wrong: names of things and places without a cue
/// ("Nile", "Alsace", "Orissa", "Inglis", "Navy Air", "Uncle Sam", "Red
/// Crescent", "Junta"), a capitalized "Following" opening a telegram,
/// "H.M.G.", shouting capitals ("St. LAWRENCE SEAWAY"), spans that differ
/// ("John Irwin" of "John Irwin II"). The held-out floors are those runs'
/// figures.
fn check(label: &str, files: &[std::path::PathBuf], precision: f64, recall: f64, grouping: f64) {
    let [p, _, _] = report(label, files);
    assert!(
        p.gold >= 10,
        "{label}: the gold set lost its persons ({})",
        p.gold
    );
    assert!(
        p.judged_precision() >= precision && p.recall() >= recall && p.grouping() >= grouping,
        "{label}: persons judged precision {:.3}, recall {:.3}, grouping {:.3} under the floor:\n{}",
        p.judged_precision(),
        p.recall(),
        p.grouping(),
        p.diffs.join("\n")
    );
}

#[test]
fn persons_found_without_a_register_tuned_set() {
    let mut files = fixtures("tests/fixtures/tei", TUNED);
    files.extend(fixtures("tests/fixtures/tei-v24", TUNED_V24));
    files.extend(fixtures("tests/fixtures/tei-v18-v5", TUNED_V18_V5));
    files.extend(fixtures("tests/fixtures/tei-v22-v29", TUNED_V22_V29));
    files.extend(fixtures("tests/fixtures/tei-v14-v15", TUNED_V14_V15));
    files.extend(fixtures("tests/fixtures/tei-v14-v19", TUNED_V14_V19));
    files.extend(fixtures("tests/fixtures/tei-v12-v6", TUNED_V12_V6));
    files.extend(fixtures("tests/fixtures/tei-v30-v19", TUNED_V30_V19));
    files.extend(fixtures("tests/fixtures/tei-v11-v3", TUNED_V11_V3));
    files.extend(fixtures("tests/fixtures/tei-v8-v17", TUNED_V8_V17));
    files.extend(fixtures("tests/fixtures/tei-v10-v13", TUNED_V10_V13));
    files.extend(fixtures("tests/fixtures/tei-v10-v2", TUNED_V10_V2));
    files.extend(fixtures("tests/fixtures/tei-v15-v1", TUNED_V15_V1));
    files.extend(fixtures("tests/fixtures/tei-v26-v9", TUNED_V26_V9));
    files.extend(fixtures("tests/fixtures/tei-v3-v16", TUNED_V3_V16));
    // Two persons stay split, by design: the markup's "Generalissimo" alone
    // is a title, not a name of Chiang Kai-shek's; "Ambassador Yen" (for
    // Yeh) is one letter off a three-letter name, too short to be proposed
    // as a variant (Kim and Kin are two people).
    check("tuned", &files, 0.9, 0.9, 0.99);
}

#[test]
fn persons_found_without_a_register_held_out() {
    check(
        "held-out",
        &fixtures("tests/fixtures/tei-heldout", HELD_OUT),
        0.924,
        0.939,
        1.0,
    );
}

#[test]
fn persons_found_without_a_register_held_out_b() {
    check(
        "held-out-b",
        &fixtures("tests/fixtures/tei-heldout-b", HELD_OUT_B),
        0.923,
        0.963,
        1.0,
    );
}
