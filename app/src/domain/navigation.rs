//! Where the service may send a person back to after logging in or switching language.

/// The longest return path kept; the paths of this site are far shorter.
pub const RETURN_PATH_MAX: usize = 512;

/// `value` when it is a path of this site, `None` otherwise (no open redirect).
///
/// Browsers drop tabs and newlines from an address and read `\` as `/`, so `/\t/evil.example`
/// or `/\evil.example` would leave the site: a control character, any whitespace or a
/// backslash is refused, as is a second leading slash (an address without a scheme).
pub fn safe_return_path(value: &str) -> Option<&str> {
    let local = value.starts_with('/') && !value.starts_with("//") && value.len() <= RETURN_PATH_MAX;
    let clean = !value.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    (local && clean).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept() {
        for path in ["/", "/demarches", "/demarches/demande/12/etape/informations?x=1#haut", "/.//x", "/%2F%2Fevil.example"] {
            assert_eq!(safe_return_path(path), Some(path), "{path:?}");
        }
    }

    /// Known open-redirect payloads, as the query string delivers them once decoded.
    #[test]
    fn every_way_out_of_the_site_is_refused() {
        let payloads = [
            "//evil.example",
            "///evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\\/evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            " /evil",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "/\u{3000}/evil.example",
            "evil.example",
            "",
        ];
        for payload in payloads {
            assert_eq!(safe_return_path(payload), None, "{payload:?}");
        }
        assert_eq!(safe_return_path(&format!("/{}", "a".repeat(RETURN_PATH_MAX))), None);
    }
}
