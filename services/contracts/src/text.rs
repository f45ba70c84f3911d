//! Word counting shared by the stages, so `Article.wordCount` (parse) and
//! `Enrichment.wordCount` (enrich) count the same way.

/// Han and kana: scripts written without spaces between words.
pub fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF) // Han
}

/// Characters counted as a word each: Han, kana and Thai (scripts that do
/// not separate words with spaces; Hangul does).
pub fn is_unspaced(c: char) -> bool {
    is_han_or_kana(c) || matches!(c as u32, 0x0E00..=0x0E7F)
}

/// Words of `text`: (whitespace-separated runs of letters and digits,
/// characters of unspaced scripts, one word each).
pub fn count_words(text: &str) -> (u32, u32) {
    let (mut words, mut unspaced) = (0u32, 0u32);
    for token in text.split_whitespace() {
        let mut in_word = false;
        for c in token.chars() {
            if is_unspaced(c) {
                unspaced += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    words += 1;
                }
                in_word = true;
            }
        }
    }
    (words, unspaced)
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn spaced_and_unspaced_scripts() {
        // "7-4" is one run: only whitespace and unspaced scripts end a word.
        assert_eq!(count_words("The council's vote, 7-4."), (4, 0));
        assert_eq!(count_words("東京で 2024年"), (1, 4));
        assert_eq!(count_words("서울에서 열린 회의"), (3, 0));
        assert_eq!(count_words(""), (0, 0));
    }
}
