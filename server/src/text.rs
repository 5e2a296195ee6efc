//! Text as searches match it, the same on both sides of a comparison (addresses, holders'
//! names): the database compares plain lower-case words, whatever the language's accents.

use unicode_normalization::UnicodeNormalization;

/// Lower case, without accents or punctuation, words separated by one space
/// ("12 bis, Rue de l'Église" → "12 bis rue de l eglise", "GUTIÉRREZ" → "gutierrez").
pub fn search_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase) {
        let ligature = match c {
            'œ' => Some("oe"),
            'æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match ligature {
                Some(letters) => out.push_str(letters),
                None => out.push(c),
            }
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::search_text;

    #[test]
    fn text_is_matched_without_accents_case_or_punctuation() {
        assert_eq!(search_text("12 bis, Rue de l'Église"), "12 bis rue de l eglise");
        assert_eq!(search_text("  Cœur-de-Ville  ÎLE  "), "coeur de ville ile");
        assert_eq!(search_text("Hunière"), search_text("HUNIERE"));
        assert_eq!(search_text("Gutiérrez Wójcik-Traoré"), "gutierrez wojcik traore");
        assert_eq!(search_text("\"*) OR 1"), "or 1", "nothing of a query language survives");
        assert_eq!(search_text(""), "");
    }
}
