//! Language and script from title and body, with whatlang (trigram
//! profiles, offline, no model download).

use whatlang::{Detector, Lang, Script};

/// What the text is written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code ("" when whatlang's language has none).
    pub language: String,
    /// whatlang's confidence in [0, 1].
    pub confidence: f64,
    /// ISO 15924 script code ("Latn", "Hang", …).
    pub script: String,
    /// whatlang considers the result reliable.
    pub reliable: bool,
    /// The language is the page's declared one, kept over an unreliable
    /// detection (see [`decide`]).
    pub from_declaration: bool,
}

/// Detects the language of `text` (title and body).
pub fn detect(text: &str) -> Option<Detected> {
    let info = Detector::new().detect(text)?;
    Some(Detected {
        language: iso639_1(info.lang()).to_string(),
        confidence: info.confidence(),
        script: iso15924(info.script()).to_string(),
        reliable: info.is_reliable(),
        from_declaration: false,
    })
}

/// The language of `text` (title and body) on a page that declares
/// `declared` ("en-GB"; "" for none): the detector's pick when it is
/// reliable, which corrects a wrong declaration. When it is not (a brief of
/// one sentence: "Israeli Prime Minister Benjamin Netanyahu met …" reads as
/// Catalan), the declared language is kept if the detector knows it and it
/// is written in the detected script, with the detector's confidence when
/// choosing between the two alone (0 when it still prefers its own pick).
pub fn decide(text: &str, declared: &str) -> Option<Detected> {
    let detected = detect(text)?;
    if detected.reliable || agrees(declared, &detected.language) {
        return Some(detected);
    }
    let picked = Lang::all()
        .iter()
        .copied()
        .find(|&l| iso639_1(l) == detected.language);
    let stated = Lang::all()
        .iter()
        .copied()
        .find(|&l| !iso639_1(l).is_empty() && agrees(declared, iso639_1(l)));
    let (Some(picked), Some(stated)) = (picked, stated) else {
        return Some(detected);
    };
    let written_so = whatlang::detect_script(text).is_some_and(|script| {
        whatlang::Detector::with_allowlist(vec![stated])
            .detect(text)
            .is_some_and(|i| i.script() == script)
    });
    if !written_so {
        return Some(detected);
    }
    let confidence = Detector::with_allowlist(vec![stated, picked])
        .detect(text)
        .filter(|i| i.lang() == stated)
        .map_or(0.0, |i| i.confidence());
    Some(Detected {
        language: iso639_1(stated).to_string(),
        confidence,
        from_declaration: true,
        ..detected
    })
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

    /// An unreliable detection gives way to the declared language written
    /// in the same script; a reliable one corrects the declaration; a
    /// declaration in another script, or in no language the detector
    /// knows, changes nothing.
    #[test]
    fn the_declared_language_is_kept_over_an_unreliable_detection() {
        let brief = "Syria's foreign minister Farouk al-Shara met his Egyptian counterpart Amr Moussa in Cairo.";
        let alone = detect(brief).expect("detected");
        assert!(!alone.reliable && alone.language != "en", "{alone:?}");
        let kept = decide(brief, "en-US").expect("detected");
        assert_eq!(kept.language, "en");
        assert!(kept.from_declaration);
        assert!((0.0..=1.0).contains(&kept.confidence));
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
