//! Language and script from title and body, offline, with two detectors:
//! whatlang (trigram profiles, 69 languages, ~0.3 ms an article) for
//! texts of [`SHORT_TEXT`] characters or more that it identifies reliably,
//! and lingua (Naive Bayes on 1- to 5-grams of 30 languages) for shorter
//! texts and whatlang's unreliable calls. whatlang misreads short English:
//! on the first 50 characters of the 792 development articles (all
//! English), with and without the title, it was right on 1,250 of 1,584,
//! lingua on 1,571 (docs/benchmarks.md).

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use whatlang::{Detector, Lang, Script};

/// Texts shorter than this many characters go to lingua whatever whatlang
/// says ("Israeli Prime Minister Benjamin Netanyahu met Palestinian
/// President Yasser Arafat in Gaza on Thursday, officials said." is
/// Catalan to whatlang, reliably).
pub const SHORT_TEXT: usize = 200;

/// Fewest letters in a text's lower-case words for them to confirm a
/// declared language against a detection (see [`decide`]).
const SMALL_WORDS_MIN_LETTERS: usize = 20;

/// Characters of a text that lingua reads: its cost grows with the text,
/// and a few sentences decide.
const LINGUA_SAMPLE: usize = 1_000;

/// lingua's probability (its values for the 30 languages sum to 1) from
/// which its pick counts as reliable: on the 1,584 short development
/// texts, every pick at 0.5 or more was right (1,309 of them), and 13 of
/// the 275 below were wrong.
const LINGUA_RELIABLE: f64 = 0.5;

/// lingua with the languages compiled in (the workspace's cargo features:
/// the 30 of `bench/langid`). Its models load on first use (~90 MB
/// resident), so a stream of long articles never pays for them.
static LINGUA: LazyLock<LanguageDetector> =
    LazyLock::new(|| LanguageDetectorBuilder::from_all_languages().build());

/// What the text is written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code ("" when the detector's language has none).
    pub language: String,
    /// The detector's confidence in [0, 1] (lingua's: the language's
    /// probability).
    pub confidence: f64,
    /// ISO 15924 script code ("Latn", "Hang", …), from whatlang.
    pub script: String,
    /// The detector considers the result reliable.
    pub reliable: bool,
    /// The language is the page's declared one, kept over an unreliable
    /// detection (see [`decide`]).
    pub from_declaration: bool,
}

/// Detects the language of `text` (title and body): whatlang's answer
/// for a long text it is sure of, lingua's otherwise.
pub fn detect(text: &str) -> Option<Detected> {
    detect_with_values(text).map(|(detected, _)| detected)
}

/// lingua's probability for each language, most likely first.
type Probabilities = Vec<(Language, f64)>;

/// [`detect`], with lingua's probabilities when lingua read the text (for
/// [`decide`], which would otherwise read it twice).
fn detect_with_values(text: &str) -> Option<(Detected, Option<Probabilities>)> {
    let info = Detector::new().detect(text)?;
    let mut detected = Detected {
        language: iso639_1(info.lang()).to_string(),
        confidence: info.confidence(),
        script: iso15924(info.script()).to_string(),
        reliable: info.is_reliable(),
        from_declaration: false,
    };
    let long = text.chars().nth(SHORT_TEXT).is_some();
    if detected.reliable && long {
        return Some((detected, None));
    }
    let values = LINGUA.compute_language_confidence_values(lingua_sample(text));
    if let Some((language, confidence)) = values.first().filter(|(_, c)| *c > 0.0) {
        detected.language = language.iso_code_639_1().to_string();
        detected.confidence = rounded(*confidence);
        detected.reliable = *confidence >= LINGUA_RELIABLE;
    }
    Some((detected, Some(values)))
}

/// `text` without its capitalised words: names say little of the language
/// around them, and a text that is mostly names reads as the names'
/// language ("Results of German first division soccer matches played on
/// Saturday: Bayer Leverkusen 2 Borussia Moenchengladbach 0 …" was German,
/// reliably, and lost its English annotators). The small words, in lower
/// case, are the language's; one that capitalises its nouns keeps its
/// verbs and articles.
fn without_capitalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let first_letter = word.chars().find(|c| c.is_alphabetic());
        if first_letter.is_some_and(char::is_uppercase) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// lingua sums its n-gram probabilities in hash-map order, so the last
/// bits of a value differ from run to run: six decimals are repeatable.
fn rounded(p: f64) -> f64 {
    (p * 1e6).round() / 1e6
}

fn lingua_sample(text: &str) -> &str {
    text.char_indices()
        .nth(LINGUA_SAMPLE)
        .map_or(text, |(i, _)| &text[..i])
}

/// The language of `text` (title and body) on a page that declares
/// `declared` ("en-GB"; "" for none): the detection when it is reliable,
/// which corrects a wrong declaration — unless the text's lower-case words
/// alone are reliably in the declared language (names misled the
/// detector: an English results table of German clubs). When the
/// detection is not reliable, the declared language is kept if it is
/// written in the detected script, with lingua's probability for it (0 for
/// a language lingua does not hold).
pub fn decide(text: &str, declared: &str) -> Option<Detected> {
    let (detected, values) = detect_with_values(text)?;
    if agrees(declared, &detected.language) {
        return Some(detected);
    }
    let stated = Lang::all()
        .iter()
        .copied()
        .find(|&l| !iso639_1(l).is_empty() && agrees(declared, iso639_1(l)));
    let Some(stated) = stated else {
        return Some(detected);
    };
    // whatlang's own table of the languages each script writes.
    let written_so = whatlang::detect_script(text).is_some_and(|s| s.langs().contains(&stated));
    if !written_so {
        return Some(detected);
    }
    let code = iso639_1(stated);
    if detected.reliable {
        return Some(
            small_words_confirm(text, code).map_or(detected.clone(), |confidence| Detected {
                language: code.to_string(),
                confidence,
                from_declaration: true,
                ..detected
            }),
        );
    }
    let values =
        values.unwrap_or_else(|| LINGUA.compute_language_confidence_values(lingua_sample(text)));
    let confidence = values
        .into_iter()
        .find(|(l, _)| l.iso_code_639_1().to_string() == code)
        .map_or(0.0, |(_, c)| rounded(c));
    Some(Detected {
        language: code.to_string(),
        confidence,
        from_declaration: true,
        ..detected
    })
}

/// lingua's probability for the declared language `code` when the text's
/// lower-case words alone are reliably in it: a detection that disagrees
/// was misled by names (see [`without_capitalised`]). `None` when they are
/// too few or say otherwise.
fn small_words_confirm(text: &str, code: &str) -> Option<f64> {
    let small = without_capitalised(text);
    if small.chars().filter(|c| c.is_alphabetic()).count() < SMALL_WORDS_MIN_LETTERS {
        return None;
    }
    let values = LINGUA.compute_language_confidence_values(lingua_sample(&small));
    let (language, confidence) = values.first()?;
    (language.iso_code_639_1().to_string() == code && *confidence >= LINGUA_RELIABLE)
        .then(|| rounded(*confidence))
}

/// Whether a declared language tag ("en-GB", "ko_KR") names `language`.
pub fn agrees(declared: &str, language: &str) -> bool {
    let primary = declared.split(['-', '_']).next().unwrap_or_default();
    !language.is_empty() && primary.eq_ignore_ascii_case(language)
}

fn iso639_1(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        _ => "",
    }
}

fn iso15924(script: Script) -> &'static str {
    use Script::*;
    match script {
        Latin => "Latn",
        Cyrillic => "Cyrl",
        Arabic => "Arab",
        Devanagari => "Deva",
        Hiragana | Katakana => "Jpan",
        Ethiopic => "Ethi",
        Hebrew => "Hebr",
        Bengali => "Beng",
        Georgian => "Geor",
        Mandarin => "Hani",
        Hangul => "Hang",
        Greek => "Grek",
        Kannada => "Knda",
        Tamil => "Taml",
        Thai => "Thai",
        Gujarati => "Gujr",
        Gurmukhi => "Guru",
        Telugu => "Telu",
        Malayalam => "Mlym",
        Oriya => "Orya",
        Myanmar => "Mymr",
        Sinhala => "Sinh",
        Khmer => "Khmr",
        Armenian => "Armn",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_scripts() {
        let cases = [
            ("The council voted on Tuesday to approve the long-debated harbour plan after months of hearings.", "en", "Latn"),
            ("Der Stadtrat hat am Dienstag nach monatelangen Anhörungen den umstrittenen Hafenplan genehmigt.", "de", "Latn"),
            ("Городской совет во вторник одобрил долгожданный план развития порта после долгих слушаний.", "ru", "Cyrl"),
            ("해성시가 28일 대암저수지에 국내 첫 수상 태양광 발전소를 준공했다고 밝혔다.", "ko", "Hang"),
        ];
        for (text, lang, script) in cases {
            let d = detect(text).expect(text);
            assert_eq!(
                (d.language.as_str(), d.script.as_str()),
                (lang, script),
                "{text}"
            );
        }
        assert!(agrees("en-GB", "en"));
        assert!(!agrees("de", "en"));
        assert!(!agrees("", "en"));
    }

    /// A text that is mostly names reads as the names' language; its
    /// lower-case words keep the declared language when they are in it,
    /// and a declaration the small words contradict is still corrected.
    #[test]
    fn names_do_not_overrule_a_declaration_the_small_words_confirm() {
        let report = "SOCCER - GERMAN FIRST DIVISION RESULTS\nBONN 1996-08-24\n\
            Results of German first division soccer matches played on Saturday:\n\
            Bayer Leverkusen 2 Borussia Moenchengladbach 0\nWerder Bremen 1 Hamburg 1\n\
            Schalke 3 Hansa Rostock 1";
        let alone = detect(report).expect("detected");
        assert_eq!((alone.language.as_str(), alone.reliable), ("de", true));
        let kept = decide(report, "en").expect("detected");
        assert_eq!(kept.language, "en");
        assert!(kept.from_declaration && kept.reliable, "{kept:?}");
        assert_eq!(decide(report, ""), Some(alone));
        let german = "Der Stadtrat hat am Dienstag nach monatelangen Anhörungen den umstrittenen Hafenplan genehmigt, \
            wie die Stadtverwaltung in Hamburg mitteilte. Die Opposition kündigte an, gegen den Beschluss zu klagen.";
        let corrected = decide(german, "en").expect("detected");
        assert_eq!(corrected.language, "de");
        assert!(!corrected.from_declaration);
    }

    /// Short texts go to lingua: an English sentence of names that
    /// whatlang reliably calls Catalan is English.
    #[test]
    fn short_texts_are_read_by_lingua() {
        let brief = "Israeli Prime Minister Benjamin Netanyahu met Palestinian President Yasser Arafat in Gaza on Thursday, officials said.";
        let by_whatlang = Detector::new().detect(brief).expect("detected");
        assert_eq!(by_whatlang.lang(), Lang::Cat);
        assert!(by_whatlang.is_reliable());
        assert_eq!(detect(brief).expect("detected").language, "en");
    }

    /// An unreliable detection gives way to the declared language written
    /// in the same script; a reliable one corrects the declaration; a
    /// declaration in another script, or in no language the detector
    /// knows, changes nothing.
    #[test]
    fn the_declared_language_is_kept_over_an_unreliable_detection() {
        let brief = "The photo composition techniques are decisive for ";
        let alone = detect(brief).expect("detected");
        assert!(!alone.reliable && alone.language != "en", "{alone:?}");
        let kept = decide(brief, "en-US").expect("detected");
        assert_eq!(kept.language, "en");
        assert!(kept.from_declaration);
        assert!(kept.confidence > 0.0 && kept.confidence < 0.5, "{kept:?}");
        for declared in ["", "ko", "xx"] {
            let d = decide(brief, declared).expect("detected");
            assert_eq!(d, alone, "declared {declared:?}");
        }
        let french = "Le conseil municipal a approuvé mardi le projet portuaire longtemps débattu, après des mois d'audiences publiques.";
        let corrected = decide(french, "en").expect("detected");
        assert_eq!(
            (corrected.language.as_str(), corrected.from_declaration),
            ("fr", false)
        );
    }
}
