//! Address completion for the wizard and the account page. By default the suggestions come
//! from the national address base (BAN) imported into the database (`base`, loaded with
//! `server import addresses <file.csv>`); when `ANEF_ADDRESS_API_URL` is set, from its online
//! API (`ban`).

pub mod ban;
pub mod base;

/// Fewer characters give too many answers to be useful (the BAN asks for 3 at least).
pub const MIN_QUERY_CHARS: usize = 3;
/// Suggestions shown at once.
pub const LIMIT: usize = 6;
