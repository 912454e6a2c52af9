//! Places named without a cue in archival English: the countries of the
//! world (and their names of 1945–1990), their capitals, the larger cities
//! and regions, the US states. A closed list of world geography, not this
//! corpus's names; everything else is a place only by its context ("in
//! Naha", "the Kago Shima prefecture").
//!
//! Left out on purpose: places whose name is also a common given name or
//! surname (Chad, Georgia, Virginia, Sofia, Victoria, Florence, Santiago,
//! Wellington, Salisbury, Hamilton, Kingston, Lincoln, Jackson, Togo, Nara),
//! which only their context may make places.
//!
//! Names of several words are written as one key, their folded words run
//! together ("newzealand", "phnompenh"), or by a last word no person bears
//! ("kong" of Hong Kong, "arabia" of Saudi Arabia; not "bator" of Ulan
//! Bator: Francis Bator).

use std::collections::HashSet;
use std::sync::OnceLock;

#[rustfmt::skip]
const PLACES: &[&str] = &[
    // Countries, and their names of the period.
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia",
    "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belgium", "belize",
    "benin", "bhutan", "bolivia", "botswana", "brazil", "brunei", "bulgaria", "burma", "burundi",
    "byelorussia", "belorussia", "cambodia", "cameroon", "canada", "ceylon", "chile", "china",
    "colombia", "congo", "costarica", "croatia", "cuba", "cyprus", "czechoslovakia", "dahomey",
    "denmark", "djibouti", "dominica", "ecuador", "egypt", "elsalvador", "england", "eritrea",
    "estonia", "ethiopia", "fiji", "finland", "formosa", "france", "gabon", "gambia", "germany",
    "ghana", "greece", "grenada", "guatemala", "guinea", "guyana", "haiti", "holland", "honduras",
    "hungary", "iceland", "india", "indochina", "indonesia", "iran", "iraq", "ireland", "israel",
    "italy", "jamaica", "japan", "jordan", "kampuchea", "kazakhstan", "kenya", "korea", "kuwait",
    "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein",
    "lithuania", "luxembourg", "madagascar", "malawi", "malaya", "malaysia", "maldives", "mali",
    "malta", "manchuria", "mauritania", "mauritius", "mexico", "moldavia", "moldova", "monaco",
    "mongolia", "morocco", "mozambique", "namibia", "nepal", "netherlands", "newzealand",
    "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan", "palestine", "panama",
    "paraguay", "persia", "peru", "philippines", "poland", "portugal", "qatar", "rhodesia",
    "romania", "rumania", "russia", "rwanda", "arabia", "scotland", "senegal", "serbia", "siam",
    "sierraleone", "singapore", "slovakia", "slovenia", "somalia", "africa", "spain", "srilanka",
    "sudan", "surinam", "suriname", "swaziland", "sweden", "switzerland", "syria", "taiwan",
    "tajikistan", "tanganyika", "tanzania", "thailand", "tibet", "tunisia", "turkey",
    "turkmenistan", "uganda", "ukraine", "uruguay", "uzbekistan", "venezuela", "vietnam", "wales",
    "yemen", "yugoslavia", "zaire", "zambia", "zanzibar", "zimbabwe", "britain",
    // Continents and regions.
    "europe", "asia", "america", "americas", "eurasia", "oceania", "antarctica",
    "siberia", "sakhalin", "kamchatka", "karafuto", "hokkaido", "honshu", "kyushu", "shikoku",
    "okinawa", "ryukyus", "kuriles", "bonins", "habomai", "shikotan", "etorofu", "kunashiri",
    "chishima", "sinkiang", "xinjiang", "kashmir", "punjab", "bengal", "balkans", "scandinavia",
    "caucasus", "crimea", "silesia", "prussia", "bavaria", "saxony", "bohemia", "moravia",
    "transylvania", "macedonia", "anatolia", "mesopotamia", "sinai", "gaza", "quemoy", "matsu",
    "pescadores", "hainan", "guam", "saipan", "iwojima", "hawaii", "alaska", "micronesia",
    "polynesia", "melanesia", "indochine", "cochinchina", "tonkin", "annam", "kongo", "katanga",
    "biafra", "sahara", "andalusia", "catalonia", "lapland", "karelia", "yakutia", "ussuri",
    // Rivers named alone ("the Oder").
    "oder", "neisse", "vistula", "danube", "rhine", "elbe", "volga", "amur", "yalu", "mekong",
    "yangtze", "euphrates", "tigris", "zambezi",
    // Capitals and larger cities.
    "moscow", "tokyo", "washington", "london", "paris", "peking", "beijing", "peiping", "berlin",
    "geneva", "seoul", "taipei", "manila", "delhi", "newdelhi", "bonn", "vienna", "rome",
    "ottawa", "canberra", "hongkong", "kong", "warsaw", "prague", "budapest", "bucharest",
    "belgrade", "tirana", "helsinki", "stockholm", "oslo", "copenhagen", "reykjavik", "dublin",
    "brussels", "amsterdam", "hague", "bern", "berne", "madrid", "lisbon", "athens", "ankara",
    "istanbul", "constantinople", "nicosia", "cairo", "alexandria", "damascus", "beirut",
    "amman", "baghdad", "tehran", "teheran", "riyadh", "jidda", "jeddah", "mecca", "aden",
    "kabul", "karachi", "rawalpindi", "islamabad", "lahore", "bombay", "calcutta", "madras",
    "colombo", "kathmandu", "rangoon", "mandalay", "bangkok", "vientiane", "phnompenh", "penh",
    "saigon", "hanoi", "haiphong", "danang", "djakarta", "jakarta", "batavia",
    "kualalumpur", "lumpur", "pyongyang", "panmunjom", "pusan", "inchon", "ulanbator",
    "vladivostok", "khabarovsk", "leningrad", "stalingrad", "volgograd", "kiev", "minsk",
    "riga", "tallinn", "vilnius", "tbilisi", "tiflis", "baku", "tashkent", "almaata",
    "novosibirsk", "irkutsk", "murmansk", "odessa", "sevastopol", "yalta", "potsdam", "munich",
    "frankfurt", "hamburg", "cologne", "dresden", "leipzig", "stuttgart", "nuremberg", "danzig",
    "gdansk", "krakow", "cracow", "zurich", "milan", "naples", "venice", "turin", "trieste",
    "marseilles", "marseille", "bordeaux", "strasbourg", "edinburgh",
    "glasgow", "liverpool", "belfast", "rotterdam", "antwerp", "barcelona", "gibraltar",
    "algiers", "tunis", "tripoli", "rabat", "casablanca", "khartoum", "addisababa", "ababa",
    "nairobi", "mombasa", "kampala", "leopoldville", "kinshasa", "brazzaville", "lagos",
    "accra", "dakar", "conakry", "johannesburg", "pretoria", "capetown", "havana", "caracas",
    "bogota", "quito", "lima", "montevideo", "asuncion", "lapaz", "brasilia", "buenosaires",
    "aires", "riodejaneiro", "janeiro", "mexicocity", "newyork", "chicago", "philadelphia",
    "detroit", "honolulu", "sanfrancisco", "losangeles", "angeles", "baltimore", "pittsburgh",
    "shanghai", "canton", "guangzhou", "nanking", "nanjing", "mukden", "shenyang", "harbin",
    "dairen", "dalian", "tientsin", "tianjin", "hankow", "wuhan", "chungking", "chongqing",
    "lhasa", "macao", "macau", "osaka", "kyoto", "kobe", "yokohama", "nagasaki", "hiroshima",
    "nagoya", "sapporo", "sendai", "fukuoka", "niigata", "hakodate", "kagoshima", "naha",
    "yokosuka", "sasebo", "nemuro", "wakkanai", "otaru", "maizuru", "lwow", "lvov", "lviv",
    "lemberg", "wilno", "vilna", "konigsberg", "kaliningrad", "breslau", "wroclaw", "stettin",
    "szczecin", "posen", "poznan", "memel", "klaipeda", "lodz", "katowice", "milwaukee",
    "boston", "seattle", "denver", "atlanta", "miami", "minneapolis", "cincinnati", "newark",
    "berkeley", "oxford", "cambridge",
    "foochow", "fuzhou", "amoy", "xiamen", "swatow", "shantou", "tsingtao", "qingdao", "chefoo",
    "kunming", "sian", "xian", "lanchow", "chengtu", "chengdu", "changsha", "kweilin", "nanning",
    "urumchi", "urumqi", "tachen", "tachens", "kinmen", "keelung", "kaohsiung", "tainan",
    // US states.
    "alabama", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
    "florida", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana",
    "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri",
    "montana", "nebraska", "nevada", "newhampshire", "newjersey", "newmexico", "ohio",
    "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont", "wisconsin",
    "wyoming", "carolina", "dakota",
    // Russian.
    "япония", "китай", "россия", "москва", "токио", "америка", "сахалин", "курилы", "хабомаи",
    "шикотан", "вашингтон", "лондон", "пекин",
];

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PLACES.iter().copied().collect())
}

/// Is a folded key (one word, or several run together) a known place?
pub(super) fn is_place(key: &str) -> bool {
    set().contains(key)
}

/// Is `stem` a known place's stem: the place itself or the place less a
/// final "s" or "a" ("korea" for Korean, "ryukyus" for Ryukyuan)? Asked
/// of every capitalized word at build, hence a set made once.
pub(super) fn place_stem(stem: &str) -> bool {
    static STEMS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    STEMS
        .get_or_init(|| {
            PLACES
                .iter()
                .flat_map(|p| [Some(*p), p.strip_suffix('s'), p.strip_suffix('a')])
                .flatten()
                .collect()
        })
        .contains(stem)
}
