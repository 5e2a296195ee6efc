//! The domain of the service as plain Rust: no I/O, compiled both into the browser bundle and
//! the server, so every rule exists once.

pub mod account_case;
pub mod accounts;
pub mod agents;
pub mod appointments;
pub mod catalogue;
pub mod complement;
pub mod corrections;
pub mod countries;
pub mod date;
pub mod feedback;
pub mod files;
pub mod identifiers;
pub mod lawful_stay;
pub mod lifecycle;
pub mod messages;
pub mod navigation;
pub mod notifications;
pub mod password;
pub mod registration;
pub mod tracker;
pub mod validation;
