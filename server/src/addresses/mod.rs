//! Address completion for the wizard and the account page. By default the suggestions come
//! from the national address base (BAN) imported into the database (`base`, loaded with
//! `server import addresses <file.csv>`); when `ANEF_ADDRESS_API_URL` is set, from its online
//! API (`ban`).

pub mod ban;
pub mod base;

use unicode_normalization::UnicodeNormalization;

/// Fewer characters give too many answers to be useful (the BAN asks for 3 at least).
pub const MIN_QUERY_CHARS: usize = 3;
/// Suggestions shown at once.
pub const LIMIT: usize = 6;

/// An address as both sides index and match it: lower case, without accents or punctuation,
/// words separated by one space ("12 bis, Rue de l'Église" → "12 bis rue de l eglise").
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
    fn addresses_are_matched_without_accents_case_or_punctuation() {
        assert_eq!(search_text("12 bis, Rue de l'Église"), "12 bis rue de l eglise");
        assert_eq!(search_text("  Cœur-de-Ville  ÎLE  "), "coeur de ville ile");
        assert_eq!(search_text("Hunière"), search_text("HUNIERE"));
        assert_eq!(search_text("\"*) OR 1"), "or 1", "nothing of a query language survives");
        assert_eq!(search_text(""), "");
    }
}
